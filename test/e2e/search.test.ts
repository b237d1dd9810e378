import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { listen, testApp } from '../helpers/app.ts';
import { buildCorpus } from '../search/corpus.ts';
import { launchBrowser } from './browser.ts';

describe('searching in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof listen>>;
  before(async () => {
    const t = await testApp();
    await buildCorpus(t.handle.db);
    server = await listen(t.app);
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches, applies a filter, opens a hit and lands on the highlighted quote in its article', async () => {
    await page.goto(server.baseUrl);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Words or quote').fill('attack');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=attack/);
    assert.equal(await page.locator('.hit').count(), 4);
    assert.deepEqual(await page.locator('.hit-text mark').first().innerText(), 'attacked');

    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByLabel('Outlet').fill('Other Times');
    await page.getByLabel('Statement kind').selectOption('quote');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/outlet=Other\+Times/);
    assert.equal(await page.locator('.hit').count(), 2);
    assert.equal(await page.getByLabel('Outlet').inputValue(), 'Other Times', 'the form keeps the query');

    const hit = page.locator('.hit', { hasText: 'Microsoft Exchange' });
    const href = (await hit.locator('a.hit-link').getAttribute('href'))!;
    await hit.locator('a.hit-link').click();
    await page.waitForURL(/\/articles\/\d+#s-\d+$/);
    const fragment = new URL(page.url()).hash;
    assert.equal(fragment, href.slice(href.indexOf('#')));
    const target = page.locator(`mark${fragment}`);
    assert.equal(await target.innerText(), 'The attack on Microsoft Exchange was reckless');
    assert.ok(await target.isVisible());
    assert.ok(await target.evaluate((el) => el.matches(':target')));
    const box = await target.boundingBox();
    const viewport = page.viewportSize()!;
    assert.ok(box && box.y >= 0 && box.y < viewport.height, 'the quote is scrolled into view');
  });

  it('suggests speakers as one types in the speaker box', async () => {
    await page.goto(`${server.baseUrl}/search`);
    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByLabel('Speaker', { exact: true }).pressSequentially('blin');
    await page.waitForFunction(() => document.querySelectorAll('#speaker-suggestions option').length > 0);
    assert.deepEqual(await page.locator('#speaker-suggestions option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['Antony Blinken']);
  });
});
