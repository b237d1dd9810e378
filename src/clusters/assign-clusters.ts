import { type Kysely, type RawBuilder, sql } from 'kysely';
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

/** A quote that probes the corpus, with its article's place in the store (see seenByProbe). */
interface Probe extends NewQuote {
  /** Its article's index in the store's list (0: the first stored). */
  position: number;
  articleId: number;
  /** The smallest id among its article's new statements. */
  firstNewId: number;
}

/** The probes as the FROM item `n(id, fp, norm, position, article_id, first_new)`, with extra columns appended. */
function probeRows(probes: Probe[], extra: RawBuilder<unknown>[] = [], extraNames = '') {
  return sql`unnest(${probes.map((p) => p.id)}::int[], ${probes.map((p) => p.fingerprint)}::text[], ${probes.map((p) => p.normalizedText)}::text[],
    ${probes.map((p) => p.position)}::int[], ${probes.map((p) => p.articleId)}::int[], ${probes.map((p) => p.firstNewId)}::int[]${sql.join(extra.map((e) => sql`, ${e}`), sql``)})
    as n(id, fp, norm, position, article_id, first_new${sql.raw(extraNames)})`;
}

/**
 * SQL: stored statement `s` (its statements or statement_search row: both have id and
 * article_id) is one probe `n` may see, as if each article of the store
 * (`storeArticleIds`, in order) were stored after the one before it: statements of other
 * articles, of the store's articles before the probe's, and the probe's article's older
 * ones (below its first new id: re-extraction keeps some).
 */
function seenByProbe(storeArticleIds: number[]) {
  return sql<boolean>`(s.article_id <> all(${storeArticleIds}::int[])
    or s.article_id = any((${storeArticleIds}::int[])[1:n.position])
    or (s.article_id = n.article_id and s.id < n.first_new))`;
}

/**
 * Each probe's words with how many statements it may see (seenByProbe) hold each: the
 * statement_words count, plus the store's earlier articles' statements still pending (a
 * store may leave its counting to after its commit, markWordsPending), minus the probe's
 * own and later articles' new statements counted already. A word only this article has
 * cannot find another article, and words its own quotes repeat would look common and be
 * passed over.
 */
async function corpusWordCounts(db: Kysely<Database>, store: GroupedQuotes[], probes: Probe[]): Promise<Map<number, WordCount[]>> {
  // store_words is made once and hash-joined: inlined into a per-word subquery, Postgres
  // recomputed the store's words for every probe word (quadratic in the store's size: 45
  // ms a record with 12 new articles a store, docs/performance.md, fourth pass).
  const rows = await sql<{ id: number; word: string; n: number }>`
    with store_words as materialized (
      select a.pos, w.word,
        count(*) filter (where p.statement_id is not null)::int as pending,
        count(*) filter (where p.statement_id is null and s.id >= a.first_new)::int as counted_new
      from unnest(${store.map((g) => g.articleId)}::int[], ${store.map((g) => (Number.isFinite(g.firstNewId) ? g.firstNewId : 2 ** 31 - 1))}::int[])
        with ordinality as a(article_id, first_new, pos)
      join statements s on s.article_id = a.article_id
      cross join lateral unnest(tsvector_to_array(s.search_vector)) as w(word)
      left join statement_words_pending p on p.statement_id = s.id
      group by a.pos, w.word)
    select n.id, w.word,
      greatest(coalesce(sw.doc_count, 0) + coalesce(sum(case when x.pos <= n.position then x.pending else -x.counted_new end), 0), 0)::int as n
    from unnest(${probes.map((p) => p.id)}::int[], ${probes.map((p) => p.position)}::int[]) as n(id, position)
    join statements s on s.id = n.id
    cross join lateral unnest(tsvector_to_array(s.search_vector)) as w(word)
    left join statement_words sw on sw.word = w.word
    left join store_words x on x.word = w.word
    group by n.id, w.word, sw.doc_count`.execute(db);
  const byId = new Map<number, WordCount[]>();
  for (const r of rows.rows) {
    const words = byId.get(r.id);
    if (words) words.push({ word: r.word, n: r.n });
    else byId.set(r.id, [{ word: r.word, n: r.n }]);
  }
  return byId;
}

/**
 * Each probe's earliest stored quote of exactly its words (the same fingerprint) among those
 * it may see (seenByProbe), through the fingerprint index: what the similarity probe would
 * rank first (score 1, ties to the lowest id), without comparing it with up to
 * CANDIDATES_PER_PROBE others. Wire copy makes this the common case in bulk imports.
 */
async function exactMatches(db: Kysely<Database>, storeArticleIds: number[], probes: Probe[]): Promise<Map<number, StoredMatch>> {
  // Lateral, first of the (fingerprint, id) index range: one index probe, however many copies.
  const rows = await sql<{ id: number; other_id: number; other_cluster_id: number | null }>`
    select n.id, s.id as other_id, s.cluster_id as other_cluster_id
    from ${probeRows(probes)}
    cross join lateral (
      select s.id, s.cluster_id from statements s
      where s.fingerprint = n.fp and s.kind = 'quote' and ${seenByProbe(storeArticleIds)}
      order by s.id
      limit 1
    ) s`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, { otherId: r.other_id, otherClusterId: r.other_cluster_id, score: 1 }]));
}

/**
 * The best stored quote for each probe: an exact copy (exactMatches), else the best among
 * at most CANDIDATES_PER_PROBE found through its rarest word pairs, among the statements it
 * may see (seenByProbe). Three queries at most for all the store's probes. `compared`: the
 * similarity() calls per probe.
 */
async function storedMatches(
  db: Kysely<Database>,
  store: GroupedQuotes[],
  probes: Probe[],
): Promise<{ matches: Map<number, StoredMatch>; compared: Map<number, number> }> {
  const storeArticleIds = store.map((g) => g.articleId);
  const compared = new Map<number, number>();
  const matches = probes.length ? await exactMatches(db, storeArticleIds, probes) : new Map<number, StoredMatch>();
  const rest = probes.filter((p) => !matches.has(p.id));
  if (rest.length === 0) return { matches, compared };
  const words = await corpusWordCounts(db, store, rest);
  const usable = rest.map((p) => ({ p, tsquery: rarePairsTsquery(words.get(p.id) ?? []) })).filter((x) => x.tsquery);
  if (usable.length === 0) return { matches, compared };
  // Candidates through the search rows' tsvector index (migration 20261130190000; `s` is the
  // search row, `st` the statement). The limit is a literal: as a parameter, the generic plan
  // took it for an early cut-off and read every quote of the table for each probe instead of
  // the tsvector index (64 ms a record while the table was small, docs/performance.md,
  // fourth pass).
  const rows = await sql<{ id: number; compared: number; best_id: number | null; best_cluster_id: number | null; best_score: number | null }>`
    select n.id, c.compared, c.best_id, c.best_cluster_id, c.best_score
    from ${probeRows(usable.map((x) => x.p), [sql`${usable.map((x) => x.tsquery)}::text[]`], ', q')}
    cross join lateral (
      select count(*)::int as compared,
             (array_agg(x.id order by x.score desc, x.id))[1] as best_id,
             (array_agg(x.cluster_id order by x.score desc, x.id))[1] as best_cluster_id,
             max(x.score) as best_score
      from (
        select s.id, st.cluster_id, similarity(st.normalized_text, n.norm) as score
        from statement_search s join statements st on st.id = s.id
        where s.search_vector @@ n.q::tsquery and s.kind = 'quote' and ${seenByProbe(storeArticleIds)}
        limit ${sql.lit(CANDIDATES_PER_PROBE)}
      ) x
    ) c`.execute(db);
  for (const r of rows.rows) {
    compared.set(r.id, r.compared);
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
 * Puts the grouped new quotes of a store's articles (groupNewQuotes, one per article in the
 * order stored) into clusters with the same or near-verbatim words in other articles (or
 * their own older statements), creating clusters as needed, as if each article were
 * clustered after the one before it: an article's quotes find the earlier articles' new
 * quotes, in the clusters planned for them, and not the later ones'. A fixed number of
 * queries for the whole store, and bounded work per article (clusters.ts caps). Returns
 * each article's stats, the clusters that gained members and the members they gained (each
 * in no cluster before), whose counts the caller updates (addClusterMembers, or
 * refreshClusterStats).
 *
 * The caller holds lockClusterChanges: cluster changes of concurrent stores run one after
 * the other, so the second one sees the first one's quotes and clusters, and two stores
 * never both make a new cluster for the same stored quote. It is held to the commit, so
 * what follows it in a store is kept short.
 */
export async function clusterGroupedQuotes(
  db: Kysely<Database>,
  store: GroupedQuotes[],
): Promise<{ stats: ClusteringStats[]; clusters: number[]; added: { statementId: number; clusterId: number }[] }> {
  const probes = store.flatMap((g, position) => {
    const byId = new Map(g.quotes.map((q) => [q.id, q]));
    return probesFor(g.groups).map((id): Probe => ({ ...byId.get(id)!, position, articleId: g.articleId, firstNewId: g.firstNewId }));
  });
  const { matches, compared } = await storedMatches(db, store, probes);
  // Plans in store order: a match with an earlier article's new quote (or a stored quote it
  // put in a cluster) takes the cluster planned for it, which is not written yet.
  const planned = new Map<number, number>();
  let placeholders = 0;
  const stats = store.map((g, position) => {
    const own = probes.filter((p) => p.position === position);
    const adjusted = new Map(
      own.flatMap((p) => {
        const m = matches.get(p.id);
        return m ? [[p.id, { ...m, otherClusterId: planned.get(m.otherId) ?? m.otherClusterId }] as const] : [];
      }),
    );
    const plan = planClusters(g.groups, adjusted, placeholders);
    placeholders += plan.newClusterCount;
    for (const [id, cluster] of plan.assignments) planned.set(id, cluster);
    return {
      quotes: g.quotes.length,
      groups: g.groups.length,
      inArticleComparisons: g.comparisons,
      probes: own.length,
      corpusComparisons: own.reduce((n, p) => n + (compared.get(p.id) ?? 0), 0),
    };
  });
  if (planned.size === 0) return { stats, clusters: [], added: [] };
  const created = placeholders
    ? (await sql<{ id: number }>`insert into quote_clusters (member_count) select 0 from generate_series(1, ${placeholders}) returning id`.execute(db)).rows.map((r) => r.id)
    : [];
  // Placeholders -1, -2, ... stand for fresh clusters, which are interchangeable.
  const target = (c: number) => (c < 0 ? created[-c - 1]! : c);
  const moves = [...planned].map(([statementId, cluster]) => [statementId, target(cluster)] as const);
  await sql`
    update statements s set cluster_id = m.cluster_id
    from unnest(${moves.map((m) => m[0])}::int[], ${moves.map((m) => m[1])}::int[]) as m(id, cluster_id)
    where s.id = m.id`.execute(db);
  return { stats, clusters: [...new Set(moves.map((m) => m[1]))], added: moves.map(([statementId, clusterId]) => ({ statementId, clusterId })) };
}

/**
 * Clusters one article's newly stored quotes: groupNewQuotes, lockClusterChanges,
 * clusterGroupedQuotes and refreshClusterStats (see each).
 */
export async function assignClusters(db: Kysely<Database>, articleId: number, newQuotes: NewQuote[]): Promise<ClusteringStats> {
  const grouped = await groupNewQuotes(db, [{ articleId, newQuotes }]);
  if (grouped[0]!.quotes.length > 0) await lockClusterChanges(db);
  const { stats, clusters } = await clusterGroupedQuotes(db, grouped);
  await refreshClusterStats(db, clusters);
  return stats[0]!;
}
