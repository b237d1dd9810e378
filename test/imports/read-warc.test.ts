// WARC and WARC.gz input of the import CLI, on files written in the test by warcio's serializer.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseArticleFields } from '../../src/articles/articles.ts';
import { readInputs } from '../../src/imports/read/index.ts';
import { collect, good, summary, tempFolder } from './read-helpers.ts';
import { SAMPLE, STORY_DATE, STORY_HTML, STORY_URL, writeWarc } from './warc-fixture.ts';

describe('WARC', () => {
  for (const gzip of [false, true]) {
    it(`${gzip ? '.warc.gz' : '.warc'}: an HTML response is an article (url, accessed); an image and a 404 are bad records at their offsets; other records are skipped`, async () => {
      const file = path.join(tempFolder(), gzip ? 'crawl.warc.gz' : 'crawl.warc');
      const offsets = await writeWarc(file, SAMPLE, gzip);
      const records = await collect(readInputs([file], {}));
      assert.deepEqual(records.map(summary), [
        `record at byte ${offsets[2]} ok`,
        `record at byte ${offsets[3]} record: not an HTML page (image/png)`,
        `record at byte ${offsets[4]} record: not a page: HTTP status 404 (text/html)`,
      ]);
      const { raw } = good(records[0]);
      assert.deepEqual(raw, { fields: { url: STORY_URL, accessed: STORY_DATE }, body: { text: STORY_HTML, format: 'html', field: 'html' } });
      assert.equal(parseArticleFields(raw.fields).accessed?.toISOString(), '2024-03-05T10:20:30.000Z');
    });
  }

  it('decodes a page in the charset its Content-Type names; a page not valid in its charset is a bad encoding record', async () => {
    const dir = tempFolder();
    const file = path.join(dir, 'charset.warc');
    const latin1Page = Buffer.concat([Buffer.from('<html><body><p>“Caf'), Buffer.from([0xe9]), Buffer.from(' open,” she said.</p></body></html>')]);
    const offsets = await writeWarc(file, [
      { type: 'response', url: 'https://news.example/cafe', contentType: 'text/html; charset=windows-1252', body: latin1Page },
      { type: 'response', url: 'https://news.example/bad', contentType: 'text/html', body: latin1Page },
      { type: 'response', url: 'https://news.example/x.xhtml', contentType: 'application/xhtml+xml', body: `<html><body><p>${'Fine text. '.repeat(5)}</p></body></html>` },
    ]);
    const records = await collect(readInputs([file], {}));
    assert.deepEqual(records.map(summary), [`record at byte ${offsets[0]} ok`, `record at byte ${offsets[1]} encoding: the page is not valid utf-8`, `record at byte ${offsets[2]} ok`]);
    assert.ok(good(records[0]).raw.body!.text.includes('Café open'));
  });

  it('a file that is not a WARC, or is cut short, ends with one bad warc record (never a hang)', async () => {
    const dir = tempFolder();
    const whole = path.join(dir, 'whole.warc');
    const offsets = await writeWarc(whole, SAMPLE);
    const bytes = fs.readFileSync(whole);
    const wholeGz = path.join(dir, 'whole.warc.gz');
    const gzOffsets = await writeWarc(wholeGz, SAMPLE, true);
    fs.writeFileSync(path.join(dir, 'a-not.warc'), 'hello\nthis is no archive\n');
    fs.writeFileSync(path.join(dir, 'b-cut-in-image.warc'), bytes.subarray(0, offsets[4]! - 20));
    fs.writeFileSync(path.join(dir, 'c-cut-in-headers.warc'), bytes.subarray(0, offsets[3]! + 60));
    fs.writeFileSync(path.join(dir, 'd-cut.warc.gz'), fs.readFileSync(wholeGz).subarray(0, gzOffsets[3]! + 100));
    const records = await collect(readInputs(['a-not.warc', 'b-cut-in-image.warc', 'c-cut-in-headers.warc', 'd-cut.warc.gz'].map((f) => path.join(dir, f)), {}));
    assert.deepEqual(records.map((r) => `${path.basename(r.source)} ${summary(r)}`), [
      'a-not.warc record at byte 0 warc: not a WARC file (it does not start with a WARC/1.x header)',
      `b-cut-in-image.warc record at byte ${offsets[2]} ok`,
      `b-cut-in-image.warc record at byte ${offsets[3]} warc: cannot read on (the file ends inside this record: it is cut short)`,
      `c-cut-in-headers.warc record at byte ${offsets[2]} ok`,
      `c-cut-in-headers.warc record at byte ${offsets[3]} warc: cannot read on (a record without WARC-Type or Content-Length: the file is cut short or damaged)`,
      `d-cut.warc.gz record at byte ${gzOffsets[2]} ok`,
      `d-cut.warc.gz record at byte ${gzOffsets[3]} warc: cannot read on (the file ends inside this record: it is cut short)`,
    ]);
  });
});
