import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';

// The words of a full-text search: Postgres' web search syntax ("phrase", or, -not) plus a
// trailing * for a prefix (cyber* finds cyberspace and cybercrime), which
// websearch_to_tsquery does not read. Each prefix word is swapped for a placeholder token
// that the parser keeps whole (letters and digits: a "numword", which the english
// configuration does not stem or drop), and the placeholder's lexeme in the resulting
// tsquery is replaced by the prefix lexeme (`'cyber':*`), so prefixes work inside phrases,
// after a minus and beside other words.

const WORD_CHAR = /[\p{L}\p{N}]/u;
const placeholder = (i: number) => `zzvbtprefix${i}zz`;

/** A search's words with each prefix word replaced by a placeholder, the prefixes (lowercase), and what was dropped. */
export interface PrefixWords {
  text: string;
  prefixes: string[];
  /** A * standing alone (not after a word) was dropped. */
  loneStar: boolean;
  /** A * inside a word (cy*ber) was dropped and the word searched whole. */
  innerStar: boolean;
}

/** Finds the prefix words (letters and digits right before a `*` that ends a word). Pure. */
export function splitPrefixes(q: string): PrefixWords {
  const prefixes: string[] = [];
  let loneStar = false;
  let innerStar = false;
  const text = q.replace(/([\p{L}\p{N}]*)\*+/gu, (_m, word: string, offset: number, whole: string) => {
    const after = whole.slice(offset + _m.length, offset + _m.length + 1);
    if (after && WORD_CHAR.test(after)) {
      innerStar = true;
      return word;
    }
    if (!word) {
      loneStar = true;
      return ' ';
    }
    prefixes.push(word.toLowerCase());
    return placeholder(prefixes.length - 1);
  });
  return { text, prefixes, loneStar, innerStar };
}

/**
 * The prefix lexeme(s) of a word, as tsquery text: the word as typed ('cyberspace':*) and,
 * when english stemming changes it, its stem too ('cyberspac':*), since stored lexemes are
 * stems; a stop word (the*) keeps only the typed form.
 */
function prefixLexemes(word: string): RawBuilder<string> {
  const w = `${word}:*`;
  return sql<string>`(select case when e = '' or e = t then t else '(' || t || ' | ' || e || ')' end
    from (select to_tsquery('simple', ${w})::text as t, to_tsquery('english', ${w})::text as e) x)`;
}

/** The search's words as a tsquery expression (parameterized). */
export function prefixTsQuery(q: string): RawBuilder<unknown> {
  const { text, prefixes } = splitPrefixes(q);
  const query = sql`websearch_to_tsquery('english', ${text})`;
  if (prefixes.length === 0) return query;
  let replaced: RawBuilder<unknown> = sql`${query}::text`;
  prefixes.forEach((word, i) => {
    replaced = sql`replace(${replaced}, ${`'${placeholder(i)}'`}, ${prefixLexemes(word)})`;
  });
  return sql`(${replaced})::tsquery`;
}

/** Whether the words hold nothing to search for: only stop words (the of and) or a lone *. */
export async function onlyIgnoredWords(db: Kysely<Database>, q: string): Promise<boolean> {
  const row = (await sql<{ n: number }>`select numnode(${prefixTsQuery(q)}) as n`.execute(db)).rows[0];
  return (row?.n ?? 0) === 0;
}

/** What the page and the API say about words that were not searched as typed. */
export function wordNotes(q: string, ignored: boolean): string[] {
  const { loneStar, innerStar } = splitPrefixes(q);
  const notes: string[] = [];
  if (ignored && [...q].some((c) => WORD_CHAR.test(c))) {
    notes.push('Only very common words (such as "the", "of", "and") were given: these are ignored in searches, so no words were searched. Add a distinctive word, or search for the exact quote with "near-verbatim quote".');
  } else if (ignored && !loneStar) {
    notes.push('No letters or digits were given, so no words were searched: punctuation and symbols on their own are ignored. Type a word, or a "phrase" in quote marks.');
  }
  if (loneStar) notes.push('A * on its own matches nothing and was ignored: put it at the end of a word (cyber*) to find every word that starts so.');
  if (innerStar) notes.push('A * only works at the end of a word (cyber*): one inside a word was ignored and the word searched whole.');
  return notes;
}
