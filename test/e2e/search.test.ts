import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCorpus } from '../search/corpus.ts';
import { browserSession } from './browser.ts';

describe('searching in a real browser', () => {
  const session = browserSession((t) => buildCorpus(t.handle.db));

  it('searches, applies a filter, opens a hit and lands on the highlighted quote in its article', async () => {
    await session.page.goto(session.baseUrl);
    await session.page.getByRole('link', { name: 'Search', exact: true }).click();
    await session.page.getByLabel('Words or quote').fill('attack');
    await session.page.getByRole('button', { name: 'Search' }).click();
    await session.page.waitForURL(/\/search\?q=attack/);
    assert.equal(await session.page.locator('.hit').count(), 4);
    assert.deepEqual(await session.page.locator('.hit-text mark').first().innerText(), 'attacked');

    await session.page.locator('summary', { hasText: 'Filters' }).click();
    await session.page.getByLabel('Outlet').fill('Other Times');
    await session.page.getByLabel('Statement kind').selectOption('quote');
    await session.page.getByRole('button', { name: 'Search' }).click();
    await session.page.waitForURL(/outlet=Other\+Times/);
    assert.equal(await session.page.locator('.hit').count(), 2);
    assert.equal(await session.page.getByLabel('Outlet').inputValue(), 'Other Times', 'the form keeps the query');

    const hit = session.page.locator('.hit', { hasText: 'Microsoft Exchange' });
    const href = (await hit.locator('a.hit-link').getAttribute('href'))!;
    await hit.locator('a.hit-link').click();
    await session.page.waitForURL(/\/articles\/\d+#s-\d+$/);
    const fragment = new URL(session.page.url()).hash;
    assert.equal(fragment, href.slice(href.indexOf('#')));
    const target = session.page.locator(`mark${fragment}`);
    assert.equal(await target.innerText(), 'The attack on Microsoft Exchange was reckless');
    assert.ok(await target.isVisible());
    assert.ok(await target.evaluate((el) => el.matches(':target')));
    const box = await target.boundingBox();
    const viewport = session.page.viewportSize()!;
    assert.ok(box && box.y >= 0 && box.y < viewport.height, `the quote is scrolled into view: ${JSON.stringify(box)} in ${JSON.stringify(viewport)}`);
  });

  it('suggests speakers as one types in the speaker box', async () => {
    await session.page.goto(`${session.baseUrl}/search`);
    await session.page.locator('summary', { hasText: 'Filters' }).click();
    await session.page.getByLabel('Speaker', { exact: true }).pressSequentially('blin');
    await session.page.waitForFunction(() => document.querySelectorAll('#speaker-suggestions option').length > 0);
    assert.deepEqual(await session.page.locator('#speaker-suggestions option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['Antony Blinken']);
  });
});
