import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { agencyNamesMatching, outletIdsMatching, speakerIdsMatching } from './name-match.ts';
import { plainWord } from './search.filters.ts';
import { RELEVANCE_CANDIDATES } from './search.queries.ts';
import type { SearchFilters, SearchParams } from './search.ts';

// Speaker and outlet names become ids (and agency names the stored agency texts) in a first small query, so the search query carries
// them as constants: the planner then knows that one speaker said 70,000 statements and
// another 50, and picks the right plan for each (a sub-select hides that).

interface ResolvedRow {
  speaker_ids: number[] | null;
  outlet_ids: number[] | null;
  agency_names: string[] | null;
}

export function resolveQuery(f: SearchFilters): RawBuilder<ResolvedRow> | null {
  if (!f.speaker && !f.outlet && !f.agency) return null;
  const speakers = f.speaker
    ? sql`(select coalesce(array_agg(distinct m.speaker_id), '{}') from (${speakerIdsMatching(f.speaker)}) m)`
    : sql`null`;
  const outlets = f.outlet ? sql`(select coalesce(array_agg(m.id), '{}') from (${outletIdsMatching(f.outlet)}) m)` : sql`null`;
  const agencies = f.agency ? sql`(select coalesce(array_agg(m.name), '{}') from (${agencyNamesMatching(f.agency)}) m)` : sql`null`;
  return sql<ResolvedRow>`select ${speakers}::int[] as speaker_ids, ${outlets}::int[] as outlet_ids, ${agencies}::text[] as agency_names`;
}

export function applyResolved(f: SearchFilters, row: ResolvedRow | undefined): SearchFilters {
  return { ...f, speakerIds: row?.speaker_ids ?? undefined, outletIds: row?.outlet_ids ?? undefined, agencyNames: row?.agency_names ?? undefined };
}

export async function resolveFilters(db: Kysely<Database>, f: SearchFilters): Promise<SearchFilters> {
  const q = resolveQuery(f);
  return q ? applyResolved(f, (await q.execute(db)).rows[0]) : f;
}

/** How long a word's count is trusted, and how many words are remembered (per database). */
const WORD_COUNT_TTL_MS = 10 * 60_000;
const WORD_COUNT_ENTRIES = 10_000;
const remembered = new WeakMap<Kysely<Database>, Map<string, { lexeme: string | null; at: number }>>();

/**
 * The lexeme of a plain one-word search when at least RELEVANCE_CANDIDATES statements hold
 * it: its newest matches are then read from its posting list (3-4 times faster than walking
 * statement_search for a word in 4% of statements). Fewer matches are fetched faster through
 * the GIN index. Both give the same rows, so the answer is remembered for a while: a stale
 * one only picks the slower way, and it saves a round trip on every search for the word.
 */
export async function commonWordLexeme(db: Kysely<Database>, p: SearchParams): Promise<string | null> {
  const word = plainWord(p)?.toLowerCase();
  if (word === undefined) return null;
  const cache = remembered.get(db) ?? remembered.set(db, new Map()).get(db)!;
  const hit = cache.get(word);
  if (hit && Date.now() - hit.at < WORD_COUNT_TTL_MS) return hit.lexeme;
  const row = (await sql<{ lexeme: string; n: number }>`
    select w as lexeme, coalesce(sw.doc_count, 0) as n
    from unnest(tsvector_to_array(to_tsvector('english', ${word}))) as w
    left join statement_words sw on sw.word = w`.execute(db)).rows[0];
  const lexeme = row && row.n >= RELEVANCE_CANDIDATES ? row.lexeme : null;
  cache.delete(word);
  if (cache.size >= WORD_COUNT_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(word, { lexeme, at: Date.now() });
  return lexeme;
}
