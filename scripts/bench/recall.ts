// Near-verbatim recall. Reworded whole quotes: what the app returns with whole-text
// similarity > 0.5, against an exhaustive scan of every statement (trigram index with the
// threshold at 0.5). Fragments of long quotes: whether the statement a fragment was taken
// from is among the app's first k hits.
import type pg from 'pg';
import type { Fragment } from './query-mix.ts';
import { normalizeStatementText } from '../../src/statements/normalize.ts';

export async function measureRecall(pool: pg.Pool, base: string, quotes: string[]): Promise<{ recall: number; found: number; expected: number }> {
  const client = await pool.connect();
  let found = 0;
  let expected = 0;
  try {
    await client.query(`set pg_trgm.similarity_threshold = 0.5`);
    for (const q of quotes) {
      const n = normalizeStatementText(q);
      const exhaustive = new Set((await client.query<{ id: number }>(
        `select id from statements where normalized_text % $1 and similarity(normalized_text, $1) > 0.5`, [n])).rows.map((r) => r.id));
      const res = await fetch(`${base}/api/search?${new URLSearchParams({ q, mode: 'similar', limit: '100', facets: 'false' })}`);
      const body = (await res.json()) as { hits: { id: number; similarity: number; textSimilarity?: number }[] };
      // textSimilarity since the score also weighs containment (issue #13); before, similarity was it.
      const app = new Set(body.hits.filter((h) => (h.textSimilarity ?? h.similarity) > 0.5).map((h) => h.id));
      expected += exhaustive.size;
      found += [...exhaustive].filter((id) => app.has(id)).length;
    }
  } finally {
    await client.query(`reset pg_trgm.similarity_threshold`);
    client.release();
  }
  return { recall: expected ? found / expected : 1, found, expected };
}

/** How many fragments find their source statement among the app's first `k` near-verbatim hits (and how many rank it first). */
export async function measureFragmentRecall(base: string, fragments: Fragment[], k = 10): Promise<{ recall: number; found: number; first: number; total: number; k: number }> {
  let found = 0;
  let first = 0;
  for (const f of fragments) {
    const res = await fetch(`${base}/api/search?${new URLSearchParams({ q: f.q, mode: 'similar', limit: String(k), facets: 'false' })}`);
    const ids = ((await res.json()) as { hits: { id: number }[] }).hits.map((h) => h.id);
    if (ids.includes(f.sourceId)) found++;
    if (ids[0] === f.sourceId) first++;
  }
  return { recall: fragments.length ? found / fragments.length : 1, found, first, total: fragments.length, k };
}
