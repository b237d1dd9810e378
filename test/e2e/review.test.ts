import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { buildSubmission } from '../../src/ingest/build-submission.ts';
import { ingestArticle } from '../../src/ingest/ingest-article.ts';
import { createTestUser } from '../helpers/app.ts';
import { browserSession, logIn } from './browser.ts';

const seedText = fs.readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8');

describe('reviewing from the keyboard in a real browser', () => {
  let username = '';
  let articleId = 0;
  const session = browserSession(async (t) => {
    username = await createTestUser(t, 'editor');
    const raw = { fields: { title: "China slams 'groundless' allegations of Microsoft hack", outlet: '24 News HD', published: '2021-07-20' }, body: { text: seedText, format: 'text' as const, field: 'text' } };
    articleId = (await ingestArticle({ db: t.handle.db, statementTimeoutMs: 60_000 }, await buildSubmission(raw, t.readers.readArticle))).articleId;
  });

  it('corrects the first queued attribution of the seed article to another speaker; search, speaker page and history follow', async () => {
    const { page, baseUrl } = session;
    await logIn(session, username);

    await page.goto(`${baseUrl}/review?article=${articleId}`);
    assert.ok((await page.locator('.review-row').count()) > 1, 'the seed article fills the queue');
    await page.keyboard.press('j');
    const row = page.locator('.review-row.focused');
    assert.equal(await row.count(), 1, 'j focuses the first row');
    assert.equal(await page.locator('.review-row').first().getAttribute('class'), 'review-row focused');
    const statementId = Number(await row.getAttribute('data-statement'));
    await page.keyboard.press('c');
    await page.waitForURL(new RegExp(`/statements/${statementId}\\?review=correct$`));
    // The correction form is ready to type into: its first field has the focus, not <body>.
    await page.waitForFunction(() => document.activeElement !== document.body);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('form#correct') !== null), true, 'focus is inside the correct form');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'c-speaker');
    // The reject form names its reasons in words.
    assert.deepEqual(await page.locator('#r-kind option').allInnerTexts(), ['(not given)', 'Not a statement', 'Not attributable']);

    const choice = page.locator('#c-speaker option:not([value=""])').first();
    const newSpeakerId = Number(await choice.getAttribute('value'));
    const newSpeakerName = (await choice.innerText()).trim();
    await page.locator('#c-speaker').selectOption(String(newSpeakerId));
    await page.locator('#c-reason').fill('Checked against the wire copy');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await page.waitForURL(new RegExp(`/statements/${statementId}$`));
    assert.match(await page.getByRole('status').innerText(), /Correction saved/);
    assert.equal((await page.locator('.current-speaker').innerText()).trim(), newSpeakerName);
    const versions = await page.locator('.history-version').allInnerTexts();
    assert.equal(versions.length, 2);
    assert.match(versions[0]!, new RegExp(`Version 2\\s+corrected[\\s\\S]*by ${username}[\\s\\S]*${newSpeakerName}[\\s\\S]*Checked against the wire copy`));
    assert.match(versions[1]!, /Version 1\s+machine[\s\S]*by the extractor/);

    await page.goto(`${baseUrl}/search?speaker=${encodeURIComponent(newSpeakerName)}`);
    assert.equal(await page.locator(`.hit a[href$="#s-${statementId}"]`).count() > 0, true, 'search by the new speaker lists it');
    await page.goto(`${baseUrl}/speakers/${newSpeakerId}`);
    assert.equal(await page.locator(`.statement-list a[href$="#s-${statementId}"]`).count(), 1, 'the new speaker page lists it');

    // Back in the queue, the reviewed row is gone.
    await page.goto(`${baseUrl}/review?article=${articleId}`);
    assert.equal(await page.locator(`.review-row[data-statement="${statementId}"]`).count(), 0);
  });
});
