import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { withStatementTimeout } from '../db/statement-timeout.ts';
import { filterConditions, fromFor, whereAll } from './search.filters.ts';
import type { SearchFilters } from './search.ts';

// Near-verbatim search. Comparing a quote with every statement (`normalized_text % q` over
// the trigram index) takes about a second on a million statements. Instead: take the
// quote's rarest words (statement_words counts, kept by triggers), find statements holding
// any two of them through the GIN tsvector index, and rank those few by similarity().
// A reworded quote keeps most of its rare words, so it is still found (recall measured by
// scripts/bench-search.ts against an exhaustive scan).

/** How many of the quote's rarest words make the pairs. */
export const RARE_WORDS = 6;
/** At most this many prefiltered statements are compared with the quote. */
export const SIMILAR_CANDIDATES = 1000;
/** Statements less similar than this are not near-verbatim matches (pg_trgm's default). */
export const MIN_SIMILARITY = 0.3;

export interface WordCount {
  word: string;
  n: number;
}

export interface ScoredRow {
  id: number;
  score: number;
}

/** The quote's words (stemmed as in search_vector) with the number of statements holding each. */
export function quoteWordsQuery(quote: string): RawBuilder<WordCount> {
  return sql<WordCount>`
    select w as word, coalesce(sw.doc_count, 0)::int as n
    from unnest(tsvector_to_array(to_tsvector('english', ${quote}))) as w
    left join statement_words sw on sw.word = w`;
}

/** tsquery text: any two of the rarest words ("(a & b) | (a & c) | ..."), or the one word. */
export function rarePairsTsquery(words: WordCount[]): string | null {
  const rare = words
    .filter((w) => w.n > 0)
    .sort((x, y) => x.n - y.n || (x.word < y.word ? -1 : 1))
    .slice(0, RARE_WORDS)
    .map((w) => `'${w.word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`);
  if (rare.length === 0) return null;
  if (rare.length === 1) return rare[0]!;
  const pairs: string[] = [];
  for (let i = 0; i < rare.length; i++) for (let j = i + 1; j < rare.length; j++) pairs.push(`(${rare[i]} & ${rare[j]})`);
  return pairs.join(' | ');
}

export function prefilteredQuery(tsquery: string, normalizedQuote: string, filters: SearchFilters): RawBuilder<ScoredRow> {
  const conditions = [sql`s.search_vector @@ ${tsquery}::tsquery`, ...filterConditions(filters)];
  return sql<ScoredRow>`
    select c.id, c.score from (
      select s.id, similarity(st.normalized_text, ${normalizedQuote}) as score
      from ${fromFor(filters)} join statements st on st.id = s.id ${whereAll(conditions)}
      limit ${SIMILAR_CANDIDATES}) c
    where c.score >= ${MIN_SIMILARITY}
    order by c.score desc, c.id desc`;
}

/**
 * The trigram scan reads every statement sharing trigrams with the quote (1.7-2.4 s on a
 * million statements): past this it is cancelled and the user asked for more words.
 */
export const FALLBACK_TIMEOUT_MS = 3000;

/** The slow path, for quotes whose words the prefilter cannot use: the trigram index. */
export function trigramQuery(normalizedQuote: string, filters: SearchFilters): RawBuilder<ScoredRow> {
  const conditions = [sql`st.normalized_text % ${normalizedQuote}`, ...filterConditions(filters)];
  return sql<ScoredRow>`
    select c.id, c.score from (
      select s.id, similarity(st.normalized_text, ${normalizedQuote}) as score
      from ${fromFor(filters)} join statements st on st.id = s.id ${whereAll(conditions)}) c
    where c.score >= ${MIN_SIMILARITY}
    order by c.score desc, c.id desc
    limit ${SIMILAR_CANDIDATES}`;
}

/** Near-verbatim matches of a (normalized) quote, best first, with their similarity. */
export async function similarStatements(
  db: Kysely<Database>,
  quote: string,
  normalizedQuote: string,
  filters: SearchFilters,
): Promise<{ rows: ScoredRow[]; usedFallback: boolean; fallbackTimedOut: boolean }> {
  const words = (await quoteWordsQuery(quote).execute(db)).rows;
  const tsquery = rarePairsTsquery(words);
  if (tsquery) {
    const rows = (await prefilteredQuery(tsquery, normalizedQuote, filters).execute(db)).rows;
    if (rows.length > 0) return { rows, usedFallback: false, fallbackTimedOut: false };
  }
  const scan = await withStatementTimeout(db, FALLBACK_TIMEOUT_MS, async (trx) => (await trigramQuery(normalizedQuote, filters).execute(trx)).rows);
  return scan.timedOut ? { rows: [], usedFallback: true, fallbackTimedOut: true } : { rows: scan.value, usedFallback: true, fallbackTimedOut: false };
}
