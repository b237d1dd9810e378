import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Cursor } from './search.cursor.ts';
import { filterConditions, fromFor, NEWEST_KEY, OLDEST_KEY, tsQuery, whereAll } from './search.filters.ts';
import type { SearchParams } from './search.ts';

/**
 * Relevance ranks at most this many matches: the newest stored ones. ts_rank must read every
 * row it ranks, so ranking all 50,000 matches of a very common word would take a quarter of
 * a second; for such a word Postgres walks the primary key backwards and stops after this
 * many. The page says when a search hit the cap.
 */
export const RELEVANCE_CANDIDATES = 500;

export interface HitRow {
  id: number;
  article_id: number;
  kind: 'quote' | 'claim';
  quote_type: string;
  text: string;
  /** ts_headline output with sentinel characters around matches; null without words. */
  headline: string | null;
  speaker_id: number | null;
  speaker_name: string | null;
  role_text: string | null;
  status: string;
  outlet_name: string | null;
  agency: string | null;
  article_title: string;
  published_at: Date | null;
  /** Sort keys of the row, for the next cursor. */
  rank_key: string | null;
  date_key: string | null;
}

export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

export interface CandidateRow {
  id: number;
  kind: 'quote' | 'claim';
  outlet_id: number | null;
  speaker_id: number | null;
  year: number | null;
  rank: number;
}

/**
 * Relevance: the newest RELEVANCE_CANDIDATES matches with their rank, and what the facets
 * count. One scan serves the page (ordered and cut in relevance.ts) and the facets.
 */
export function relevanceCandidatesQuery(p: SearchParams): RawBuilder<CandidateRow> {
  const conditions = [sql`s.search_vector @@ ${tsQuery(p.q)}`, ...filterConditions(p.filters)];
  return sql<CandidateRow>`
    select s.id, s.kind, s.outlet_id, s.speaker_id, extract(year from s.published_at at time zone 'UTC')::int as year,
           ts_rank(s.search_vector, ${tsQuery(p.q)}, 1) as rank
    from ${fromFor(p.filters)} ${whereAll(conditions)}
    order by s.id desc
    limit ${RELEVANCE_CANDIDATES}`;
}

/** One page by date (limit + 1 rows, to know whether there is a next one): ids and sort keys. */
function pageOfIds(p: SearchParams, cursor: Cursor | undefined): RawBuilder<unknown> {
  const conditions = filterConditions(p.filters);
  if (p.q) conditions.unshift(sql`s.search_vector @@ ${tsQuery(p.q)}`);
  const take = p.limit + 1;
  const newest = p.sort !== 'oldest';
  const key = newest ? NEWEST_KEY : OLDEST_KEY;
  if (cursor && (cursor.s === 'newest' || cursor.s === 'oldest')) {
    const point = cursor.p !== null
      ? sql`'epoch'::timestamptz + ${cursor.p}::bigint * interval '1 microsecond'`
      : newest ? sql`'-infinity'::timestamptz` : sql`'infinity'::timestamptz`;
    const op = newest ? sql`<` : sql`>`;
    conditions.push(sql`(${key}, s.article_id, s.id) ${op} (${point}, ${cursor.a}, ${cursor.id})`);
  }
  const dir = newest ? sql`desc` : sql`asc`;
  return sql`
    select s.id, null::text as rank_key,
           case when s.published_at is null then null
                else (extract(epoch from s.published_at) * 1000000)::bigint::text end as date_key,
           ${key} as o1, s.article_id as o2, s.id as o3
    from ${fromFor(p.filters)} ${whereAll(conditions)}
    order by ${key} ${dir}, s.article_id ${dir}, s.id ${dir}
    limit ${take}`;
}

/**
 * Adds what a hit shows to a page of ids (columns id, rank_key, date_key, o1..o3, sorted by
 * o1..o3 in `dir`). ts_headline runs on the page's rows only.
 */
export function withHitColumns(page: RawBuilder<unknown>, q: string | null, dir: RawBuilder<unknown>): RawBuilder<HitRow> {
  const cleanText = sql`replace(replace(s.text, ${MARK_START}, ''), ${MARK_END}, '')`;
  return sql<HitRow>`
    select s.id, s.article_id, s.kind, s.quote_type, s.text,
           ${q ? sql`ts_headline('english', ${cleanText}, ${tsQuery(q)}, ${HEADLINE_OPTIONS})` : sql`null`} as headline,
           at.speaker_id, sp.canonical_name as speaker_name, at.role_text, at.status,
           o.name as outlet_name, a.agency, a.title as article_title, a.published_at,
           pg.rank_key, pg.date_key
    from (${page}) pg
    join statements s on s.id = pg.id
    join articles a on a.id = s.article_id
    left join attributions at on at.statement_id = s.id and at.is_current
    left join speakers sp on sp.id = at.speaker_id
    left join outlets o on o.id = a.outlet_id
    order by pg.o1 ${dir}, pg.o2 ${dir}, pg.o3 ${dir}`;
}

export function searchPageQuery(p: SearchParams, cursor: Cursor | undefined): RawBuilder<HitRow> {
  return withHitColumns(pageOfIds(p, cursor), p.q || null, p.sort === 'oldest' ? sql`asc` : sql`desc`);
}

/** Given statements, in the order given; matched words highlighted when q is given. */
export function hitsByIdQuery(ids: number[], q: string | null = null): RawBuilder<HitRow> {
  const page = sql`select x.id, null::text as rank_key, null::text as date_key, x.ord as o1, 0 as o2, 0 as o3
                   from unnest(${ids}::int[]) with ordinality as x(id, ord)`;
  return withHitColumns(page, q, sql`asc`);
}

export async function searchPage(db: Kysely<Database>, p: SearchParams, cursor: Cursor | undefined): Promise<HitRow[]> {
  return (await searchPageQuery(p, cursor).execute(db)).rows;
}
