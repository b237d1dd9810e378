import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import request from 'supertest';
import { RELEVANCE_CANDIDATES, relevancePageQuery } from '../../src/search/search.queries.ts';
import { commonWordLexeme } from '../../src/search/search.resolve.ts';
import { parseSearchParams } from '../../src/search/search.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';

// A one-word search with no filters, for a word 500 statements or more hold, reads the
// word's posting list (search_postings) instead of the GIN index; both must give the same
// matches. A quoted word is the same tsquery but
// never takes the posting list, so it is the reference.
describe('one-word searches through the posting list', () => {
  let t: TestApp;
  // The corpus' statements are templated variants of one quote by one speaker (one quote
  // cluster): every copy is listed, as the posting list is what is compared here.
  const search = async (query: Record<string, string>) => (await request(t.app).get('/api/search').query({ ...query, copies: 'all' }).expect(200)).body;
  const ids = (body: { hits: { id: number }[] }) => body.hits.map((h) => h.id);
  type Facets = Record<string, { label: string; count: number; url: string }[]>;
  // The facet links repeat the query as typed; the counts are what must agree.
  const counts = (facets: Facets) => Object.fromEntries(Object.entries(facets).map(([k, items]) => [k, items.map(({ label, count }) => ({ label, count }))]));

  before(async () => {
    t = await testApp();
    // More statements holding "budget" than relevance ranks, so the cap matters: which 500
    // are the newest must agree. Ranks vary with how often the word appears.
    for (const [n, published] of [[1, '2021-03-01'], [2, '2022-07-15'], [3, '2023-11-30']] as const) {
      const paragraphs = Array.from({ length: 220 }, (_, i) => {
        const budget = i % 4 === 0 ? 'budget budgets' : 'budget';
        return `"The ${budget} ${i % 3 ? 'plan' : 'deal'} number ${n}x${i} stands," she said.`;
      });
      paragraphs.push(`"Taxes rise in year ${n}," he said.`);
      const body = paragraphs.join('\n\n');
      const article = await storedArticle(t.handle.db, { published, text: body, outlet: `Outlet ${n}` });
      await storeStatements(t.handle.db, article, paragraphs.map((p, i) => statementOn(body, p.slice(1, p.indexOf(',')), { paragraphIndex: i })));
    }
  });

  it('holds every word of every statement, and loses those of deleted statements', async () => {
    const check = async () => (await sql<{ postings: number; lexemes: number; stray: number }>`
      select (select count(*)::int from search_postings) as postings,
             (select coalesce(sum(length(search_vector)), 0)::int from statement_search) as lexemes,
             (select count(*)::int from search_postings p
               where not exists (select 1 from statement_search s
                                 where s.id = p.statement_id and s.search_vector @@ p.lexeme::tsquery)) as stray`.execute(t.handle.db)).rows[0]!;
    const before = await check();
    assert.ok(before.postings > 663 * 4);
    assert.equal(before.postings, before.lexemes);
    assert.equal(before.stray, 0);

    const extra = await storedArticle(t.handle.db, { published: '2020-01-01', text: '"Deficits loom," he said.', outlet: 'Outlet 9' });
    await storeStatements(t.handle.db, extra, [statementOn('"Deficits loom," he said.', 'Deficits loom')]);
    assert.equal(ids(await search({ q: 'deficits' })).length, 1);
    await sql`delete from articles where id = ${extra.id}`.execute(t.handle.db);
    const after = await check();
    assert.deepEqual(after, before);
    assert.deepEqual(ids(await search({ q: 'deficits' })), []);
  });

  it('reads the posting list only for one plain word, with no filters, held by 500 statements or more', async () => {
    const plan = async (query: Record<string, string>) => {
      const params = parseSearchParams(query).params;
      const lexeme = await commonWordLexeme(t.handle.db, params);
      const c = relevancePageQuery(params, undefined, false, lexeme).compile(t.handle.db);
      const rows = (await t.handle.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${c.sql}`, [...c.parameters]))).rows;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    assert.equal(await commonWordLexeme(t.handle.db, parseSearchParams({ q: 'Budgets' }).params), 'budget');
    assert.match(await plan({ q: 'budget' }), /search_postings/);
    assert.doesNotMatch(await plan({ q: 'deal' }), /search_postings/, '222 statements: the GIN index is faster');
    assert.doesNotMatch(await plan({ q: '"budget"' }), /search_postings/);
    assert.doesNotMatch(await plan({ q: 'budget plan' }), /search_postings/);
    assert.doesNotMatch(await plan({ q: 'budget', kind: 'quote' }), /search_postings/);
    assert.doesNotMatch(await plan({ q: 'Zürich' }), /search_postings/, 'non-ASCII words: the locale decides the tokens');
    assert.equal(await commonWordLexeme(t.handle.db, parseSearchParams({ q: 'the' }).params), null);
  });

  it('ranks the same newest matches as the GIN index, with the same facets and cap', async () => {
    const viaPostings = await search({ q: 'budget', sort: 'relevance', facets: 'true', limit: '100' });
    const viaIndex = await search({ q: '"budget"', sort: 'relevance', facets: 'true', limit: '100' });
    assert.equal(viaPostings.rankCapped, true);
    assert.equal(viaIndex.rankCapped, true);
    assert.equal(viaPostings.hits.length, 100);
    assert.deepEqual(ids(viaPostings), ids(viaIndex));
    assert.deepEqual(counts(viaPostings.facets), counts(viaIndex.facets));
    assert.deepEqual(viaPostings.total, { count: RELEVANCE_CANDIDATES, atLeast: true });
    assert.deepEqual(viaIndex.total, viaPostings.total);
    // The newest 500: the 220 of article 3, the 220 of article 2 and 60 of article 1.
    assert.deepEqual(counts(viaPostings.facets).outlet, [{ label: 'Outlet 2', count: 220 }, { label: 'Outlet 3', count: 220 }, { label: 'Outlet 1', count: 60 }]);
  });

  it('pages through the capped matches the same way', async () => {
    const walk = async (q: string) => {
      const seen: number[] = [];
      let next: string | null = `/api/search?${new URLSearchParams({ q, sort: 'relevance', limit: '50', copies: 'all' })}`;
      while (next) {
        const body = (await request(t.app).get(next).expect(200)).body as { hits: { id: number }[]; next: string | null };
        seen.push(...ids(body));
        next = body.next;
      }
      return seen;
    };
    const viaPostings = await walk('budget');
    assert.equal(viaPostings.length, RELEVANCE_CANDIDATES);
    assert.deepEqual(viaPostings, await walk('"budget"'));
  });

  it('stems and folds case as the search does, and finds nothing for a stop word', async () => {
    assert.deepEqual(ids(await search({ q: 'Budgets', limit: '30' })), ids(await search({ q: '"Budgets"', limit: '30' })));
    assert.deepEqual(ids(await search({ q: 'TAXES' })), ids(await search({ q: '"taxes"' })));
    assert.equal((await search({ q: 'TAXES' })).hits.length, 3);
    assert.deepEqual(ids(await search({ q: 'the' })), []);
  });

  it('counts facets from the posting list when sorted by date too', async () => {
    const viaPostings = await search({ q: 'budget', sort: 'newest', facets: 'true' });
    const viaIndex = await search({ q: '"budget"', sort: 'newest', facets: 'true' });
    assert.deepEqual(counts(viaPostings.facets), counts(viaIndex.facets));
    assert.deepEqual(ids(viaPostings), ids(viaIndex));
    assert.deepEqual(viaPostings.total, { count: RELEVANCE_CANDIDATES, atLeast: true });
  });
});
