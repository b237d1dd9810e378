import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../src/auth/auth.ts';
import { createTestUser, TEST_PASSWORD } from '../helpers/app.ts';
import { browserSession } from './browser.ts';
import { type SeededSite, seedSite, sitePages } from './site-pages.ts';

/**
 * Run in the page: its scroll width, and the innermost elements past the right edge (the
 * ones that push it wider), named by tag and class. A string, as tsx would add helper calls
 * to a function that the page does not have.
 */
const MEASURE_WIDTH = `(() => {
  const edge = document.documentElement.clientWidth + 0.5;
  const past = (el) => el.getBoundingClientRect().right > edge;
  const wide = [...document.querySelectorAll('body *')].filter((el) => past(el) && ![...el.children].some(past)).slice(0, 4)
    .map((el) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)');
  return { scroll: document.scrollingElement.scrollWidth, wide };
})()`;

/** The narrowest phone the site supports (CSS px) and a phone's height. */
const PHONE = { width: 375, height: 800 };

describe('every page at 375 px wide, in a real browser', () => {
  let seeded: SeededSite;
  const users: Partial<Record<Role, string>> = {};
  const session = browserSession(async (t) => {
    seeded = await seedSite(t);
    for (const role of ['admin', 'editor', 'reader'] as const) users[role] = await createTestUser(t, role);
  });

  /** One browser context (own cookies) per kind of user, at phone size, logged in once. */
  const contexts = new Map<string, Promise<Page>>();
  const pageAs = (as: Role | 'visitor'): Promise<Page> => {
    let page = contexts.get(as);
    if (!page) {
      page = (async () => {
        const browser = session.page.context().browser() as Browser;
        const context: BrowserContext = await browser.newContext({ viewport: PHONE });
        const p = await context.newPage();
        if (as !== 'visitor') {
          await p.goto(`${session.baseUrl}/login`);
          await p.getByLabel('Username').fill(users[as]!);
          await p.getByLabel('Password').fill(TEST_PASSWORD);
          await p.getByRole('button', { name: 'Log in' }).click();
          await p.waitForURL((url) => !url.pathname.startsWith('/login'));
        }
        return p;
      })();
      contexts.set(as, page);
    }
    return page;
  };

  it('no page scrolls sideways (document width <= 375 px), logged in as admin (and as lower roles for the 403 pages)', async () => {
    const failures: string[] = [];
    for (const entry of sitePages(seeded)) {
      const page = await pageAs(entry.as ?? 'admin');
      let status = 0;
      const onResponse = (r: import('playwright-core').Response) => {
        if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) status = r.status();
      };
      page.on('response', onResponse);
      if (typeof entry.open === 'string') await page.goto(`${session.baseUrl}${entry.open}`);
      else await entry.open(page, session.baseUrl);
      await page.waitForLoadState('load');
      page.off('response', onResponse);
      assert.equal(status, entry.status ?? 200, `${entry.name}: HTTP status`);
      const widths = await page.evaluate<{ scroll: number; wide: string[] }>(MEASURE_WIDTH);
      if (widths.scroll > PHONE.width) failures.push(`${entry.name} (${page.url()}): ${widths.scroll} px wide; widest: ${widths.wide.join(', ')}`);
    }
    assert.deepEqual(failures, [], `pages wider than ${PHONE.width} px:\n${failures.join('\n')}`);
  });

  it('the navigation wraps at 375 px: every link is on screen, none overlaps another, and each one works', async () => {
    const page = await pageAs('admin');
    await page.goto(`${session.baseUrl}/`);
    const boxes = await page.locator('.site-header .nav a, .site-header .nav button').evaluateAll((els) =>
      els.map((el) => { const r = el.getBoundingClientRect(); return { text: (el as HTMLElement).innerText.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width }; }));
    const names = boxes.map((b) => b.text);
    for (const name of ['Verbatim', 'Search', 'Speakers', 'Add an article', 'Review', 'Users', 'Audit', 'Account', 'Log out']) assert.ok(names.includes(name), `the nav shows ${name}: ${names.join(', ')}`);
    for (const b of boxes) {
      assert.ok(b.left >= 0 && b.right <= PHONE.width && b.width > 0, `${b.text} is on screen (${b.left}-${b.right})`);
      // A tap target of its own: no two links share a point.
      for (const o of boxes) {
        if (o === b) continue;
        const overlap = b.left < o.right - 1 && o.left < b.right - 1 && b.top < o.bottom - 1 && o.top < b.bottom - 1;
        assert.ok(!overlap, `${b.text} and ${o.text} overlap`);
      }
    }
    assert.ok(new Set(boxes.map((b) => Math.round(b.top))).size > 1, 'the links wrap onto more than one line');
    await page.locator('.site-header .nav').getByRole('link', { name: 'Speakers' }).click();
    await page.waitForURL(/\/speakers$/);
    assert.equal(await page.locator('h1').innerText(), 'Speakers');
  });

  it('the home page at 375 px: the sentence, the counts, the newest conflict and article, and a search box that searches', async () => {
    const page = await pageAs('visitor');
    await page.goto(`${session.baseUrl}/`);
    assert.match(await page.locator('.home-intro .lead').innerText(), /^Verbatim reads news articles, finds every quote and reported claim/);
    const counts = await page.locator('.site-counts > div').allInnerTexts();
    assert.deepEqual(counts.map((c) => c.split('\n')[0]), ['Articles', 'Statements', 'Speakers']);
    assert.match(counts[0]!, /\n2$/, 'two articles are stored');
    assert.ok(Number(counts[1]!.split('\n')[1]) > 10, `statements counted: ${counts[1]}`);
    assert.match(await page.locator('.conflict-list li').first().innerText(), /ecosystem of criminal contract hackers[\s\S]*Credited to[\s\S]*Antony Blinken/);
    assert.match(await page.locator('#newest-articles + ol li, #newest-articles ~ ol li').first().innerText(), /A headline with|China slams/);
    assert.equal(await page.getByRole('link', { name: 'Add an article' }).count(), 0, 'a visitor is not offered Add an article');
    await page.getByRole('searchbox', { name: 'Search statements' }).fill('ecosystem');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=ecosystem$/);
    assert.ok((await page.locator('.hit').count()) > 0, 'the search found the seed article\'s statements');
  });
});
