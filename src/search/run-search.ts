import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { normalizeStatementText } from '../statements/normalize.ts';
import { type Cursor, decodeCursor, encodeCursor } from './search.cursor.ts';
import { FACET_SAMPLE, type FacetRow, facetCounts, idHits, textHits } from './search.facets.ts';
import { datePageQuery, type HitRow, hitsByIdQuery, type PageRow, RELEVANCE_CANDIDATES, relevancePageQuery } from './search.queries.ts';
import { afterCursor } from './scored-pages.ts';
import { commonWordLexeme, resolveFilters } from './search.resolve.ts';
import { hasFilters, type SearchParams } from './search.ts';
import { SIMILAR_CANDIDATES, type SimilarResult, similarStatements } from './similar.queries.ts';

export interface SearchResult {
  /** Nothing asked yet: no words and no filters. */
  blank: boolean;
  /** In similar mode with the near-verbatim scores (similar.queries.ts ScoredRow). */
  hits: (HitRow & { score?: number; word_similarity?: number; text_similarity?: number })[];
  nextCursor: string | null;
  facets: FacetRow[] | null;
  /** Relevance ranked only the first RELEVANCE_CANDIDATES matches. */
  rankCapped: boolean;
  facetSample: number;
  /** Near-verbatim: set when the prefilter gave nothing and the trigram scan ran (why, and whether it was stopped). */
  fallback: SimilarResult['fallback'];
}

const blank: SearchResult = { blank: true, hits: [], nextCursor: null, facets: null, rankCapped: false, facetSample: FACET_SAMPLE, fallback: null };

/** The date cursor that starts right after `last` (a row with its DATE_KEY as date_key) in p's date order. */
export function nextDateCursor(p: SearchParams, last: Pick<PageRow, 'id' | 'article_id' | 'date_key'>): Cursor {
  return { s: p.sort === 'oldest' ? 'oldest' : 'newest', p: last.date_key === null ? null : Number(last.date_key), a: last.article_id, id: last.id };
}

/** The page's ids (by relevance, with its facets, or by date), then what they show. */
async function textSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  const byRelevance = p.sort === 'relevance';
  const cursor = decodeCursor(p.cursor, p.sort);
  // Only the newest matches (ranked, or counted for facets) can come from a posting list.
  const lexeme = byRelevance || p.facets ? await commonWordLexeme(db, p) : null;
  const pageQuery = byRelevance ? relevancePageQuery(p, cursor, p.facets, lexeme) : datePageQuery(p, cursor);
  const showPage = async () => {
    const all = (await pageQuery.execute(db)).rows;
    const rows = all.filter((r) => r.id !== null);
    const shown = rows.slice(0, p.limit);
    const hits = shown.length ? (await hitsByIdQuery(shown.map((r) => r.id), p.q || null).execute(db)).rows : [];
    return { rows, hits, facets: all.find((r) => r.id === null)?.facets ?? [] };
  };
  // A date-sorted page walks a date index; its facets need the matches, in a second query.
  const [page, dateFacets] = await Promise.all([
    showPage(),
    p.facets && !byRelevance ? facetCounts(db, textHits(p, lexeme)) : null,
  ]);
  const { rows, hits } = page;
  const last = rows[p.limit - 1];
  const next = rows.length > p.limit && last
    ? encodeCursor(byRelevance ? { s: 'relevance', r: last.rank_key!, id: last.id } : nextDateCursor(p, last))
    : null;
  return {
    blank: false,
    hits,
    nextCursor: next,
    facets: p.facets ? dateFacets ?? page.facets : null,
    rankCapped: byRelevance && (rows[0]?.matched ?? 0) >= RELEVANCE_CANDIDATES,
    facetSample: FACET_SAMPLE,
    fallback: null,
  };
}

async function similarSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  const cursor = decodeCursor(p.cursor, 'similar');
  const normalized = normalizeStatementText(p.q);
  if (normalized === '') return { ...blank, blank: false };
  const { rows: scored, fallback } = await similarStatements(db, p.q, normalized, p.filters);
  const after = afterCursor(scored, cursor, (r) => r.score);
  const page = after.slice(0, p.limit);
  const [rows, facets] = await Promise.all([
    page.length ? hitsByIdQuery(page.map((r) => r.id)).execute(db) : { rows: [] as HitRow[] },
    p.facets && scored.length ? facetCounts(db, idHits(scored.map((r) => r.id))) : null,
  ]);
  const scoreOf = new Map(page.map((r) => [r.id, r]));
  const last = page.at(-1);
  return {
    blank: false,
    hits: rows.rows.map((r) => {
      const s = scoreOf.get(r.id);
      return { ...r, score: s?.score, word_similarity: s?.word_similarity, text_similarity: s?.text_similarity };
    }),
    nextCursor: after.length > p.limit && last ? encodeCursor({ s: 'similar', r: last.score, id: last.id }) : null,
    facets: facets ?? (p.facets ? [{ facet: 'total', key: null, label: null, n: 0 }] : null),
    rankCapped: false,
    facetSample: SIMILAR_CANDIDATES,
    fallback,
  };
}

/**
 * Runs a search: a page of hits in the search's order, its facets and the next page's cursor.
 * Without words or filters the search is blank (nothing asked yet), unless `listAll` (an
 * export of everything): then every statement, newest first.
 */
export async function runSearch(db: Kysely<Database>, p: SearchParams, { listAll = false } = {}): Promise<SearchResult> {
  if (!p.q && (p.mode === 'similar' || (!hasFilters(p.filters) && !listAll))) {
    decodeCursor(p.cursor, p.mode === 'similar' ? 'similar' : p.sort);
    return blank;
  }
  const resolved = { ...p, filters: await resolveFilters(db, p.filters) };
  return p.mode === 'similar' ? similarSearch(db, resolved) : textSearch(db, resolved);
}
