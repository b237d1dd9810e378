import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUxCorpus, SYNDICATING_OUTLETS } from '../search/ux-corpus.ts';
import { browserSession } from './browser.ts';

describe('search paging, copies and the form in a real browser', () => {
  const session = browserSession((t) => buildUxCorpus(t.handle.db));
  const hitTexts = () => session.page.locator('.hit-text').allInnerTexts();

  it('pages forward and back, saying "21–40 of 45"', async () => {
    const { page } = session;
    await page.goto(`${session.baseUrl}/search?q=harbour&limit=20`);
    assert.equal(await page.locator('.search-results > .range').innerText(), '1–20 of 45');
    const first = await hitTexts();
    assert.equal(first.length, 20);
    assert.equal(await page.getByRole('link', { name: 'Previous results' }).count(), 0);

    await page.getByRole('link', { name: 'Next results' }).click();
    await page.waitForURL(/cursor=/);
    assert.equal(await page.locator('.search-results > .range').innerText(), '21–40 of 45');
    assert.equal(await page.locator('.pager .range').innerText(), '21–40 of 45');
    const second = await hitTexts();
    const secondUrl = page.url();
    await page.getByRole('link', { name: 'Next results' }).click();
    await page.waitForURL((u) => u.href !== secondUrl);
    await page.waitForFunction(() => document.querySelector('.search-results > .range')?.textContent === '41–45 of 45');
    assert.equal(await page.getByRole('link', { name: 'Next results' }).count(), 0);

    await page.getByRole('link', { name: 'Previous results' }).click();
    await page.waitForFunction(() => document.querySelector('.search-results > .range')?.textContent === '21–40 of 45');
    assert.deepEqual(await hitTexts(), second, 'back from page 3 is exactly page 2');
    await page.getByRole('link', { name: 'Previous results' }).click();
    await page.waitForURL(/\/search\?q=harbour&limit=20$/);
    assert.equal(await page.locator('.search-results > .range').innerText(), '1–20 of 45');
    assert.deepEqual(await hitTexts(), first, 'back from page 2 is exactly page 1');
  });

  it('shows a syndicated statement once with "also in 3 outlets", and every copy with the switch', async () => {
    const { page } = session;
    await page.goto(`${session.baseUrl}/search`);
    await page.getByLabel('Words or quote').fill('allied territory');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=allied\+territory/);
    assert.equal(await page.locator('.hit').count(), 2);
    const grouped = page.locator('.hit', { has: page.locator('a.copies') });
    assert.equal(await grouped.locator('a.copies').innerText(), 'also in 3 outlets');
    assert.match(await grouped.locator('.meta').innerText(), new RegExp(SYNDICATING_OUTLETS[0]!));
    assert.match((await grouped.locator('a.copies').getAttribute('href'))!, /^\/clusters\/\d+$/);

    await page.getByLabel('show every copy of a syndicated statement').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/copies=all/);
    assert.equal(await page.locator('.hit').count(), 5);
    assert.ok(await page.getByLabel('show every copy of a syndicated statement').isChecked(), 'the switch stays on');

    await grouped.first().locator('a.copies').click();
    await page.waitForURL(/\/clusters\/\d+$/);
  });

  it('submits the form without empty parameters', async () => {
    const { page } = session;
    await page.goto(`${session.baseUrl}/search`);
    await page.getByLabel('Words or quote').fill('harbour');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?/);
    assert.equal(new URL(page.url()).search, '?q=harbour');

    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByLabel('Outlet').fill('Harbour Outlet 1');
    await page.getByLabel('Sort').selectOption('oldest');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/outlet=/);
    assert.equal(new URL(page.url()).search, '?q=harbour&outlet=Harbour+Outlet+1&sort=oldest');
    assert.equal(await page.locator('.hit').count(), 15);

    // Going back, the form is whole again: fields are not left disabled.
    await page.goBack();
    await page.waitForURL(/\?q=harbour$/);
    assert.equal(await page.getByLabel('Words or quote').isDisabled(), false);
  });
});
