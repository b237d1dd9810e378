import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';

describe('search pagination with a cursor', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    // 4 articles (one undated, two on the same day) x 7 statements; ranks tie often.
    for (const [n, published] of [[1, '2022-01-05'], [2, '2022-01-05'], [3, ''], [4, '2020-06-30']] as const) {
      const paragraphs = Array.from({ length: 7 }, (_, i) => `"The budget ${i % 2 ? 'budget ' : ''}plan ${n}-${i} holds," she said.`);
      const body = paragraphs.join('\n\n');
      const article = await storedArticle(t.handle.db, { published, text: body, outlet: `Outlet ${n}` });
      await storeStatements(t.handle.db, article, paragraphs.map((p, i) => statementOn(body, p.slice(1, p.indexOf(',')), { paragraphIndex: i })));
    }
  });

  // The statements are near-verbatim variants by one speaker (one quote cluster), which a
  // search lists once by default: these walks list every copy (copies=all).
  async function walk(query: Record<string, string>): Promise<number[]> {
    const ids: number[] = [];
    let next: string | null = `/api/search?${new URLSearchParams({ ...query, limit: '3', copies: 'all' })}`;
    for (let pages = 0; next; pages++) {
      assert.ok(pages < 20, 'the walk ends');
      const body = (await request(t.app).get(next).expect(200)).body as { hits: { id: number }[]; next: string | null };
      assert.ok(body.hits.length <= 3);
      ids.push(...body.hits.map((h) => h.id));
      next = body.next;
    }
    return ids;
  }

  for (const sort of ['relevance', 'newest', 'oldest']) {
    it(`walks every page sorted by ${sort}: no duplicates, no gaps, the same order as one long page`, async () => {
      const all = (await request(t.app).get('/api/search').query({ q: 'budget plan', sort, limit: '100', copies: 'all' }).expect(200)).body.hits.map((h: { id: number }) => h.id);
      assert.equal(all.length, 28);
      const walked = await walk({ q: 'budget plan', sort });
      assert.deepEqual(walked, all);
      assert.equal(new Set(walked).size, 28);
      assert.deepEqual(await walk({ q: 'budget plan', sort }), walked, 'stable across walks');
    });
  }

  it('walks filter-only listings too, and puts undated articles last', async () => {
    const walked = await walk({ speaker: 'Ann Example' });
    assert.equal(walked.length, 28);
    const page = (await request(t.app).get('/api/search').query({ speaker: 'Ann Example', limit: '100', copies: 'all' }).expect(200)).body;
    assert.deepEqual(page.hits.map((h: { id: number }) => h.id), walked);
    assert.deepEqual([...new Set(page.hits.map((h: { published: string | null }) => h.published))], ['2022-01-05', '2020-06-30', null]);
  });

  it('links the next page from the HTML page, keeping the query', async () => {
    const res = await request(t.app).get('/search').query({ q: 'budget', limit: '5', copies: 'all' }).expect(200);
    const next = /<a rel="next" href="([^"]+)">/.exec(res.text)?.[1]?.replaceAll('&amp;', '&').replaceAll('&#x3D;', '=');
    assert.ok(next?.startsWith('/search?q=budget&limit=5&copies=all&cursor='), next);
    const second = await request(t.app).get(next!).expect(200);
    assert.equal((second.text.match(/class="hit hit-/g) ?? []).length, 5);
  });
});
