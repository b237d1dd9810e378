import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { rarePairsTsquery, SIMILAR_CANDIDATES, type WordCount } from '../search/similar.queries.ts';
import { clusterable, JOIN_SIMILARITY, planClusters, type SimilarPair } from './clusters.ts';
import { refreshClusterStats } from './clusters.queries.ts';

interface NewQuote {
  id: number;
  normalized_text: string;
}

/** Each statement's words with how many statements hold each (for the rare-word prefilter). */
async function wordCounts(db: Kysely<Database>, ids: number[]): Promise<Map<number, WordCount[]>> {
  const rows = await sql<{ id: number; word: string; n: number }>`
    select s.id, w.word, coalesce(sw.doc_count, 0)::int as n
    from statements s cross join lateral unnest(tsvector_to_array(s.search_vector)) as w(word)
    left join statement_words sw on sw.word = w.word
    where s.id = any(${ids}::int[])`.execute(db);
  const byId = new Map<number, WordCount[]>();
  for (const r of rows.rows) byId.set(r.id, [...(byId.get(r.id) ?? []), { word: r.word, n: r.n }]);
  return byId;
}

/** Near-verbatim quotes of each new quote, in one query (rare-word pairs, then similarity). */
async function similarPairs(db: Kysely<Database>, quotes: NewQuote[], words: Map<number, WordCount[]>): Promise<SimilarPair[]> {
  const probes = quotes.map((q) => ({ q, tsquery: rarePairsTsquery(words.get(q.id) ?? []) })).filter((p) => p.tsquery);
  if (probes.length === 0) return [];
  const rows = await sql<{ new_id: number; other_id: number; other_cluster_id: number | null; score: number }>`
    select n.id as new_id, c.id as other_id, c.cluster_id as other_cluster_id, c.score
    from unnest(${probes.map((p) => p.q.id)}::int[], ${probes.map((p) => p.tsquery)}::text[], ${probes.map((p) => p.q.normalized_text)}::text[]) as n(id, q, norm)
    cross join lateral (
      select s.id, s.cluster_id, similarity(s.normalized_text, n.norm) as score
      from statements s
      where s.search_vector @@ n.q::tsquery and s.id <> n.id and s.kind = 'quote'
      limit ${SIMILAR_CANDIDATES}
    ) c
    where c.score >= ${JOIN_SIMILARITY}`.execute(db);
  return rows.rows.map((r) => ({ newId: r.new_id, otherId: r.other_id, otherClusterId: r.other_cluster_id, score: r.score }));
}

/**
 * Puts newly stored quotes into clusters with the same or near-verbatim words, in other
 * articles or the same one, creating clusters as needed. A fixed number of
 * queries per call, inside the caller's transaction.
 */
export async function assignClusters(db: Kysely<Database>, statementIds: number[]): Promise<void> {
  if (statementIds.length === 0) return;
  const quotes = (
    await db.selectFrom('statements').select(['id', 'normalized_text']).where('id', 'in', statementIds).where('kind', '=', 'quote').execute()
  ).filter((q) => clusterable(q.normalized_text));
  if (quotes.length === 0) return;
  const plan = planClusters(await similarPairs(db, quotes, await wordCounts(db, quotes.map((q) => q.id))));
  if (plan.assignments.size === 0) return;

  const created = plan.newClusterCount
    ? (await sql<{ id: number }>`insert into quote_clusters (member_count) select 0 from generate_series(1, ${plan.newClusterCount}) returning id`.execute(db)).rows.map((r) => r.id)
    : [];
  // Placeholders -1, -2, ... stand for fresh clusters, which are interchangeable.
  const target = (c: number) => (c < 0 ? created[-c - 1]! : c);
  const moves = [...plan.assignments].map(([statementId, cluster]) => [statementId, target(cluster)] as const);
  await sql`
    update statements s set cluster_id = m.cluster_id
    from unnest(${moves.map((m) => m[0])}::int[], ${moves.map((m) => m[1])}::int[]) as m(id, cluster_id)
    where s.id = m.id`.execute(db);
  await refreshClusterStats(db, [...new Set(moves.map((m) => m[1]))]);
}
