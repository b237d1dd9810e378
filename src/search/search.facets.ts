import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { newestMatches } from './search.filters.ts';
import type { SearchParams } from './search.ts';

/**
 * Facets count at most this many matches, the newest stored: counting all 50,000 matches of
 * a very common word would take far longer than the search. The page says so.
 */
export const FACET_SAMPLE = 500;
const TOP = 10;

export type FacetName = 'speaker' | 'outlet' | 'year' | 'kind';

export interface FacetRow {
  facet: FacetName | 'total';
  key: string | null;
  label: string | null;
  n: number;
}

/** What facets count, per match (from statement_search s). */
export const HIT_COLUMNS = sql`s.id, s.kind, s.outlet_id, s.speaker_id, extract(year from s.published_at at time zone 'UTC')::int as year`;

/** The matches of a full-text (or filter-only) search, capped. */
export function textHits(p: SearchParams, postingsLexeme: string | null): RawBuilder<unknown> {
  return newestMatches(p, FACET_SAMPLE, HIT_COLUMNS, postingsLexeme);
}

/** Given statements (near-verbatim matches, found beforehand). */
export function idHits(ids: number[]): RawBuilder<unknown> {
  return sql`select ${HIT_COLUMNS} from statement_search s where s.id = any(${ids}::int[])`;
}

/** The facet rows, counted over a CTE named `hits` with HIT_COLUMNS. */
export const FACET_ROWS = sql<FacetRow>`
    (select 'total' as facet, null as key, null as label, count(*)::int as n from hits)
    union all
    (select 'speaker', t.speaker_id::text, sp.canonical_name, t.n
       from (select speaker_id, count(*)::int as n from hits where speaker_id is not null
             group by speaker_id order by n desc, speaker_id limit ${TOP}) t
       join speakers sp on sp.id = t.speaker_id order by t.n desc, sp.canonical_name)
    union all
    (select 'outlet', t.outlet_id::text, o.name, t.n
       from (select outlet_id, count(*)::int as n from hits where outlet_id is not null
             group by outlet_id order by n desc, outlet_id limit ${TOP}) t
       join outlets o on o.id = t.outlet_id order by t.n desc, o.name)
    union all
    (select 'year', h.year::text, h.year::text, count(*)::int as n
       from hits h where h.year is not null group by h.year order by h.year desc limit ${TOP})
    union all
    (select 'kind', h.kind, h.kind, count(*)::int as n from hits h group by h.kind order by n desc)`;

export function facetQuery(hits: RawBuilder<unknown>): RawBuilder<FacetRow> {
  return sql<FacetRow>`with hits as materialized (${hits}) ${FACET_ROWS}`;
}

export async function facetCounts(db: Kysely<Database>, hits: RawBuilder<unknown>): Promise<FacetRow[]> {
  return (await facetQuery(hits).execute(db)).rows;
}
