import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { CSV_COLUMNS, neutralizeFormula } from '../../src/export/csv-export.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { searchIds } from './search-ids.ts';

const SEED = readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8');
const SEED_URL = 'https://www.24newshd.tv/20-Jul-2021/china-slams-groundless-allegations-of-microsoft-hack';
// Cells a spreadsheet would run, and the same after blanks or quote marks it skips.
const FORMULAS = ['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd', '  =1+1', '"=1+1', "'@x", '“=HYPERLINK()'];

describe('CSV export', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  const csv = async (query: string, agent = request(t.app)) => {
    const res = await agent.get(`/api/export.csv${query}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return res;
  };
  type Row = Record<(typeof CSV_COLUMNS)[number], string>;
  const rowsOf = (body: Buffer) => parse(body, { columns: true, bom: true, relax_column_count: false }) as Row[];

  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
    const add = (body: Record<string, unknown>) => editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(body).expect(201);
    await add({
      title: "China slams 'groundless' allegations of Microsoft hack",
      outlet: '24 News HD',
      agency: 'Agence France-Presse',
      published: '2021-07-20T08:20:00Z',
      url: SEED_URL,
      text: SEED,
    });
    const nasty = FORMULAS.map((f, i) => `"${f} and, a "quoted" word ${i} 😀 שלום," the analyst said on day ${i}.`).join('\n\n');
    await add({ title: 'Nasty, "values"', outlet: 'The Daily Test', published: '2024-03-01', text: nasty });
  });

  it('writes the columns in order, one row per statement, with the search\'s ids in the search\'s order', async () => {
    for (const query of ['?q=hack', '?kind=quote', '?speaker=Blinken', '?q=microsoft&sort=oldest', '?outlet=The+Daily+Test']) {
      const res = await csv(query);
      assert.equal(res.status, 200, query);
      assert.match(res.headers['content-type']!, /^text\/csv; charset=utf-8/);
      const [header] = res.body.toString('utf8').split('\r\n');
      assert.equal(header, CSV_COLUMNS.join(','));
      const exported = rowsOf(res.body).map((r) => Number(r.statement_id));
      const searched = await searchIds(t.app, query);
      assert.ok(searched.length > 0, query);
      assert.deepEqual(exported, searched, query);
    }
  });

  it('round-trips through a CSV parser: quotes, commas, line ends, emoji and right-to-left text intact; formulas neutralised', async () => {
    const rows = rowsOf((await csv('?outlet=The+Daily+Test&kind=quote')).body);
    const stored = (await t.handle.pool.query("select s.id, s.text from statements s join articles a on a.id = s.article_id where a.title like 'Nasty%' and s.kind = 'quote'")).rows;
    assert.equal(rows.length, stored.length);
    const textOf = new Map(stored.map((r) => [String(r.id), r.text as string]));
    for (const row of rows) {
      const text = textOf.get(row.statement_id)!;
      assert.equal(row.text, neutralizeFormula(text));
      assert.equal(row.article_title, 'Nasty, "values"');
    }
    assert.ok(rows.some((r) => r.text.startsWith("'")), 'a quote starting with a formula is prefixed');
    assert.ok(rows.some((r) => /😀 שלום/.test(r.text)), 'emoji and right-to-left text intact');
  });

  it('neutralises every formula start, also after blanks or quote marks, and nothing else', () => {
    for (const f of FORMULAS) assert.equal(neutralizeFormula(f), `'${f}`, JSON.stringify(f));
    for (const plain of ['We will act', '1+1', 'a=b', '“Quoted”', '', ' -']) {
      assert.equal(neutralizeFormula(plain), plain.trim() === '-' ? `'${plain}` : plain, JSON.stringify(plain));
    }
  });

  it('adds a byte order mark for Excel with bom=1 only', async () => {
    assert.equal((await csv('?q=hack')).body.subarray(0, 3).toString('hex'), Buffer.from('statement_id').subarray(0, 3).toString('hex'));
    assert.equal((await csv('?q=hack&bom=1')).body.subarray(0, 3).toString('hex'), 'efbbbf');
  });

  it('cites the source article in APA 7 by default, and in the styles citation-js ships', async () => {
    const [row] = rowsOf((await csv('?q=%22criminal+contract+hackers%22&speaker=Antony+Blinken')).body);
    assert.ok(row, 'the Blinken quote');
    assert.equal(row.speaker, 'Antony Blinken');
    // APA 7 (en-US): the headline unquoted, its own quote marks as double quotes, then the outlet and URL.
    assert.equal(row.citation, `Agence France-Presse. (2021, July 20). China slams “groundless” allegations of Microsoft hack. 24 News HD. ${SEED_URL}`);
    assert.equal(row.permalink, `http://127.0.0.1:3000/statements/${row.statement_id}`);
    const [harvard] = rowsOf((await csv('?q=%22criminal+contract+hackers%22&speaker=Antony+Blinken&style=harvard1')).body);
    assert.match(harvard!.citation, /^Agence France-Presse \(2021\)/);
  });

  it('counts private annotations, and shows their tags, only in their author\'s export', async () => {
    const annotator = await loggedIn(t, 'annotator');
    const [row] = rowsOf((await csv('?q=%22criminal+contract+hackers%22&speaker=Antony+Blinken')).body);
    const note = (visibility: string, tag: string) => annotator.agent.post('/api/annotations').set('x-csrf-token', annotator.csrfToken)
      .send({ statementId: Number(row!.statement_id), note: visibility, tags: [tag], verdict: 'accurate', visibility }).expect(201);
    await note('private', 'secret-tag');
    await note('shared', 'open-tag');
    const mine = rowsOf((await csv('?q=%22criminal+contract+hackers%22&speaker=Antony+Blinken', annotator.agent)).body)[0]!;
    assert.deepEqual([mine.annotation_count, mine.tags, mine.attribution_verdict], ['2', 'open-tag; secret-tag', 'accurate']);
    const anonymous = rowsOf((await csv('?q=%22criminal+contract+hackers%22&speaker=Antony+Blinken')).body)[0]!;
    assert.deepEqual([anonymous.annotation_count, anonymous.tags], ['1', 'open-tag']);
    const other = rowsOf((await csv('?q=%22criminal+contract+hackers%22&speaker=Antony+Blinken', editor.agent)).body)[0]!;
    assert.equal(other.tags, 'open-tag');
  });

  it('refuses bad parameters with 400 naming them, as search does', async () => {
    for (const [query, field] of [['?style=chicago-nope', 'style'], ['?bom=2', 'bom'], ['?from=2026-13-01', 'from'], ['?kind=poem', 'kind'], ['?color=red', 'color'], ['?style=apa&style=vancouver', 'style'], ['?meta=1&meta=1', 'meta']] as const) {
      const res = await request(t.app).get(`/api/export.csv${query}`).expect(400);
      assert.equal(res.body.issues[0].field, field, query);
      if (query.includes('&')) assert.equal(res.body.issues[0].message, 'must be given once', query);
    }
  });
});

describe('CSV export when the client goes away', () => {
  it('stops paging at once: no query of the export is left running', async () => {
    const t = await testApp();
    const { storedArticle, storeStatements, statementOn } = await import('../factories.ts');
    for (let a = 0; a < 12; a++) {
      const article = await storedArticle(t.handle.db, { text: Array.from({ length: 60 }, (_, i) => `"Line ${a} ${i} is said," she said.`).join('\n\n') });
      await storeStatements(t.handle.db, article, Array.from({ length: 60 }, (_, i) => statementOn(article.bodyText, `Line ${a} ${i} is said,`)));
    }
    const { listen } = await import('../helpers/app.ts');
    const server = await listen(t.app);
    try {
      const http = await import('node:http');
      const firstBytes = await new Promise<number>((resolve, reject) => {
        const req = http.get(`${server.baseUrl}/api/export.csv`, (res) => {
          res.once('data', (chunk: Buffer) => {
            req.destroy();
            resolve(chunk.length);
          });
        });
        req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
      });
      assert.ok(firstBytes > 0);
      await new Promise((r) => setTimeout(r, 300));
      // On a server: nothing of this database is still running (the export pages by short queries).
      if (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL) {
        const { rows } = await t.handle.pool.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()");
        assert.equal(rows[0].n, 0);
      }
      // The app goes on answering.
      await request(t.app).get('/api/export.csv?q=line&limit=5').expect(200);
    } finally {
      await server.close();
    }
  });
});

describe('citation styles from CSL_STYLES_DIR', () => {
  it('takes any CSL style file dropped in the folder as ?style=<file name>', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    // @ts-expect-error citation-js ships no types
    const { plugins } = await import('@citation-js/core');
    const dir = mkdtempSync(path.join(tmpdir(), 'csl-'));
    // A real CSL file: the Vancouver style's XML, under a name of our own.
    writeFileSync(path.join(dir, 'our-house-style.csl'), plugins.config.get('@csl').templates.get('vancouver') as string);
    const t = await testApp({ CSL_STYLES_DIR: dir });
    const editor = await loggedIn(t, 'editor');
    await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send({ title: 'Styled', outlet: 'The Daily Test', published: '2024-03-01', text: '"We will style," the minister said.' }).expect(201);
    const rows = parse((await request(t.app).get('/api/export.csv?q=style&style=our-house-style').expect(200)).text, { columns: true }) as Record<string, string>[];
    assert.match(rows[0]!.citation!, /^Styled\. The Daily Test \[Internet\]\. 2024 Mar 1/);
    const refused = await request(t.app).get('/api/export.csv?q=style&style=chicago').expect(400);
    assert.match(refused.body.issues[0].message, /our-house-style/);
  });
});

describe('a relevance export past the ranked matches', () => {
  it('writes the ranked newest matches as the search shows them, then every older match, none twice', async () => {
    const { RELEVANCE_CANDIDATES } = await import('../../src/search/search.queries.ts');
    const { storedArticle, storeStatements, statementOn } = await import('../factories.ts');
    const t = await testApp();
    const count = RELEVANCE_CANDIDATES + 30;
    for (const [a, n] of [[0, count / 2], [1, count / 2]] as const) {
      const article = await storedArticle(t.handle.db, { published: `202${a}-01-01`, text: Array.from({ length: n }, (_, i) => `"Turbines ${a} ${i} spin," she said.`).join('\n\n') });
      await storeStatements(t.handle.db, article, Array.from({ length: n }, (_, i) => statementOn(article.bodyText, `Turbines ${a} ${i} spin,`)));
    }
    // The statements are templated variants by one speaker (one quote cluster): every copy is exported.
    const rows = parse((await request(t.app).get('/api/export.csv?q=turbines&copies=all').expect(200)).text, { columns: true }) as Record<string, string>[];
    const ids = rows.map((r) => Number(r.statement_id));
    assert.equal(ids.length, count, 'every match, not only the ranked ones');
    assert.equal(new Set(ids).size, count, 'none twice');
    const ranked = await searchIds(t.app, '?q=turbines&copies=all', 100);
    assert.equal(ranked.length, RELEVANCE_CANDIDATES);
    assert.deepEqual(ids.slice(0, ranked.length), ranked, 'the ranked ones first, in the search\'s order');
  });
});
