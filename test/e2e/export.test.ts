import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildCorpus } from '../search/corpus.ts';
import { browserSession } from './browser.ts';

describe('exporting from a page in a real browser', () => {
  const session = browserSession((t) => buildCorpus(t.handle.db));

  const download = async (name: string) => {
    const [file] = await Promise.all([session.page.waitForEvent('download'), session.page.locator('.export-links').getByRole('link', { name, exact: true }).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  };

  it('downloads the search\'s matches as CSV, and as CSV for Excel, from the results', async () => {
    await session.page.goto(`${session.baseUrl}/search?q=attack`);
    const shown = await session.page.locator('.hit').count();
    assert.ok(shown > 0);
    const csv = await download('CSV');
    assert.match(csv.name, /^verbatim-export-\d{4}-\d\d-\d\d\.csv$/, 'the file name carries the export date');
    const rows = parse(csv.bytes, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, shown, 'every match of the search, one row each');
    assert.ok(rows.every((r) => /attack/i.test(r.text!)));
    const excel = await download('CSV for Excel');
    assert.deepEqual([...excel.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  });

  it('downloads a speaker\'s statements from the speaker page', async () => {
    await session.page.goto(`${session.baseUrl}/search?speaker=Antony+Blinken`);
    await session.page.locator('.hit .attribution a', { hasText: 'Antony Blinken' }).first().click();
    await session.page.waitForURL(/\/speakers\/\d+$/);
    const listed = await session.page.locator('.statement-list .statement').count();
    const rows = parse((await download('CSV')).bytes, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, listed);
    assert.ok(rows.every((r) => r.speaker === 'Antony Blinken'));
  });
});
