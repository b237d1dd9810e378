import { type RawBuilder, sql } from 'kysely';
import type { Cursor } from './search.cursor.ts';
import { FACET_ROWS, type FacetRow, HIT_COLUMNS } from './search.facets.ts';
import { fromFor, NEWEST_KEY, newestMatches, OLDEST_KEY, shownMatchConditions, tsQuery, whereAll } from './search.filters.ts';
import { goesBack } from './search.paging.ts';
import type { SearchParams } from './search.ts';

/**
 * Relevance ranks at most this many matches: the newest stored ones. ts_rank must read every
 * row it ranks, so ranking all 50,000 matches of a very common word would take a quarter of
 * a second; for such a word the newest matches come first from its posting list (or, with
 * filters, Postgres walks the primary key backwards) and stop after this many. The page
 * says when a search hit the cap.
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
}

export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

/** One page of matches, in order (limit + 1 rows, to know whether there is a next one). */
export interface PageRow {
  id: number;
  article_id: number;
  /** Sort keys of the row, for the next cursor. */
  rank_key: string | null;
  date_key: string | null;
  /** Relevance pages: how many candidates were ranked (RELEVANCE_CANDIDATES at most). */
  matched: number | null;
  /** Relevance pages with facets: the facet rows, on one extra row whose id is null. */
  facets?: FacetRow[] | null;
}

/**
 * Relevance, from one scan: the newest RELEVANCE_CANDIDATES matches with their ts_rank, best
 * first (ties: newest first), the page after the cursor, how many candidates there were
 * (the page says when the cap was reached) and, when asked, the facets counted over the
 * same candidates, as one last row with a null id.
 */
export function relevancePageQuery(p: SearchParams, cursor: Cursor | undefined, withFacets: boolean, postingsLexeme: string | null): RawBuilder<PageRow> {
  // Going back: the rows before the cursor's, walked best-last (placePage turns them round).
  const back = goesBack(cursor);
  const after = cursor?.s === 'relevance'
    ? back
      ? sql`where h.rank > ${cursor.r}::real or (h.rank = ${cursor.r}::real and h.id > ${cursor.id})`
      : sql`where h.rank < ${cursor.r}::real or (h.rank = ${cursor.r}::real and h.id < ${cursor.id})`
    : sql``;
  const order = back ? sql`order by h.rank asc, h.id asc` : sql`order by h.rank desc, h.id desc`;
  return sql<PageRow>`
    with hits as materialized (
      ${newestMatches(p, RELEVANCE_CANDIDATES, sql`${HIT_COLUMNS}, s.article_id, ts_rank(s.search_vector, ${tsQuery(p.q)}, 1) as rank`, postingsLexeme)})
    (select h.id, h.article_id, h.rank::text as rank_key, null::text as date_key,
            (select count(*)::int from hits) as matched, null::json as facets
     from hits h ${after}
     ${order}
     limit ${p.limit + 1})
    ${withFacets ? sql`union all select null, null, null, null, null, (select json_agg(f) from (${FACET_ROWS}) f)` : sql``}`;
}

/**
 * The date sort's key of a statement_search row `s`, as a date cursor holds it: its publication
 * time in microseconds since 1970, as text (exact), null when undated.
 */
export const DATE_KEY = sql<string | null>`case when s.published_at is null then null
  else (extract(epoch from s.published_at) * 1000000)::bigint::text end`;

/**
 * What a date-sorted search keeps of statement_search `s`: its words, its filters, and only
 * the rows after the cursor's (the keyset of dateOrder), to be and-ed together.
 */
export function dateConditions(p: SearchParams, cursor: Cursor | undefined): RawBuilder<unknown>[] {
  const conditions = shownMatchConditions(p);
  const newest = p.sort !== 'oldest';
  if (cursor && (cursor.s === 'newest' || cursor.s === 'oldest')) {
    const point = cursor.p !== null
      ? sql`'epoch'::timestamptz + ${cursor.p}::bigint * interval '1 microsecond'`
      : newest ? sql`'-infinity'::timestamptz` : sql`'infinity'::timestamptz`;
    // Going back from a row: the rows before it in the listing's order.
    const op = newest !== goesBack(cursor) ? sql`<` : sql`>`;
    conditions.push(sql`(${newest ? NEWEST_KEY : OLDEST_KEY}, s.article_id, s.id) ${op} (${point}, ${cursor.a}, ${cursor.id})`);
  }
  return conditions;
}

/**
 * The date sort over statement_search `s`: newest or oldest first (undated last), then article
 * and statement id; an index holds each. `reversed`: the same order walked backwards (a page back).
 */
export function dateOrder(p: SearchParams, reversed = false): RawBuilder<unknown> {
  const newest = (p.sort !== 'oldest') !== reversed;
  const dir = newest ? sql`desc` : sql`asc`;
  return sql`order by ${newest ? NEWEST_KEY : OLDEST_KEY} ${dir}, s.article_id ${dir}, s.id ${dir}`;
}

/** By publication date, newest or oldest first (undated last), keyset after the cursor (before it, reversed, going back). */
export function datePageQuery(p: SearchParams, cursor: Cursor | undefined): RawBuilder<PageRow> {
  return sql<PageRow>`
    select s.id, s.article_id, null::text as rank_key, ${DATE_KEY} as date_key,
           null::int as matched, null::json as facets
    from ${fromFor(p.filters)} ${whereAll(dateConditions(p, cursor))}
    ${dateOrder(p, goesBack(cursor))}
    limit ${p.limit + 1}`;
}

/**
 * What a hit shows, for given statements in the order given; matched words highlighted
 * when q is given (ts_headline runs on these rows only). Its text never changes with the
 * search, so Postgres plans it once per connection (a prepared statement) instead of
 * planning six joins on every page.
 */
export function hitsByIdQuery(ids: number[], q: string | null = null): RawBuilder<HitRow> {
  const cleanText = sql`replace(replace(s.text, ${MARK_START}, ''), ${MARK_END}, '')`;
  return sql<HitRow>`
    select s.id, s.article_id, s.kind, s.quote_type, s.text,
           ${q ? sql`ts_headline('english', ${cleanText}, ${tsQuery(q)}, ${HEADLINE_OPTIONS})` : sql`null`} as headline,
           at.speaker_id, sp.canonical_name as speaker_name, at.role_text, at.status,
           o.name as outlet_name, a.agency, a.title as article_title, a.published_at
    from unnest(${ids}::int[]) with ordinality as x(id, ord)
    join statements s on s.id = x.id
    join articles a on a.id = s.article_id
    left join attributions at on at.statement_id = s.id and at.is_current
    left join speakers sp on sp.id = at.speaker_id
    left join outlets o on o.id = a.outlet_id
    order by x.ord`;
}
