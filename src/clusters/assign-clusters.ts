import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { rarePairsTsquery, type WordCount } from '../search/similar.queries.ts';
import {
  CANDIDATES_PER_PROBE,
  clusterable,
  groupQuotes,
  JOIN_SIMILARITY,
  neighbourPairs,
  type NewQuote,
  planClusters,
  probesFor,
  type QuoteLink,
  type StoredMatch,
} from './clusters.ts';
import { refreshClusterStats } from './clusters.queries.ts';

/** What clustering one article's new statements took; each count has a cap in clusters.ts. */
export interface ClusteringStats {
  quotes: number;
  groups: number;
  /** similarity() calls among the article's own quotes (at most 2 × NEIGHBOURS per distinct text). */
  inArticleComparisons: number;
  /** Groups compared with the corpus (at most MAX_PROBES). */
  probes: number;
  /** similarity() calls against stored statements (at most CANDIDATES_PER_PROBE per probe). */
  corpusComparisons: number;
}

/** Advisory lock class serializing cluster changes between stores (see assignClusters). */
const CLUSTER_LOCK = 0x436c7573;

/**
 * Waits for other stores' cluster changes to commit, and holds theirs off until this
 * transaction ends. Take it after a store's statement inserts and deletes (which lock
 * statement_words rows), never before: every store takes word locks, then this one.
 */
export async function lockClusterChanges(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CLUSTER_LOCK}, 0)`.execute(db);
}

async function scorePairs(db: Kysely<Database>, pairs: [number, number][]): Promise<QuoteLink[]> {
  if (pairs.length === 0) return [];
  const rows = await sql<QuoteLink>`
    select p.a, p.b, similarity(x.normalized_text, y.normalized_text) as score
    from unnest(${pairs.map((p) => p[0])}::int[], ${pairs.map((p) => p[1])}::int[]) as p(a, b)
    join statements x on x.id = p.a
    join statements y on y.id = p.b`.execute(db);
  return rows.rows;
}

/**
 * What a store's probes must not see: the article's new statements (ids from `firstNewId`
 * on; its older, kept ones count) and, in a store of several articles, every statement of
 * the articles stored after it in the same transaction (`laterArticleIds`).
 */
interface Unseen {
  articleId: number;
  firstNewId: number;
  laterArticleIds: number[];
}

/** SQL: statement `s` is one a probe may see (see Unseen). */
function seenBy(u: Unseen) {
  return sql<boolean>`(s.article_id <> all(${[u.articleId, ...u.laterArticleIds]}::int[]) or s.id < ${u.firstNewId})`;
}

/**
 * Each probe's words with how many stored statements hold each, not counting the unseen
 * ones: a word only this article has cannot find another article, and words its own quotes
 * repeat would look common and be passed over.
 */
async function corpusWordCounts(db: Kysely<Database>, unseen: Unseen, ids: number[]): Promise<Map<number, WordCount[]>> {
  const rows = await sql<{ id: number; word: string; n: number }>`
    with mine as (
      select w.word, count(*)::int as n
      from statements s cross join lateral unnest(tsvector_to_array(s.search_vector)) as w(word)
      where not ${seenBy(unseen)} and s.article_id = any(${[unseen.articleId, ...unseen.laterArticleIds]}::int[])
      group by w.word)
    select s.id, w.word, greatest(coalesce(sw.doc_count, 0) - coalesce(m.n, 0), 0)::int as n
    from statements s cross join lateral unnest(tsvector_to_array(s.search_vector)) as w(word)
    left join statement_words sw on sw.word = w.word
    left join mine m on m.word = w.word
    where s.id = any(${ids}::int[])`.execute(db);
  const byId = new Map<number, WordCount[]>();
  for (const r of rows.rows) {
    const words = byId.get(r.id);
    if (words) words.push({ word: r.word, n: r.n });
    else byId.set(r.id, [{ word: r.word, n: r.n }]);
  }
  return byId;
}

/**
 * Each probe's earliest stored quote of exactly its words (the same fingerprint), outside
 * the new statements, through the fingerprint index: what the similarity probe would rank
 * first (score 1, ties to the lowest id), without comparing it with up to
 * CANDIDATES_PER_PROBE others. Wire copy makes this the common case in bulk imports.
 */
async function exactMatches(db: Kysely<Database>, unseen: Unseen, probes: NewQuote[]): Promise<Map<number, StoredMatch>> {
  // Lateral, first of the (fingerprint, id) index range: one index probe, however many copies.
  const rows = await sql<{ id: number; other_id: number; other_cluster_id: number | null }>`
    select n.id, s.id as other_id, s.cluster_id as other_cluster_id
    from unnest(${probes.map((p) => p.id)}::int[], ${probes.map((p) => p.fingerprint)}::text[]) as n(id, fp)
    cross join lateral (
      select s.id, s.cluster_id from statements s
      where s.fingerprint = n.fp and s.kind = 'quote' and ${seenBy(unseen)}
      order by s.id
      limit 1
    ) s`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, { otherId: r.other_id, otherClusterId: r.other_cluster_id, score: 1 }]));
}

/**
 * The best stored quote for each probe: an exact copy (exactMatches), else the best among
 * at most CANDIDATES_PER_PROBE found through its rarest word pairs, among the statements
 * the probes may see (Unseen). Three queries at most for all probes.
 */
async function storedMatches(
  db: Kysely<Database>,
  unseen: Unseen,
  probes: NewQuote[],
): Promise<{ matches: Map<number, StoredMatch>; compared: number }> {
  const matches = probes.length ? await exactMatches(db, unseen, probes) : new Map<number, StoredMatch>();
  const rest = probes.filter((p) => !matches.has(p.id));
  if (rest.length === 0) return { matches, compared: 0 };
  const words = await corpusWordCounts(db, unseen, rest.map((p) => p.id));
  const usable = rest.map((p) => ({ p, tsquery: rarePairsTsquery(words.get(p.id) ?? []) })).filter((x) => x.tsquery);
  if (usable.length === 0) return { matches, compared: 0 };
  const rows = await sql<{ id: number; compared: number; best_id: number | null; best_cluster_id: number | null; best_score: number | null }>`
    select n.id, c.compared, c.best_id, c.best_cluster_id, c.best_score
    from unnest(${usable.map((x) => x.p.id)}::int[], ${usable.map((x) => x.tsquery)}::text[], ${usable.map((x) => x.p.normalizedText)}::text[]) as n(id, q, norm)
    cross join lateral (
      select count(*)::int as compared,
             (array_agg(x.id order by x.score desc, x.id))[1] as best_id,
             (array_agg(x.cluster_id order by x.score desc, x.id))[1] as best_cluster_id,
             max(x.score) as best_score
      from (
        select s.id, s.cluster_id, similarity(s.normalized_text, n.norm) as score
        from statements s
        where s.search_vector @@ n.q::tsquery and s.kind = 'quote' and ${seenBy(unseen)}
        limit ${CANDIDATES_PER_PROBE}
      ) x
    ) c`.execute(db);
  let compared = 0;
  for (const r of rows.rows) {
    compared += r.compared;
    if (r.best_id !== null && r.best_score !== null && r.best_score >= JOIN_SIMILARITY) {
      matches.set(r.id, { otherId: r.best_id, otherClusterId: r.best_cluster_id, score: r.best_score });
    }
  }
  return { matches, compared };
}

/** An article's new quotes grouped among themselves (groupNewQuotes), ready for clusterGroupedQuotes. */
export interface GroupedQuotes {
  articleId: number;
  /** The clusterable ones among the new quotes. */
  quotes: NewQuote[];
  /** The smallest id among all the new statements: stored ones are those below it, or in other articles. */
  firstNewId: number;
  groups: number[][];
  /** similarity() calls it took. */
  comparisons: number;
}

/**
 * Groups each article's newly stored quotes (`newQuotes`: ids, normalized texts and
 * fingerprints; `firstNewId`: the smallest id among all its new statements, claims too,
 * by default among the quotes) by same or near-verbatim words among themselves. Reads
 * nothing another store writes, so it runs before the cluster lock. One query at most for
 * all the articles. Returns one GroupedQuotes per article, in order.
 */
export async function groupNewQuotes(
  db: Kysely<Database>,
  articles: { articleId: number; newQuotes: NewQuote[]; firstNewId?: number }[],
): Promise<GroupedQuotes[]> {
  const prepared = articles.map(({ articleId, newQuotes, firstNewId }) => {
    const quotes = newQuotes.filter((q) => clusterable(q.normalizedText));
    return { articleId, quotes, firstNewId: firstNewId ?? newQuotes.reduce((a, q) => Math.min(a, q.id), Infinity), ...neighbourPairs(quotes) };
  });
  const links = await scorePairs(db, prepared.flatMap((p) => p.pairs));
  return prepared.map(({ articleId, quotes, firstNewId, sameText, pairs }) => {
    const ids = new Set(quotes.map((q) => q.id));
    const groups = quotes.length ? groupQuotes([...ids], sameText, links.filter((l) => ids.has(l.a))) : [];
    return { articleId, quotes, firstNewId, groups, comparisons: pairs.length };
  });
}

/**
 * Puts an article's grouped new quotes (groupNewQuotes) into clusters with the same or
 * near-verbatim words in other articles (or its own older statements), creating clusters
 * as needed; `laterArticleIds`: articles stored after it in the same transaction, whose
 * statements it must not see. A fixed number of queries, and bounded work (clusters.ts
 * caps), whatever the article holds. Returns its stats and the clusters it added members
 * to, whose counts the caller refreshes (refreshClusterStats) once for all its articles.
 *
 * The caller holds lockClusterChanges: cluster changes of concurrent stores run one after
 * the other, so the second one sees the first one's quotes and clusters, and two stores
 * never both make a new cluster for the same stored quote. It is held to the commit, so
 * what follows it in a store is kept short.
 */
export async function clusterGroupedQuotes(
  db: Kysely<Database>,
  { articleId, quotes, firstNewId, groups, comparisons }: GroupedQuotes,
  laterArticleIds: number[] = [],
): Promise<{ stats: ClusteringStats; clusters: number[] }> {
  const stats: ClusteringStats = { quotes: quotes.length, groups: groups.length, inArticleComparisons: comparisons, probes: 0, corpusComparisons: 0 };
  if (quotes.length === 0) return { stats, clusters: [] };
  const byId = new Map(quotes.map((q) => [q.id, q]));
  const probes = probesFor(groups).map((id) => byId.get(id)!);
  const { matches, compared } = await storedMatches(db, { articleId, firstNewId, laterArticleIds }, probes);
  Object.assign(stats, { probes: probes.length, corpusComparisons: compared });

  const plan = planClusters(groups, matches);
  if (plan.assignments.size === 0) return { stats, clusters: [] };
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
  return { stats, clusters: [...new Set(moves.map((m) => m[1]))] };
}

/**
 * Clusters one article's newly stored quotes: groupNewQuotes, lockClusterChanges,
 * clusterGroupedQuotes and refreshClusterStats (see each).
 */
export async function assignClusters(db: Kysely<Database>, articleId: number, newQuotes: NewQuote[]): Promise<ClusteringStats> {
  const [grouped] = await groupNewQuotes(db, [{ articleId, newQuotes }]);
  if (grouped!.quotes.length === 0) return (await clusterGroupedQuotes(db, grouped!)).stats;
  await lockClusterChanges(db);
  const { stats, clusters } = await clusterGroupedQuotes(db, grouped!);
  await refreshClusterStats(db, clusters);
  return stats;
}
