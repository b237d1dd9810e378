// npm run import with bad input, as real processes: each bad record on stderr with its
// file:line (or byte offset) and field, in --errors as NDJSON, and the exit codes; bad options.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { writeFiles } from '../imports/read-helpers.ts';
import { SAMPLE, writeWarc } from '../imports/warc-fixture.ts';
import { type CliDatabase, cliDatabase, runImport, STACK_FRAME, summaryOf, tempDir } from './import-cli.ts';

const dir = tempDir('import-validation');
let db: CliDatabase;
let inline: string[];
before(async () => {
  db = await cliDatabase();
  inline = db.kind === 'server' ? ['--inline'] : [];
});

describe('npm run import with bad records', () => {
  const page = (n: number) => `<html><head><title>Page ${n}</title><meta property="article:published_time" content="10000-01-01"></head>` +
    `<body><p>"We act," US Secretary of State Antony Blinken said in page ${n}.</p></body></html>`;
  const inputs: string[] = [];
  let offsets: number[] = [];

  before(async () => {
    const lines = [
      JSON.stringify({ title: 'Nul\u0000 title', text: 'Text of the first record.' }),
      JSON.stringify({ title: 'Year ten thousand', published: '10000-01-01', text: 'Text of the second record.' }),
      JSON.stringify({ title: 'Lone \ud800 surrogate', text: 'Text of the third record.' }),
      JSON.stringify({ html: page(4) }),
      JSON.stringify({ title: 'Fine', published: '2020-01-02', text: '"It works," US Secretary of State Antony Blinken said.' }),
      JSON.stringify({ title: 'No text at all' }),
      JSON.stringify({ title: 'Bad date', published: 'soon', text: 'Text of the seventh record.' }),
      '{"title": "broken',
    ].map((l) => Buffer.from(`${l}\n`));
    const [jsonl, csv] = writeFiles(dir, {
      'batch.jsonl': Buffer.concat([...lines, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a])]),
      'sheet.csv': 'title,text\nCsv fine,"""We act,"" she said in the sheet."\nCsv empty,\n',
    });
    const warc = path.join(dir, 'crawl.warc');
    offsets = await writeWarc(warc, SAMPLE);
    inputs.push(jsonl!, csv!, warc);
  });

  it('prints each on stderr with file:line or its byte offset and field, writes them to --errors, stores the rest, exits 1', async () => {
    const errorsFile = path.join(dir, 'errors.ndjson');
    const r = await runImport(db, [...inline, '--errors', errorsFile, ...inputs]);
    assert.equal(r.status, 1, r.stderr);
    const jsonl = inputs[0]!;
    const warc = inputs[2]!;
    const expected = [
      [`${jsonl}:1`, 'title', /must not contain control characters/],
      [`${jsonl}:2`, 'published', /must (be a date|be between)/],
      [`${jsonl}:3`, 'title', /must be valid Unicode text/],
      [`${jsonl}:6`, 'text', /the article text is empty/],
      [`${jsonl}:7`, 'published', /must be a date/],
      [`${jsonl}:8`, 'json', /not valid JSON/],
      [`${jsonl}:9`, 'encoding', /the line is not valid UTF-8/],
      [`${inputs[1]}:3`, 'text', /the article text is empty/],
      [`${warc} (record at byte ${offsets[3]})`, 'record', /not an HTML page \(image\/png\)/],
      [`${warc} (record at byte ${offsets[4]})`, 'record', /not a page: HTTP status 404/],
    ] as const;
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith(dir));
    assert.equal(errorLines.length, expected.length, r.stderr);
    expected.forEach(([place, field, message], i) => {
      assert.ok(errorLines[i]!.startsWith(`${place}: ${field}: `), `${errorLines[i]} should start with ${place}: ${field}:`);
      assert.match(errorLines[i]!, message);
    });
    assert.doesNotMatch(r.stderr, STACK_FRAME);
    assert.deepEqual({ ...summaryOf(r.stdout), importId: 0, statements: 0 }, { importId: 0, done: 14, records: 14, stored: 4, duplicates: 0, errors: 10, statements: 0 });

    const written = fs.readFileSync(errorsFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(written.map((e) => [e.source, e.position, e.state, e.field]), [
      ...[1, 2, 3, 6, 7, 8, 9].map((n) => [jsonl, `line ${n}`, 'rejected', expected.find(([p]) => p === `${jsonl}:${n}`)![1]]),
      [inputs[1], 'line 3', 'rejected', 'text'],
      [warc, `record at byte ${offsets[3]}`, 'rejected', 'record'],
      [warc, `record at byte ${offsets[4]}`, 'rejected', 'record'],
    ]);
    written.forEach((e, i) => assert.match(e.message, expected[i]![2]));

    const rows = await db.read((q) => q<{ title: string; published_at: Date | null }>('select title, published_at from articles order by title'));
    // Page 4's published date (year 10000) is dropped from a page, as the API does.
    assert.deepEqual(rows.map((a) => [a.title, a.published_at?.toISOString() ?? null]), [
      ['Csv fine', null], ['Fine', '2020-01-02T00:00:00.000Z'], ['Harbour vote', null], ['Page 4', null],
    ]);
  });

  it('exits 0 with --allow-errors (the same records again: duplicates and the same bad ones)', async () => {
    const r = await runImport(db, [...inline, '--allow-errors', ...inputs]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual({ ...summaryOf(r.stdout), importId: 0 }, { importId: 0, done: 14, records: 14, stored: 0, duplicates: 4, errors: 10, statements: 0 });
    assert.match(r.stderr, /batch\.jsonl:9: encoding: /);
  });

  it('refuses bad option values with a message, the usage and exit code 2, before reading anything', async () => {
    const runs = await Promise.all([
      runImport(db, ['--map', 'title=headline,text', inputs[1]!]),
      runImport(db, ['--errors', path.join(dir, 'no-such-folder', 'e.ndjson'), inputs[1]!]),
    ]);
    const [pairless, unwritable] = runs;
    for (const r of runs) {
      assert.equal(r.status, 2, r.stderr);
      assert.doesNotMatch(r.stderr, STACK_FRAME);
      assert.equal(r.stdout, '');
    }
    // Each --map mistake's wording is tested with parseFieldMap (test/imports/read-csv.test.ts).
    assert.match(pairless!.stderr, /^error: --map: "text" is not field=column \(like title=headline\)\nusage: npm run import/);
    assert.match(unwritable!.stderr, /^error: --errors: cannot write .*e\.ndjson: ENOENT/);
  });
});

describe('npm run import on the embedded database', () => {
  it('runs inline and says so (no DATABASE_URL, DATA_DIR in a temp folder)', async () => {
    const embedded = db.kind === 'embedded' ? db : await cliDatabase('embedded');
    const [file] = writeFiles(dir, { 'embedded.jsonl': JSON.stringify({ title: 'Embedded one', text: '"It runs here," she said.' }) });
    const r = await runImport(embedded, [file!]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /the embedded database is one process, so this runs inline \(no workers\)/);
    assert.equal(summaryOf(r.stdout).stored, 1);
    const rows = await embedded.read((q) => q("select title from articles where title = 'Embedded one'"));
    assert.equal(rows.length, 1);
  });
});
