import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRecordInline } from '../../src/imports/run-inline.ts';
import { createTestUser, type TestApp } from '../helpers/app.ts';
import { recordContext, seedImport, type SeededImport } from '../imports/seed-imports.ts';
import { browserSession, logIn } from './browser.ts';

// Issue 14 point 5: an import's page follows its progress without a reload
// (views/static/imports.js polling GET /api/imports/:id every 2 s), and stops once it is done.

describe('an import page updates its progress without a reload, in a real browser', () => {
  let t: TestApp;
  let username = '';
  let seeded: SeededImport;
  const session = browserSession(async (app) => {
    t = app;
    username = await createTestUser(t, 'admin');
    seeded = await seedImport(t, { unfinished: 2, label: 'live archive' });
  });

  it('shows the figures at load, then the bar and the stored count move as records are done, and polling stops when finished', async () => {
    const { page, baseUrl } = session;
    await logIn(session, username);

    const polls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/imports/')) polls.push(r.url());
    });
    await page.goto(`${baseUrl}/admin/imports/${seeded.importId}`);
    const bar = page.getByRole('progressbar', { name: 'live archive: records done' });
    const stored = page.locator('.import-figures [data-field="stored"]');
    const state = page.locator('.import-figures [data-field="state"]');
    assert.equal(await bar.getAttribute('value'), '4');
    assert.equal(await bar.getAttribute('max'), '6');
    assert.equal(await stored.innerText(), '1');
    assert.equal(await state.innerText(), 'running');
    // A marker that a reload would wipe.
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 1; });

    const ctx = recordContext(t);
    await runRecordInline(ctx, seeded.queued[0]!, { retryLimit: 0, retryDelaySeconds: 0 });
    await page.waitForFunction(() => document.querySelector('.import-figures [data-field="stored"]')?.textContent === '2', null, { timeout: 10_000 });
    assert.equal(await page.locator('progress[data-bar]').evaluate((el) => (el as HTMLProgressElement).value), 5);
    assert.equal(await page.locator('.import-bar [data-field="done"]').innerText(), '5');
    assert.equal(await state.innerText(), 'running');

    await runRecordInline(ctx, seeded.queued[1]!, { retryLimit: 0, retryDelaySeconds: 0 });
    await page.waitForFunction(() => document.querySelector('.import-figures [data-field="state"]')?.textContent === 'finished', null, { timeout: 10_000 });
    assert.equal(await stored.innerText(), '3');
    assert.equal(await page.locator('.import-figures [data-field="statements"]').innerText(), '3');
    assert.equal(await page.locator('progress[data-bar]').evaluate((el) => (el as HTMLProgressElement).value), 6);
    assert.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 1, 'the page was not reloaded');
    assert.ok(polls.length >= 2, `the page polled: ${polls.length}`);
    assert.ok(polls.every((u) => u.endsWith(`/api/imports/${seeded.importId}`)));

    const pollsWhenFinished = polls.length;
    await page.waitForTimeout(4500);
    assert.equal(polls.length, pollsWhenFinished, 'no poll after the import finished');
    // No failure or rejection came after the page loaded: the list of them is still current.
    assert.equal(await page.locator('[data-records-stale]').isHidden(), true);
  });
});
