import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SearchParams } from './search.ts';

// Syndicated copies: the same statement carried by several outlets (wire copy) is one quote
// cluster (statements.cluster_id, joined at ingest to its most similar stored quote's
// cluster) credited to one current speaker. A search lists such a group once, by its
// EARLIEST matching copy (publication date, undated last, then article and statement id:
// the first appearance), and says where else it ran; `copies=all` lists every copy.
// Statements without a cluster or without a speaker are never grouped.

/** The order that picks a group's shown copy: earliest first (statement_search `s`). */
const EARLIEST_KEY = sql`(coalesce(s.published_at, 'infinity'::timestamptz), s.article_id, s.id)`;

/**
 * Whether a search lists each group of copies once: asked (the default), and not the listing
 * of one article, one cluster or one speaker (speaker_id: a speaker page and its export),
 * which shows every statement, as those pages do.
 */
export function groupsCopies(p: Pick<SearchParams, 'copies' | 'filters'>): boolean {
  const f = p.filters;
  return p.copies === 'one' && f.article === undefined && f.cluster === undefined && f.speakerId === undefined;
}

/**
 * SQL condition: the statement with id `outerId` is its group's shown copy, i.e. no other
 * copy (same cluster, same current speaker) that also matches the search comes earlier.
 * `matchFrom` / `matchConditions` are the search's FROM and conditions over the alias `s`
 * (search.filters.ts), re-bound here to the other copy.
 */
export function shownCopyCondition(outerId: RawBuilder<unknown>, matchFrom: RawBuilder<unknown>, matchConditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  const conditions = [
    sql`s.id = c2.id`,
    sql`s.speaker_id = o1.speaker_id`,
    sql`${EARLIEST_KEY} < (coalesce(o1.published_at, 'infinity'::timestamptz), o1.article_id, o1.id)`,
    ...matchConditions,
  ];
  return sql`not exists (
    select 1 from statement_search o1
    join statements c1 on c1.id = o1.id and c1.cluster_id is not null
    join statements c2 on c2.cluster_id = c1.cluster_id and c2.id <> c1.id
    where o1.id = ${outerId} and o1.speaker_id is not null
      and exists (select 1 from ${matchFrom} where ${sql.join(conditions, sql` and `)}))`;
}

/** The shown copies among near-verbatim matches (scored in memory): ids of earlier copies in `ids` removed. */
export async function shownCopies(db: Kysely<Database>, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: number }>`
    select s.id from statement_search s join statements st on st.id = s.id
    where s.id = any(${ids}::int[])
      and not exists (
        select 1 from statement_search o join statements ot on ot.id = o.id
        where o.id = any(${ids}::int[]) and o.id <> s.id and st.cluster_id is not null and s.speaker_id is not null
          and ot.cluster_id = st.cluster_id and o.speaker_id = s.speaker_id
          and (coalesce(o.published_at, 'infinity'::timestamptz), o.article_id, o.id) < ${EARLIEST_KEY})`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** A shown statement's other copies: how many, in which other outlets (names, sorted), and its cluster. */
export interface CopiesRow {
  id: number;
  cluster_id: number;
  n: number;
  outlets: string[];
}

/** The other copies of each given statement (same cluster, same current speaker, any search), for statements that have some. */
export async function copiesOf(db: Kysely<Database>, ids: number[]): Promise<Map<number, CopiesRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<CopiesRow>`
    select o1.id, c1.cluster_id, count(*)::int as n,
           coalesce(array_agg(distinct o.name order by o.name) filter (where o.id is distinct from o1.outlet_id and o.name is not null), '{}') as outlets
    from statement_search o1
    join statements c1 on c1.id = o1.id and c1.cluster_id is not null
    join statements c2 on c2.cluster_id = c1.cluster_id and c2.id <> c1.id
    join statement_search s2 on s2.id = c2.id and s2.speaker_id = o1.speaker_id
    left join outlets o on o.id = s2.outlet_id
    where o1.id = any(${ids}::int[])
    group by o1.id, c1.cluster_id, o1.outlet_id`.execute(db);
  return new Map(rows.map((r) => [r.id, r]));
}
