import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { normalizeStatementText } from '../statements/normalize.ts';
import { type Cursor, decodeCursor, encodeCursor } from './search.cursor.ts';
import { FACET_SAMPLE, type FacetRow, facetCounts, idHits, textHits } from './search.facets.ts';
import { type HitRow, hitsByIdQuery, RELEVANCE_CANDIDATES, searchPage } from './search.queries.ts';
import { resolveFilters } from './search.resolve.ts';
import { hasFilters, type SearchParams } from './search.ts';
import { similarStatements } from './similar.queries.ts';

export interface SearchResult {
  /** Nothing asked yet: no words and no filters. */
  blank: boolean;
  hits: (HitRow & { score?: number })[];
  nextCursor: string | null;
  facets: FacetRow[] | null;
  /** Relevance ranked only the first RELEVANCE_CANDIDATES matches. */
  rankCapped: boolean;
  facetSample: number;
  /** Near-verbatim: the quote's words were too common or unknown, so every statement was compared. */
  usedFallback: boolean;
}

const blank: SearchResult = { blank: true, hits: [], nextCursor: null, facets: null, rankCapped: false, facetSample: FACET_SAMPLE, usedFallback: false };

function nextTextCursor(p: SearchParams, last: HitRow): Cursor {
  if (p.sort === 'relevance') return { s: 'relevance', r: last.rank_key ?? '0', id: last.id };
  return { s: p.sort, p: last.date_key === null ? null : Number(last.date_key), a: last.article_id, id: last.id };
}

async function textSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  const cursor = decodeCursor(p.cursor, p.sort);
  const [rows, facets] = await Promise.all([searchPage(db, p, cursor), p.facets ? facetCounts(db, textHits(p)) : null]);
  const hits = rows.slice(0, p.limit);
  const total = facets?.find((f) => f.facet === 'total')?.n ?? 0;
  return {
    blank: false,
    hits,
    nextCursor: rows.length > p.limit ? encodeCursor(nextTextCursor(p, hits.at(-1)!)) : null,
    facets,
    rankCapped: p.sort === 'relevance' && total >= RELEVANCE_CANDIDATES,
    facetSample: FACET_SAMPLE,
    usedFallback: false,
  };
}

async function similarSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  const cursor = decodeCursor(p.cursor, 'similar');
  const normalized = normalizeStatementText(p.q);
  if (normalized === '') return { ...blank, blank: false };
  const { rows: scored, usedFallback } = await similarStatements(db, p.q, normalized, p.filters);
  const after = cursor?.s === 'similar' ? scored.filter((r) => r.score < cursor.r || (r.score === cursor.r && r.id < cursor.id)) : scored;
  const page = after.slice(0, p.limit);
  const [rows, facets] = await Promise.all([
    page.length ? hitsByIdQuery(page.map((r) => r.id)).execute(db) : { rows: [] as HitRow[] },
    p.facets && scored.length ? facetCounts(db, idHits(scored.map((r) => r.id))) : null,
  ]);
  const scoreOf = new Map(page.map((r) => [r.id, r.score]));
  const last = page.at(-1);
  return {
    blank: false,
    hits: rows.rows.map((r) => ({ ...r, score: scoreOf.get(r.id) })),
    nextCursor: after.length > p.limit && last ? encodeCursor({ s: 'similar', r: last.score, id: last.id }) : null,
    facets: facets ?? (p.facets ? [{ facet: 'total', key: null, label: null, n: 0 }] : null),
    rankCapped: false,
    facetSample: FACET_SAMPLE,
    usedFallback,
  };
}

export async function runSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  if (!p.q && (p.mode === 'similar' || !hasFilters(p.filters))) {
    decodeCursor(p.cursor, p.mode === 'similar' ? 'similar' : p.sort);
    return blank;
  }
  const resolved = { ...p, filters: await resolveFilters(db, p.filters) };
  return p.mode === 'similar' ? similarSearch(db, resolved) : textSearch(db, resolved);
}
