import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { normalizeStatementText } from '../statements/normalize.ts';
import { type Cursor, decodeCursor } from './search.cursor.ts';
import { FACET_SAMPLE, type FacetRow, facetCounts, idHits, textHits } from './search.facets.ts';
import { datePageQuery, type HitRow, hitsByIdQuery, type PageRow, RELEVANCE_CANDIDATES, relevancePageQuery } from './search.queries.ts';
import { afterCursor, beforeCursor } from './scored-pages.ts';
import { copiesOf, type CopiesRow, groupsCopies, shownCopies } from './search.copies.ts';
import { goesBack, type PagePlace, placePage } from './search.paging.ts';
import { onlyIgnoredWords, wordNotes } from './search.words.ts';
import { commonWordLexeme, resolveFilters } from './search.resolve.ts';
import { hasFilters, type SearchParams, sortInForce } from './search.ts';
import { SIMILAR_CANDIDATES, type SimilarResult, similarStatements } from './similar.queries.ts';

export interface SearchResult extends PagePlace {
  /** Nothing asked yet: no words and no filters. */
  blank: boolean;
  /** In similar mode with the near-verbatim scores (similar.queries.ts ScoredRow). */
  hits: (HitRow & { score?: number; word_similarity?: number; text_similarity?: number })[];
  /** The shown hits' other copies (search.copies.ts), by statement id; only those with some. */
  copies: Map<number, CopiesRow>;
  /** The sort in force (the asked one may need words that were ignored). */
  sort: SearchParams['sort'];
  facets: FacetRow[] | null;
  /** Relevance ranked only the first RELEVANCE_CANDIDATES matches. */
  rankCapped: boolean;
  facetSample: number;
  /** Near-verbatim: set when the prefilter gave nothing and the trigram scan ran (why, and whether it was stopped). */
  fallback: SimilarResult['fallback'];
  /** Words not searched as typed (only stop words, a misplaced *), in sentences. */
  notes: string[];
}

const firstPage: PagePlace = { start: 0, nextCursor: null, hasPrev: false, prevCursor: null };
const blankResult = (p: SearchParams, notes: string[] = []): SearchResult => ({
  blank: true, hits: [], copies: new Map(), sort: p.sort, facets: null, rankCapped: false, facetSample: FACET_SAMPLE,
  fallback: null, notes, ...firstPage,
});

/** The date cursor at `last` (a row with its DATE_KEY as date_key) in p's date order. */
export function nextDateCursor(p: SearchParams, last: Pick<PageRow, 'id' | 'article_id' | 'date_key'>): Cursor {
  return { s: p.sort === 'oldest' ? 'oldest' : 'newest', p: last.date_key === null ? null : Number(last.date_key), a: last.article_id, id: last.id };
}

/** The page's ids (by relevance, with its facets, or by date), then what they show. */
async function textSearch(db: Kysely<Database>, p: SearchParams, notes: string[]): Promise<SearchResult> {
  const byRelevance = p.sort === 'relevance';
  const cursor = decodeCursor(p.cursor, p.sort);
  // Only the newest matches (ranked, or counted for facets) can come from a posting list.
  const lexeme = byRelevance || p.facets ? await commonWordLexeme(db, p) : null;
  const pageQuery = byRelevance ? relevancePageQuery(p, cursor, p.facets, lexeme) : datePageQuery(p, cursor);
  const showPage = async () => {
    const all = (await pageQuery.execute(db)).rows;
    const page = placePage(all.filter((r) => r.id !== null), cursor, p.limit, (r) =>
      byRelevance ? { s: 'relevance', r: r.rank_key!, id: r.id } : nextDateCursor(p, r));
    const ids = page.rows.map((r) => r.id);
    const [hits, copies] = await Promise.all([
      ids.length ? hitsByIdQuery(ids, p.q || null).execute(db).then((r) => r.rows) : [],
      copiesOf(db, ids),
    ]);
    return { page, matched: all[0]?.matched ?? 0, hits, copies, facets: all.find((r) => r.id === null)?.facets ?? [] };
  };
  // A date-sorted page walks a date index; its facets need the matches, in a second query.
  const [shown, dateFacets] = await Promise.all([
    showPage(),
    p.facets && !byRelevance ? facetCounts(db, textHits(p, lexeme)) : null,
  ]);
  const { rows: _rows, ...place } = shown.page;
  return {
    ...place,
    blank: false,
    hits: shown.hits,
    copies: shown.copies,
    sort: p.sort,
    facets: p.facets ? dateFacets ?? shown.facets : null,
    rankCapped: byRelevance && shown.matched >= RELEVANCE_CANDIDATES,
    facetSample: FACET_SAMPLE,
    fallback: null,
    notes,
  };
}

async function similarSearch(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  const cursor = decodeCursor(p.cursor, 'similar');
  const normalized = normalizeStatementText(p.q);
  if (normalized === '') return { ...blankResult(p), blank: false };
  const found = await similarStatements(db, p.q, normalized, p.filters);
  let scored = found.rows;
  if (groupsCopies(p)) {
    const shownIds = await shownCopies(db, scored.map((r) => r.id));
    scored = scored.filter((r) => shownIds.has(r.id));
  }
  // Walking away from the cursor: after it, or (back) before it, nearest first.
  const fetched = goesBack(cursor) ? beforeCursor(scored, cursor, (r) => r.score).reverse() : afterCursor(scored, cursor, (r) => r.score);
  const { rows: page, ...place } = placePage(fetched.slice(0, p.limit + 1), cursor, p.limit, (r) => ({ s: 'similar', r: r.score, id: r.id }));
  const ids = page.map((r) => r.id);
  const [rows, facets, copies] = await Promise.all([
    ids.length ? hitsByIdQuery(ids).execute(db) : { rows: [] as HitRow[] },
    p.facets && scored.length ? facetCounts(db, idHits(scored.map((r) => r.id))) : null,
    copiesOf(db, ids),
  ]);
  const scoreOf = new Map(page.map((r) => [r.id, r]));
  return {
    ...place,
    blank: false,
    hits: rows.rows.map((r) => {
      const s = scoreOf.get(r.id);
      return { ...r, score: s?.score, word_similarity: s?.word_similarity, text_similarity: s?.text_similarity };
    }),
    copies,
    sort: p.sort,
    facets: facets ?? (p.facets ? [{ facet: 'total', key: null, label: null, n: 0 }] : null),
    rankCapped: false,
    facetSample: SIMILAR_CANDIDATES,
    fallback: found.fallback,
    notes: [],
  };
}

/**
 * Runs a search: a page of hits in the search's order, its facets, where the page sits and
 * the cursors around it. Without words or filters the search is blank (nothing asked yet),
 * unless `listAll` (an export of everything): then every statement, newest first. Words that
 * hold nothing to search (only stop words) are dropped, with a note, and the sort falls back
 * to the one for no words.
 */
export async function runSearch(db: Kysely<Database>, p: SearchParams, { listAll = false } = {}): Promise<SearchResult> {
  let notes: string[] = [];
  if (p.q && p.mode === 'text') {
    const ignored = await onlyIgnoredWords(db, p.q);
    notes = wordNotes(p.q, ignored);
    if (ignored) p = { ...p, q: '', sort: sortInForce('', p.sort === 'relevance' ? undefined : p.sort) };
  }
  if (!p.q && (p.mode === 'similar' || (!hasFilters(p.filters) && !listAll))) {
    decodeCursor(p.cursor, p.mode === 'similar' ? 'similar' : p.sort);
    return blankResult(p, notes);
  }
  const resolved = { ...p, filters: await resolveFilters(db, p.filters) };
  return p.mode === 'similar' ? similarSearch(db, resolved) : textSearch(db, resolved, notes);
}
