import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import request from 'supertest';
import { CSV_COLUMNS, csvFormat, csvLines } from '../../src/export/csv-export.ts';
import { EXPORT_PAGE } from '../../src/export/date-pages.ts';
import { writeExport } from '../../src/export/run-export.ts';
import { parseSearchParams } from '../../src/search/search.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { appOn, loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { searchIds } from './search-ids.ts';

type Row = Record<(typeof CSV_COLUMNS)[number], string>;
const rowsOf = (text: string) => parse(text, { columns: true }) as Row[];

describe('an export of more than one page', () => {
  let t: TestApp;
  const articles: { id: number; title: string }[] = [];
  // Two articles of 1,200 quotes each: the second straddles the first page's end (EXPORT_PAGE).
  const PER_ARTICLE = 1200;

  before(async () => {
    assert.ok(2 * PER_ARTICLE > EXPORT_PAGE && PER_ARTICLE < EXPORT_PAGE);
    t = await testApp();
    for (const [n, published] of [[1, '2024-01-03'], [2, '2024-01-02'], [3, null]] as const) {
      const count = n === 3 ? 40 : PER_ARTICLE;
      const title = `Wind report ${n}`;
      const article = await storedArticle(t.handle.db, { title, published, text: Array.from({ length: count }, (_, i) => `"Wind ${n} ${i} blows," she said.`).join('\n\n') });
      await storeStatements(t.handle.db, article, Array.from({ length: count }, (_, i) => statementOn(article.bodyText, `Wind ${n} ${i} blows,`)));
      articles.push({ id: article.id, title });
    }
  });

  it('holds every statement once, in the search\'s order, whatever the order asked', async () => {
    const total = 2 * PER_ARTICLE + 40;
    const stored = (await t.handle.pool.query('select s.id, a.title from statements s join articles a on a.id = s.article_id')).rows;
    const titleOf = new Map(stored.map((r) => [r.id as number, r.title as string]));
    // The statements are templated variants by one speaker (one quote cluster): every copy is exported (copies=all).
    for (const query of ['?copies=all', '?sort=oldest&copies=all', '?q=wind&copies=all', '?q=wind&sort=newest&copies=all', `?article=${articles[1]!.id}`]) {
      const rows = rowsOf((await request(t.app).get(`/api/export.csv${query}`).expect(200)).text);
      const ids = rows.map((r) => Number(r.statement_id));
      assert.equal(new Set(ids).size, ids.length, `${query}: none twice`);
      assert.equal(ids.length, query.startsWith('?article') ? PER_ARTICLE : total, query);
      // By relevance the search lists only the ranked newest matches; the export then adds the older ones.
      const searched = await searchIds(t.app, query, 100);
      assert.deepEqual(ids.slice(0, searched.length), searched, query);
      for (const r of rows) assert.equal(r.article_title, titleOf.get(Number(r.statement_id)), `${query}: statement ${r.statement_id}'s article`);
    }
  });

  it('counts annotations on statements past the first page', async () => {
    const editor = await loggedIn(t, 'editor');
    const all = rowsOf((await request(t.app).get('/api/export.csv?copies=all').expect(200)).text);
    const late = all[EXPORT_PAGE + 5]!;
    await editor.agent.post('/api/annotations').set('x-csrf-token', editor.csrfToken)
      .send({ statementId: Number(late.statement_id), note: 'late', tags: ['late-tag'], verdict: 'accurate', visibility: 'shared' }).expect(201);
    const again = rowsOf((await request(t.app).get('/api/export.csv?copies=all').expect(200)).text);
    const row = again.find((r) => r.statement_id === late.statement_id)!;
    assert.deepEqual([row.annotation_count, row.tags, row.attribution_verdict], ['1', 'late-tag', 'accurate']);
    assert.equal(again.filter((r) => r.annotation_count !== '0').length, 1);
  });

  it('on a server, reads from one cursor, and ends its transaction as soon as the reader goes away', async (ctx) => {
    if (t.handle.kind !== 'postgres') return ctx.skip('the embedded database pages by keyset: nothing stays open between pages');
    const sessions = async () => (await t.handle.pool.query(
      `select state, query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`)).rows as { state: string; query: string }[];
    // A reader that has stopped reading: the export fills it, then waits, its cursor open.
    const out = new Writable({ highWaterMark: 1024, write: () => {} });
    const gone = new AbortController();
    const running = writeExport({
      db: t.handle.db, selection: { source: 'search', params: parseSearchParams({ copies: 'all' }).params }, format: csvFormat,
      options: { origin: 'https://example.org', style: 'apa', bom: false, meta: null }, viewer: undefined, signal: gone.signal, serverCursor: true,
    }, out);
    let open: { state: string; query: string }[] = [];
    const waiting = () => open.some((s) => s.state === 'idle in transaction' && /^fetch \d+ from export_rows$/.test(s.query));
    try {
      // Up to 60 s: on a loaded machine the first page's citations take a while.
      for (let i = 0; i < 3000 && !waiting(); i++) {
        await new Promise((r) => setTimeout(r, 20));
        open = await sessions();
      }
      assert.ok(waiting(), `the export's cursor, waiting: ${JSON.stringify(open)}`);
    } finally {
      // Also when the assertion fails: an export left waiting would hold its connection, and the test process, open.
      gone.abort();
    }
    const written = await running;
    assert.ok(written < 2 * PER_ARTICLE, `stopped early: ${written} rows`);
    assert.deepEqual(await sessions(), [], 'no query running and no transaction open once the export returns');
  });
});

describe('citations kept between exports', () => {
  it('formats an article\'s citation once, reads it back, and makes it again when what it is made from changes', async () => {
    const t = await testApp();
    const article = await storedArticle(t.handle.db, { title: 'Tidal power', published: '2024-02-01', text: '"Tides turn," she said.' });
    await storeStatements(t.handle.db, article, [statementOn(article.bodyText, 'Tides turn,')]);
    const citation = async (app: TestApp, style = '') => rowsOf((await request(app.app).get(`/api/export.csv?article=${article.id}${style}`).expect(200)).text)[0]!.citation;
    const kept = async () => (await t.handle.pool.query('select style, citation from article_citations where article_id = $1 order by style', [article.id])).rows;

    const first = await citation(t);
    assert.match(first, /Tidal power/);
    assert.deepEqual(await kept(), [{ style: 'apa', citation: first }]);
    // Read back, not made again: a kept text (same key) is what the export shows.
    await t.handle.pool.query(`update article_citations set citation = 'Kept text.' where article_id = $1`, [article.id]);
    assert.equal(await citation(t), 'Kept text.');
    // Each style has its own.
    assert.match(await citation(t, '&style=harvard1'), /“Tidal power,” 1 February\. Available at:/);
    assert.equal((await kept()).length, 2);
    // A changed article makes it again, and replaces the kept one.
    await t.handle.pool.query(`update articles set title = 'Tidal power, revised' where id = $1`, [article.id]);
    const revised = await citation(t);
    assert.match(revised, /Tidal power, revised/);
    assert.equal((await kept())[0]!.citation, revised);
    // So does another PUBLIC_URL: an article without a URL is cited at the site's own address.
    const elsewhere = await citation(appOn(t.handle, { PUBLIC_URL: 'https://elsewhere.example' }));
    assert.match(elsewhere, new RegExp(`https://elsewhere\\.example/articles/${article.id}`));
  });
});

describe('csvLines', () => {
  it('keeps a quote that spans paragraphs in one record', async () => {
    const t = await testApp();
    const words = 'We will act.\n\nWe will win';
    const article = await storedArticle(t.handle.db, { title: 'Two paragraphs', text: `"${words}" she said.` });
    await storeStatements(t.handle.db, article, [statementOn(article.bodyText, words)]);
    const rows = rowsOf((await request(t.app).get(`/api/export.csv?article=${article.id}`).expect(200)).text);
    assert.deepEqual(rows.map((r) => r.text), [words]);
  });

  it('reads back through a CSV parser as the same records of the same cells, for any cells', () => {
    const cell = fc.oneof(
      fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('"', ',', '\r\n', '\n', '\r', ' x ', '', ' '),
      fc.integer(), fc.constant(null),
    );
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 5 }), (records) => {
      const lines = csvLines(records);
      assert.ok(lines.endsWith('\r\n'));
      const back = parse(lines, { record_delimiter: ['\r\n'], relax_quotes: false, relax_column_count: true }) as string[][];
      assert.deepEqual(back, records.map((cells) => cells.map((c) => (c === null ? '' : String(c)))));
    }), { numRuns: 2000 });
    assert.equal(csvLines([]), '');
  });
});
