// CSV input of the import CLI, and the --map option, over real temp files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/http/errors.ts';
import { parseFieldMap, readInputs } from '../../src/imports/read/index.ts';
import { collect, good, summary, tempFolder, writeFiles } from './read-helpers.ts';

const TEXT = '“We will open the bridge in May,” said Mayor Ilse Varga on Tuesday.';

describe('CSV', () => {
  it('reads columns named like the fields, ignores other columns and empty cells; position is the line a row starts on', async () => {
    const [file] = writeFiles(tempFolder(), {
      'a.csv': `\uFEFFtitle,outlet,published,views,text\r\nBridge,Valley Post,2021-07-20,12,"${TEXT}"\r\n\r\nTwo lines,,,3,"First line\r\n""Quoted,"" second line"\r\nHtml row,,,,\r\n`,
    });
    const records = await collect(readInputs([file!], {}));
    assert.deepEqual(records.map(summary), ['line 2 ok', 'line 4 ok', 'line 6 text: the article text is empty (give text or html)']);
    assert.deepEqual(good(records[0]).raw, {
      fields: { title: 'Bridge', outlet: 'Valley Post', published: '2021-07-20' },
      body: { text: TEXT, format: 'text', field: 'text' },
    });
    assert.deepEqual(good(records[1]).raw, { fields: { title: 'Two lines' }, body: { text: 'First line\n"Quoted," second line', format: 'text', field: 'text' } });
  });

  it('renames columns with --map, and names the column in an issue', async () => {
    const [file] = writeFiles(tempFolder(), {
      'm.csv': `headline,body,date,html\nBridge,"${TEXT}",2021-07-20,\nPage,,2021-07-21,"<p>${TEXT}</p>"\nLate,"${TEXT}",someday,\n`,
    });
    const map = parseFieldMap('title=headline, text=body,published=date');
    const records = await collect(readInputs([file!], { map }));
    assert.deepEqual(good(records[0]).raw, { fields: { title: 'Bridge', published: '2021-07-20' }, body: { text: TEXT, format: 'text', field: 'text' } });
    assert.deepEqual(good(records[1]).raw.body, { text: `<p>${TEXT}</p>`, format: 'html', field: 'html' });
    assert.match(summary(records[2]!), /^line 4 published: must be a date like 2021-07-20 .*\(column "date"\)$/);
  });

  it('reports bad rows (cell count, invalid UTF-8, both bodies) with their line and reads on', async () => {
    const [file] = writeFiles(tempFolder(), {
      'bad.csv': Buffer.concat([
        Buffer.from(`title,text,html\nOne,"${TEXT}",\nToo,many,cells,here\n`),
        Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(`,"${TEXT}",\n`),
        Buffer.from(`Both,"${TEXT}",<p>x</p>\nBad date,"${TEXT}",\nLast,"${TEXT}",\n`),
      ]),
    });
    const records = await collect(readInputs([file!], {}));
    assert.deepEqual(records.map(summary), [
      'line 2 ok',
      'line 3 csv: Invalid Record Length: expect 3, got 4 on line 3',
      'line 4 encoding: the "title" cell is not valid UTF-8',
      'line 5 text: give either text or html, not both',
      'line 6 ok',
      'line 7 ok',
    ]);
  });

  it('a header without a text or html column, or without a mapped column, is one bad record at line 1', async () => {
    const [plain, empty] = writeFiles(tempFolder(), { 'h.csv': 'headline,body\nBridge,Some text\n', 'empty.csv': '' });
    assert.deepEqual((await collect(readInputs([plain!], {}))).map(summary), [
      'line 1 text: no "text" or "html" column (the header has "headline", "body"); name yours with --map text=COLUMN',
    ]);
    assert.deepEqual((await collect(readInputs([plain!], { map: { text: 'body', title: 'title' } }))).map(summary), [
      'line 1 map: no column "title" for title (the header has "headline", "body")',
    ]);
    assert.deepEqual((await collect(readInputs([empty!], {}))).map(summary), [' csv: the file has no header row']);
  });
});

describe('parseFieldMap', () => {
  it('parses field=column pairs', () => {
    assert.deepEqual(parseFieldMap('title=headline,text=body , accessed = crawl date'), { title: 'headline', text: 'body', accessed: 'crawl date' });
  });

  for (const [spec, message] of [
    ['', /give field=column pairs/],
    ['title', /"title" is not field=column/],
    ['title=a=b', /is not field=column/],
    ['title=', /is not field=column/],
    ['headline=title', /"headline" is not a field; the fields are title, .*text, html/],
    ['__proto__=x', /is not a field/],
    ['title=a,title=b', /"title" is mapped twice/],
    ['title=a,byline=a', /the column "a" is mapped to two fields/],
  ] as const) {
    it(`refuses ${JSON.stringify(spec)}, naming map`, () => {
      assert.throws(() => parseFieldMap(spec), (err: unknown) => err instanceof InputError && err.issues[0]!.field === 'map' && message.test(err.issues[0]!.message));
    });
  }
});
