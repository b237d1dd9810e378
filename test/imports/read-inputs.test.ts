// The import CLI's readers over real temp files: NDJSON, .json, .txt/.html, folders, stdin,
// bad records with their positions, a big NDJSON streamed, and the inputs' fingerprint.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { inputsFingerprint, readInputs } from '../../src/imports/read/index.ts';
import { collect, good, summary, tempFolder, writeFiles } from './read-helpers.ts';

const TEXT = '“We will open the bridge in May,” said Mayor Ilse Varga on Tuesday.';
const line = (o: unknown) => `${JSON.stringify(o)}\n`;

describe('NDJSON', () => {
  it('reads one article a line, with the API fields, skipping blank lines; position line N', async () => {
    const [file] = writeFiles(tempFolder(), {
      'a.jsonl': `${line({ title: 'Bridge', outlet: 'Valley Post', published: '2021-07-20', url: 'https://valley.example/bridge', text: TEXT })}\n  \r\n${line({ html: `<p>${TEXT}</p>`, language: 'en' })}`,
    });
    const records = await collect(readInputs([file!], {}));
    assert.deepEqual(records.map(summary), ['line 1 ok', 'line 4 ok']);
    assert.deepEqual(good(records[0]).raw, {
      fields: { title: 'Bridge', outlet: 'Valley Post', published: '2021-07-20', url: 'https://valley.example/bridge' },
      body: { text: TEXT, format: 'json', field: 'text' },
    });
    assert.equal(records[0]!.source, file);
    assert.deepEqual(good(records[1]).raw, { fields: { language: 'en' }, body: { text: `<p>${TEXT}</p>`, format: 'html', field: 'html' } });
  });

  it('reports each bad line with its line number and field, and reads on', async () => {
    const bytes = Buffer.concat([
      Buffer.from(line({ text: TEXT })),
      Buffer.from('{"title": "cut"\n'),
      Buffer.from('[1, 2]\n'),
      Buffer.from('{"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n'),
      Buffer.from(line({ title: 'No body' })),
      Buffer.from(line({ text: TEXT, published: '2021-13-45' })),
      Buffer.from(line({ text: TEXT, publshed: '2021-07-20' })),
      Buffer.from(line({ text: TEXT, html: '<p>Both</p>' })),
      Buffer.from(line({ text: TEXT, url: 'ftp://valley.example/x', published: 'soon' })),
      Buffer.from(line({ text: 42 })),
      Buffer.from(line({ text: TEXT })),
    ]);
    const [file] = writeFiles(tempFolder(), { 'bad.ndjson': bytes });
    const records = await collect(readInputs([file!], {}));
    const s = records.map(summary);
    assert.equal(s[0], 'line 1 ok');
    assert.match(s[1]!, /^line 2 json: not valid JSON \(.+\)$/);
    assert.equal(s[2], 'line 3 json: expected an article object, found an array');
    assert.equal(s[3], 'line 4 encoding: the line is not valid UTF-8');
    assert.equal(s[4], 'line 5 text: the article text is empty (give text or html)');
    assert.match(s[5]!, /^line 6 published: must be a date like 2021-07-20/);
    assert.equal(s[6], 'line 7 publshed: is not a known field');
    assert.equal(s[7], 'line 8 text: give either text or html, not both');
    assert.match(s[8]!, /^line 9 url: must be an http\(s\) URL; published: must be a date/);
    assert.equal(s[9], 'line 10 text: must be a string');
    assert.equal(s[10], 'line 11 ok');
    assert.equal(records.length, 11);
  });

  it('renames keys with the map, and names the column in an issue', async () => {
    const [file] = writeFiles(tempFolder(), {
      'm.jsonl': line({ headline: 'Bridge', body: TEXT }) + line({ headline: 'Bridge', body: TEXT, date: 'never' }),
    });
    const records = await collect(readInputs([file!], { map: { title: 'headline', text: 'body', published: 'date' } }));
    assert.deepEqual(good(records[0]).raw, { fields: { title: 'Bridge' }, body: { text: TEXT, format: 'json', field: 'text' } });
    assert.match(summary(records[1]!), /^line 2 published: must be a date .*\(column "date"\)$/);
  });

  it('reads stdin for the path -', async () => {
    const stdin = Readable.from([Buffer.from(line({ text: TEXT })), Buffer.from('{"te'), Buffer.from('xt": "Two"}\nnot json\n')]);
    const records = await collect(readInputs(['-'], { stdin }));
    const s = records.map((r) => `${r.source}:${summary(r)}`);
    assert.deepEqual(s.slice(0, 2), ['-:line 1 ok', '-:line 2 ok']);
    // The parser's own words vary with the Node version.
    assert.match(s[2]!, /^-:line 3 json: not valid JSON \(.+\)$/);
    assert.equal(s.length, 3);
  });

  it('streams a big file: records come before the input is all read, and every line counts', async () => {
    const LINES = 20_000;
    let produced = 0;
    let producedAtFirst = -1;
    async function* lines() {
      for (let i = 0; i < LINES; i += 100) {
        produced = i + 100;
        yield Buffer.from(Array.from({ length: 100 }, (_, j) => line({ title: `Story ${i + j}`, text: `${TEXT} (${i + j})` })).join(''));
      }
    }
    let count = 0;
    for await (const r of readInputs(['-'], { stdin: Readable.from(lines()) })) {
      if (count === 0) producedAtFirst = produced;
      assert.equal(r.position, `line ${++count}`);
    }
    assert.equal(count, LINES);
    assert.ok(producedAtFirst < LINES, `the first record came after ${producedAtFirst} lines were produced`);

    const [file] = writeFiles(tempFolder(), { 'big.jsonl': Array.from({ length: LINES }, (_, i) => line({ text: `${TEXT} ${i}` })).join('') });
    let fromFile = 0;
    for await (const r of readInputs([file!], {})) if ('raw' in r) fromFile++;
    assert.equal(fromFile, LINES);
  });

  it('refuses a line too long to hold, and reads the next', async () => {
    const { splitLines } = await import('../../src/imports/read/ndjson.ts');
    const got = [];
    for await (const l of splitLines(Readable.from([Buffer.from('short\n'), Buffer.from('x'.repeat(30)), Buffer.from('y'.repeat(30)), Buffer.from('\nlast')]), 40)) got.push([l.number, l.tooLong, l.bytes.toString()]);
    assert.deepEqual(got, [[1, false, 'short'], [2, true, ''], [3, false, 'last']]);
  });
});

describe('.json files', () => {
  it('reads an array (item N) and a single object (no position); bad files are one record', async () => {
    const dir = tempFolder();
    const [arr, one, broken, latin] = writeFiles(dir, {
      'arr.json': JSON.stringify([{ text: TEXT }, 'a string', { title: 'x' }]),
      'one.json': JSON.stringify({ title: 'One', text: TEXT }),
      'broken.json': '{"text": ',
      'latin.json': Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]),
    });
    const records = await collect(readInputs([arr!, one!, broken!, latin!], {}));
    assert.deepEqual(records.map((r) => `${path.basename(r.source)} ${summary(r)}`).map((s) => s.replace(/JSON \(.+\)$/, 'JSON (…)')), [
      'arr.json item 1 ok',
      'arr.json item 2 json: expected an article object, found string',
      'arr.json item 3 text: the article text is empty (give text or html)',
      'one.json  ok',
      'broken.json  json: not valid JSON (…)',
      'latin.json  encoding: the file is not valid UTF-8',
    ]);
    assert.deepEqual(good(records[3]).raw.fields, { title: 'One' });
  });
});

describe('.txt and .html files', () => {
  it('are one article each, body only; empty, binary and non-UTF-8 files are bad records', async () => {
    const dir = tempFolder();
    const files = writeFiles(dir, {
      'story.txt': `${TEXT}\n`,
      'page.html': `<html><body><p>${TEXT}</p></body></html>`,
      'page2.htm': `<p>${TEXT}</p>`,
      'empty.txt': '',
      'binary.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1]),
      'latin.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    });
    const records = await collect(readInputs(files, {}));
    assert.deepEqual(records.map(summary), [
      ' ok', ' ok', ' ok',
      ' text: the file is empty',
      ' encoding: the file looks binary; upload a .txt or .html file',
      ' encoding: the file is not valid UTF-8 text',
    ]);
    assert.deepEqual(good(records[0]).raw, { fields: {}, body: { text: `${TEXT}\n`, format: 'text', field: 'text' } });
    assert.equal(good(records[1]).raw.body!.format, 'html');
    assert.equal(good(records[2]).raw.body!.format, 'html');
  });
});

describe('paths', () => {
  it('walks a folder recursively in sorted order, taking the known kinds and ignoring others and hidden files', async () => {
    const dir = tempFolder();
    writeFiles(dir, {
      'b/inner/deep.txt': TEXT,
      'b/notes.pdf': 'not read',
      'b/list.ndjson': line({ text: TEXT }) + line({ text: TEXT }),
      'a.html': `<p>${TEXT}</p>`,
      'c.csv': `text\n"${TEXT}"\n`,
      'c.JSON': JSON.stringify({ text: TEXT }),
      '.hidden.txt': TEXT,
      'README': 'no extension',
    });
    const records = await collect(readInputs([dir], {}));
    assert.deepEqual(records.map((r) => `${path.relative(dir, r.source)} ${summary(r)}`), [
      'a.html  ok',
      'b/inner/deep.txt  ok',
      'b/list.ndjson line 1 ok',
      'b/list.ndjson line 2 ok',
      'c.JSON  ok',
      'c.csv line 2 ok',
    ]);
  });

  it('a path that does not exist, cannot be read or is no kind we read is one bad record; the others are read', async () => {
    const dir = tempFolder();
    const [ok, locked, other] = writeFiles(dir, { 'ok.txt': TEXT, 'locked.txt': TEXT, 'data.xml': '<x/>' });
    fs.chmodSync(locked!, 0o000);
    const canLock = (() => {
      try {
        fs.readFileSync(locked!);
        return false; // root reads anything
      } catch {
        return true;
      }
    })();
    const records = await collect(readInputs([path.join(dir, 'missing.jsonl'), ok!, locked!, other!], {}));
    assert.deepEqual(records.map((r) => `${path.basename(r.source)} ${summary(r)}`), [
      'missing.jsonl  path: no such file or folder',
      'ok.txt  ok',
      canLock ? 'locked.txt  path: cannot be read (permission denied)' : 'locked.txt  ok',
      'data.xml  path: not a kind of file the importer reads (.txt, .html, .htm, .json, .jsonl, .ndjson, .csv, .warc, .warc.gz)',
    ]);
  });
});

describe('inputsFingerprint', () => {
  it('is the same for the same inputs, changes when a file or the map changes, and is null for stdin', async () => {
    const dir = tempFolder();
    const [file] = writeFiles(dir, { 'sub/a.jsonl': line({ text: TEXT }), 'b.txt': TEXT });
    const first = await inputsFingerprint([dir], {});
    assert.match(first!, /^[0-9a-f]{64}$/);
    assert.equal(await inputsFingerprint([dir], {}), first);
    assert.notEqual(await inputsFingerprint([dir], { map: { title: 'headline' } }), first);

    fs.appendFileSync(file!, line({ text: TEXT }));
    const grown = await inputsFingerprint([dir], {});
    assert.notEqual(grown, first);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file!, later, later);
    assert.notEqual(await inputsFingerprint([dir], {}), grown);
    writeFiles(dir, { 'sub/new.txt': TEXT });
    const added = await inputsFingerprint([dir], {});
    writeFiles(dir, { 'ignored.pdf': 'x' });
    assert.equal(await inputsFingerprint([dir], {}), added, 'a file the importer does not read changes nothing');

    assert.equal(await inputsFingerprint([dir, '-'], {}), null);
  });
});
