import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { withStatementTimeout } from '../db/statement-timeout.ts';
import { filterConditions, fromFor, whereAll } from './search.filters.ts';
import type { SearchFilters } from './search.ts';

// Near-verbatim search. Comparing a quote with every statement (`normalized_text % q` over
// the trigram index) takes about a second on a million statements. Instead: take the
// quote's rarest words (statement_words counts, kept by triggers), find statements holding
// any two of them through the GIN tsvector index, and rank those few (NEAR_SCORE). A
// reworded quote, or a remembered fragment of a long one, keeps most of its rare words, so
// it is still found (recall measured by scripts/bench-search.ts).

/** How many of the quote's rarest words make the pairs. */
export const RARE_WORDS = 6;
/** At most this many prefiltered statements are compared with the quote. */
export const SIMILAR_CANDIDATES = 1000;
/** Statements less similar than this, as a whole, are not near-verbatim matches (pg_trgm's default `%` threshold). */
export const MIN_SIMILARITY = 0.3;
/**
 * ...unless they contain the pasted text this well (pg_trgm's default
 * strict_word_similarity_threshold, the `<<%` operator's): a fragment of a long statement.
 */
export const MIN_WORD_SIMILARITY = 0.5;
/**
 * How much the containment counts in the score; the rest is whole-text similarity, which
 * breaks the tie between a statement that IS the pasted quote and a longer one containing it.
 */
export const WORD_WEIGHT = 0.75;

export interface WordCount {
  word: string;
  n: number;
}

export interface ScoredRow {
  id: number;
  /** The ranking score, 0..1: WORD_WEIGHT * wordSimilarity + (1 - WORD_WEIGHT) * textSimilarity. */
  score: number;
  /** pg_trgm strict_word_similarity(quote, statement): how much of the pasted text the statement contains (0..1). */
  word_similarity: number;
  /** pg_trgm similarity(quote, statement): the two texts compared whole (0..1). */
  text_similarity: number;
}

/** Why the prefilter gave nothing, so the trigram scan ran instead. */
export type FallbackReason = 'no-known-words' | 'no-close-candidate';

export interface SimilarResult {
  rows: ScoredRow[];
  /** Set when the trigram scan ran. */
  fallback: { reason: FallbackReason; timedOut: boolean } | null;
}

/**
 * The scored rows of `candidates` (a FROM list with the statement as st), filtered by the
 * two thresholds and ordered best first. Scores are float4 (real), so a cursor holding one
 * reads back to the same value.
 */
function scored(candidates: RawBuilder<unknown>, normalizedQuote: string, limit: number | null): RawBuilder<ScoredRow> {
  return sql<ScoredRow>`
    select c.id, (${WORD_WEIGHT} * c.word_similarity + ${1 - WORD_WEIGHT} * c.text_similarity)::real as score,
           c.word_similarity, c.text_similarity
    from (select s.id, strict_word_similarity(${normalizedQuote}, st.normalized_text) as word_similarity,
                 similarity(st.normalized_text, ${normalizedQuote}) as text_similarity
          from ${candidates}) c
    where c.text_similarity >= ${MIN_SIMILARITY} or c.word_similarity >= ${MIN_WORD_SIMILARITY}
    order by score desc, c.id desc
    ${limit === null ? sql`` : sql`limit ${limit}`}`;
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

/** The first SIMILAR_CANDIDATES statements holding two of the rarest words, scored. */
export function prefilteredQuery(tsquery: string, normalizedQuote: string, filters: SearchFilters): RawBuilder<ScoredRow> {
  const conditions = [sql`s.search_vector @@ ${tsquery}::tsquery`, ...filterConditions(filters)];
  const candidates = sql`(select s.id from ${fromFor(filters)} ${whereAll(conditions)} limit ${SIMILAR_CANDIDATES}) s
    join statements st on st.id = s.id`;
  return scored(candidates, normalizedQuote, null);
}

/**
 * The trigram scan reads every statement sharing trigrams with the quote (1.7-2.4 s on a
 * million statements): past this it is cancelled and the user asked for more words.
 */
export const FALLBACK_TIMEOUT_MS = 3000;

/**
 * The slow path, for quotes whose words the prefilter cannot use: the trigram index, for
 * statements similar as a whole (`%`) or containing the quote (`<<%`, strict word similarity
 * at or above pg_trgm.strict_word_similarity_threshold, 0.5 by default = MIN_WORD_SIMILARITY).
 */
export function trigramQuery(normalizedQuote: string, filters: SearchFilters): RawBuilder<ScoredRow> {
  const conditions = [sql`(st.normalized_text % ${normalizedQuote} or ${normalizedQuote} <<% st.normalized_text)`, ...filterConditions(filters)];
  return scored(sql`${fromFor(filters)} join statements st on st.id = s.id ${whereAll(conditions)}`, normalizedQuote, SIMILAR_CANDIDATES);
}

/**
 * Near-verbatim matches of a quote (as typed, and normalized), best first: statements like
 * it as a whole or containing it. `fallback` says whether, and why, the trigram scan ran and
 * whether it was cancelled after FALLBACK_TIMEOUT_MS (then `rows` is empty).
 */
export async function similarStatements(
  db: Kysely<Database>,
  quote: string,
  normalizedQuote: string,
  filters: SearchFilters,
): Promise<SimilarResult> {
  const words = (await quoteWordsQuery(quote).execute(db)).rows;
  const tsquery = rarePairsTsquery(words);
  if (tsquery) {
    const rows = (await prefilteredQuery(tsquery, normalizedQuote, filters).execute(db)).rows;
    if (rows.length > 0) return { rows, fallback: null };
  }
  const reason: FallbackReason = tsquery ? 'no-close-candidate' : 'no-known-words';
  const scan = await withStatementTimeout(db, FALLBACK_TIMEOUT_MS, async (trx) => (await trigramQuery(normalizedQuote, filters).execute(trx)).rows);
  return scan.timedOut ? { rows: [], fallback: { reason, timedOut: true } } : { rows: scan.value, fallback: { reason, timedOut: false } };
}
