// Near-verbatim recall: what the app returns with similarity > 0.5, against an exhaustive
// scan of every statement (trigram index with the threshold at 0.5).
import type pg from 'pg';
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
      const body = (await res.json()) as { hits: { id: number; similarity: number }[] };
      const app = new Set(body.hits.filter((h) => h.similarity > 0.5).map((h) => h.id));
      expected += exhaustive.size;
      found += [...exhaustive].filter((id) => app.has(id)).length;
    }
  } finally {
    await client.query(`reset pg_trgm.similarity_threshold`);
    client.release();
  }
  return { recall: expected ? found / expected : 1, found, expected };
}
