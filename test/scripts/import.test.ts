// npm run import as real processes, inline (--inline on a server; the embedded database is
// always inline): every input format into the database, a second run of the same archive,
// hostile pages, and an import killed half way and run again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFiles } from '../imports/read-helpers.ts';
import { STORY_DATE, STORY_HTML, STORY_URL, writeWarc } from '../imports/warc-fixture.ts';
import { type CliDatabase, cliDatabase, runImport, STACK_FRAME, start, summaryOf, tempDir, waitFor } from './import-cli.ts';

const dir = tempDir('import');
let db: CliDatabase;
// On a server the importer would queue for workers without --inline; the embedded database is inline by itself.
let inline: string[];
const said = (who: string, n: number | string) => `"We will build the ${who} wall number ${n}," said Mayor Ilse Varga on Tuesday.`;
/** Rows in articles and in statements. */
const COUNTS = 'select (select count(*) from articles)::int as articles, (select count(*) from statements)::int as statements';

before(async () => {
  db = await cliDatabase();
  inline = db.kind === 'server' ? ['--inline'] : [];
});

describe('npm run import', () => {
  const archive: string[] = [];
  let countsAfterFirst: unknown;

  it('stores NDJSON, .json, a folder (recursively), .txt, .html, WARC and WARC.gz, and prints a summary', async () => {
    const [ndjson, json, txt, html] = writeFiles(dir, {
      'in/batch.ndjson': [
        JSON.stringify({ title: 'Ndjson one', outlet: 'Wire', published: '2020-01-02', text: said('ndjson', 1) }),
        '',
        JSON.stringify({ title: 'Ndjson two', html: `<html><body><p>${said('ndjson', 2)}</p></body></html>` }),
      ].join('\n'),
      'in/list.json': JSON.stringify([{ title: 'Json one', text: said('json', 1) }, { title: 'Json two', url: 'https://json.example/two', text: said('json', 2) }]),
      'in/story.txt': `Headline of the text file\n\n${said('text', 1)}`,
      'in/page.html': `<html><head><title>Html page</title></head><body><p>${said('html', 1)}</p></body></html>`,
    });
    writeFiles(dir, {
      'folder/a.txt': `Folder top\n\n${said('folder', 1)}`,
      'folder/sub/deeper/b.jsonl': JSON.stringify({ title: 'Folder deep', text: said('folder', 2) }),
      'folder/notes.md': 'not a kind the importer reads: ignored in a folder',
      'folder/.hidden.txt': `Hidden\n\n${said('hidden', 1)}`,
    });
    const warc = path.join(dir, 'in/crawl.warc');
    const warcGz = path.join(dir, 'in/crawl.warc.gz');
    await writeWarc(warc, [{ type: 'warcinfo' }, { type: 'request', url: STORY_URL, body: '' }, { type: 'response', url: STORY_URL, contentType: 'text/html; charset=utf-8', body: STORY_HTML }]);
    await writeWarc(warcGz, [{ type: 'response', url: 'https://news.example/gz', contentType: 'text/html', body: `<html><head><title>Gzipped</title></head><body><p>${said('gzip', 1)}</p></body></html>` }], true);
    archive.push(ndjson!, json!, path.join(dir, 'folder'), txt!, html!, warc, warcGz);

    const r = await runImport(db, [...inline, ...archive]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual({ ...summaryOf(r.stdout), importId: 0, statements: 0 }, { importId: 0, done: 10, records: 10, stored: 10, duplicates: 0, errors: 0, statements: 0 });
    assert.ok(summaryOf(r.stdout).statements >= 10, r.stdout);
    if (db.kind === 'embedded') assert.match(r.stderr, /the embedded database is one process, so this runs inline/);
    assert.doesNotMatch(r.stderr, STACK_FRAME);

    const { rows, fromWarc, published, records, counts } = await db.read(async (q) => ({
      rows: await q<{ title: string; source_format: string; statements: string }>(
        'select a.title, a.source_format, (select count(*) from statements s where s.article_id = a.id) as statements from articles a order by a.title'),
      fromWarc: (await q<{ url: string; accessed_at: Date }>('select url, accessed_at from articles where title = $1', ['Harbour vote']))[0]!,
      published: (await q<{ published_at: Date }>('select published_at from articles where title = $1', ['Ndjson one']))[0]!.published_at,
      records: await q('select state, count(*)::int as n from import_records group by state'),
      counts: (await q(COUNTS))[0],
    }));
    // Inline, a few records are stored at once: ids need not follow the order read.
    assert.deepEqual(rows.map((a) => `${a.title} (${a.source_format})`), [
      'Folder deep (json)', 'Folder top (text)', 'Gzipped (html)', 'Harbour vote (html)', 'Headline of the text file (text)',
      'Html page (html)', 'Json one (json)', 'Json two (json)', 'Ndjson one (json)', 'Ndjson two (html)',
    ]);
    assert.ok(rows.every((a) => Number(a.statements) >= 1), JSON.stringify(rows));
    assert.equal(fromWarc.url, STORY_URL);
    assert.equal(fromWarc.accessed_at.toISOString(), new Date(STORY_DATE).toISOString());
    assert.equal(published.toISOString(), '2020-01-02T00:00:00.000Z');
    assert.deepEqual(records, [{ state: 'stored', n: 10 }]);
    countsAfterFirst = counts;
  });

  it('imports the same archive again: every record a duplicate, nothing new stored', async () => {
    const r = await runImport(db, [...inline, ...archive]);
    assert.equal(r.status, 0, r.stderr);
    const summary = summaryOf(r.stdout);
    assert.deepEqual({ ...summary, importId: 0 }, { importId: 0, done: 10, records: 10, stored: 0, duplicates: 10, errors: 0, statements: 0 });
    assert.doesNotMatch(r.stderr, /resuming/, 'the first import finished: this is a new one');
    assert.deepEqual(await db.read(async (q) => (await q(COUNTS))[0]), countsAfterFirst);
  });

  it('reads CSV with --map, and reports a page nested too deep and goes on with the next file', async () => {
    const [csv, deep] = writeFiles(dir, {
      'other/sheet.csv': 'headline,body,date,ignored\n' +
        `Csv one,"${said('csv', 1).replaceAll('"', '""')}",2021-07-20,x\n` +
        `"Csv two","First line\n${said('csv', 2).replaceAll('"', '""')}",,y\n`,
      // 2,000 nested <div>s: refused at once by the depth limit (100).
      'other/deep.html': `<html><body>${'<div>'.repeat(2000)}<p>"We act," he said.</p></body></html>`,
    });
    const r = await runImport(db, [...inline, '--map', 'title=headline,text=body,published=date', deep!, csv!], { env: { JOB_RETRY_LIMIT: '0' } });
    assert.equal(r.status, 1, 'a failed record makes the exit code 1');
    assert.match(r.stderr, /deep\.html: failed after 1 tries: html: the page nests elements more than 100 levels deep/);
    assert.doesNotMatch(r.stderr, STACK_FRAME);
    assert.deepEqual({ ...summaryOf(r.stdout), importId: 0, statements: 0 }, { importId: 0, done: 3, records: 3, stored: 2, duplicates: 0, errors: 1, statements: 0 });
    const rows = await db.read((q) => q<{ title: string; published_at: Date | null }>("select title, published_at from articles where title like 'Csv%' order by title"));
    assert.deepEqual(rows.map((a) => [a.title, a.published_at?.toISOString() ?? null]), [['Csv one', '2021-07-20T00:00:00.000Z'], ['Csv two', null]]);
  });

  it('reads NDJSON from stdin (-), and reports a page too slow to read and goes on', async () => {
    // Under a raised depth limit Readability would take minutes over 2,000 levels: the time budget stops it.
    const [slow] = writeFiles(dir, { 'other/slow.html': `<html><body>${'<div>'.repeat(2000)}<p>"We stall," he said.</p></body></html>` });
    const stdin = [JSON.stringify({ title: 'Stdin one', text: said('stdin', 1) }), JSON.stringify({ title: 'Stdin two', text: said('stdin', 2) })].join('\n');
    const r = await runImport(db, [...inline, slow!, '-'], { stdin, env: { INGEST_MAX_HTML_DEPTH: '5000', INGEST_TIME_BUDGET_MS: '1500', JOB_RETRY_LIMIT: '0' } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /slow\.html: failed after 1 tries: .*took longer than 1\.5 s to read/);
    assert.equal(summaryOf(r.stdout).stored, 2);
    const rows = await db.read((q) => q<{ title: string }>("select title from articles where title like 'Stdin%' order by title"));
    assert.deepEqual(rows.map((a) => a.title), ['Stdin one', 'Stdin two']);
  });

  it('resumes an import killed before it finished reading: "resuming import N", every article stored once', async () => {
    const big = path.join(dir, 'big.jsonl');
    const total = 210;
    fs.writeFileSync(big, Array.from({ length: total }, (_, i) => JSON.stringify({ title: `Big ${i + 1}`, text: said('big', i + 1) })).join('\n'));
    const first = start('import.ts', db, [...inline, big]);
    const importId = Number((await waitFor('the import to start', () => /^import (\d+)$/m.exec(first.output.stderr)))[1]);
    if (db.kind === 'server') {
      // Killed once its first batch of 200 records is committed, while it stores them.
      await waitFor('the first batch', () => db.read(async (q) => (await q<{ n: number }>('select count(*)::int as n from import_records where import_id = $1', [importId]))[0]!.n >= 200));
    } else {
      // The embedded database cannot be read while the importer holds it: the first batch is
      // committed within a few milliseconds of this line, and storing its 200 articles takes seconds.
      await sleep(1500);
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL', killed.stderr);
    const [state] = await db.read((q) => q<{ read: boolean; records: number; queued: number }>(
      `select i.read_finished_at is not null as read, count(r.id)::int as records, count(r.id) filter (where r.state = 'queued')::int as queued
       from imports i left join import_records r on r.import_id = i.id where i.id = $1 group by i.id`, [importId]));
    assert.deepEqual({ ...state, queued: state!.queued > 0 }, { read: false, records: 200, queued: true }, 'killed after its first batch, before reading on');

    const again = await runImport(db, [...inline, big]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`^resuming import ${importId}\\b`, 'm'));
    assert.deepEqual({ ...summaryOf(again.stdout), statements: 0 }, { importId, done: total, records: total, stored: total, duplicates: 0, errors: 0, statements: 0 });
    const [titles] = await db.read((q) => q("select count(*)::int as n, count(distinct title)::int as distinct from articles where title like 'Big %'"));
    assert.deepEqual(titles, { n: total, distinct: total });
  });

  it('refuses no arguments, an unknown option and missing files with a message and exit code 2', async () => {
    const [none, unknown, missing] = await Promise.all([
      runImport(db, []),
      runImport(db, ['--bogus', 'x.jsonl']),
      runImport(db, [path.join(dir, 'nope.txt'), path.join(dir, 'in/story.txt')]),
    ]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /usage: npm run import/);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--bogus[\s\S]*usage: npm run import/);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or folder: .*nope\.txt/);
    for (const r of [none, unknown, missing]) assert.doesNotMatch(r.stderr, STACK_FRAME);
  });
});
