import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { normalizeStatementText } from '../statements/normalize.ts';
import { type Cursor, decodeCursor, encodeCursor } from './search.cursor.ts';
import { FACET_SAMPLE, type FacetRow, facetCounts, facetNamesQuery, idHits, namesOf, textHits } from './search.facets.ts';
import { type HitRow, hitsByIdQuery, RELEVANCE_CANDIDATES, relevanceCandidatesQuery, searchPage } from './search.queries.ts';
import { afterCursor, byRank, countFacets, facetIds } from './relevance.ts';
import { resolveFilters } from './search.resolve.ts';
import { hasFilters, type SearchParams } from './search.ts';
import { SIMILAR_CANDIDATES, similarStatements } from './similar.queries.ts';

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
  /** ...and that comparison took too long and was stopped. */
  fallbackTimedOut: boolean;
}

const blank: SearchResult = { blank: true, hits: [], nextCursor: null, facets: null, rankCapped: false, facetSample: FACET_SAMPLE, usedFallback: false, fallbackTimedOut: false };

function nextDateCursor(p: SearchParams, last: HitRow): Cursor {
  return { s: p.sort === 'oldest' ? 'oldest' : 'newest', p: last.date_key === null ? null : Number(last.date_key), a: last.article_id, id: last.id };
}

async function relevanceSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  const cursor = decodeCursor(p.cursor, 'relevance');
  const candidates = (await relevanceCandidatesQuery(p).execute(db)).rows;
  const rest = afterCursor(byRank(candidates), cursor, (r) => r.rank);
  const page = rest.slice(0, p.limit);
  const ids = facetIds(candidates);
  const [rows, names] = await Promise.all([
    page.length ? hitsByIdQuery(page.map((r) => r.id), p.q).execute(db) : { rows: [] as HitRow[] },
    p.facets && candidates.length ? facetNamesQuery(ids.speakers, ids.outlets).execute(db) : { rows: [] },
  ]);
  const last = page.at(-1);
  return {
    blank: false,
    hits: rows.rows,
    nextCursor: rest.length > p.limit && last ? encodeCursor({ s: 'relevance', r: String(last.rank), id: last.id }) : null,
    facets: p.facets ? countFacets(candidates, namesOf(names.rows, 'speaker'), namesOf(names.rows, 'outlet')) : null,
    rankCapped: candidates.length >= RELEVANCE_CANDIDATES,
    facetSample: RELEVANCE_CANDIDATES,
    usedFallback: false,
    fallbackTimedOut: false,
  };
}

async function textSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  if (p.sort === 'relevance') return relevanceSearch(db, p);
  const cursor = decodeCursor(p.cursor, p.sort);
  const [rows, facets] = await Promise.all([searchPage(db, p, cursor), p.facets ? facetCounts(db, textHits(p)) : null]);
  const hits = rows.slice(0, p.limit);
  return {
    blank: false,
    hits,
    nextCursor: rows.length > p.limit ? encodeCursor(nextDateCursor(p, hits.at(-1)!)) : null,
    facets,
    rankCapped: false,
    facetSample: FACET_SAMPLE,
    usedFallback: false,
    fallbackTimedOut: false,
  };
}

async function similarSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  const cursor = decodeCursor(p.cursor, 'similar');
  const normalized = normalizeStatementText(p.q);
  if (normalized === '') return { ...blank, blank: false };
  const { rows: scored, usedFallback, fallbackTimedOut } = await similarStatements(db, p.q, normalized, p.filters);
  const after = afterCursor(scored, cursor, (r) => r.score);
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
    facetSample: SIMILAR_CANDIDATES,
    usedFallback,
    fallbackTimedOut,
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
