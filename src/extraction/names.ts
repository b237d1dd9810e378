// Which capitalized words are names. Capitals alone mislead at a sentence start: "Children",
// "Staff", "Conservation" open sentences and are not people. A sentence-initial word is taken
// as a common word when all of these hold (issue #12 point 1):
//  - the word after it is not capitalized (so "New York", "White House" stay names),
//  - the article never writes it capitalized anywhere else (the names "Hale", "Trump" recur
//    mid-sentence: "Mayor Dan Hale", "said Trump"),
//  - the English language model knows it as a word (nlp.ts); surnames such as "Ruiz" are not.
import { GEOPOLITICAL } from './lexicon.ts';
import { guessGender } from './gender.ts';
import { isEnglishWord, lemmaAlone } from './nlp.ts';
import type { Token } from './tokens.ts';

/** Per-article evidence: capitalized words seen where a capital is not forced by the sentence start. */
export interface NameEvidence {
  capitalizedMidSentence: Set<string>;
  /** The model's answers for this article's words, asked once each (the model costs ~50 µs a call). */
  englishWords: Map<string, boolean>;
}

const CAPITALIZED_WORD_RE = /\p{Lu}[\p{L}\p{M}'\u2019-]*/gu;
/** Characters after which a capital is forced: sentence ends, line starts, opening quotes. */
const FORCING_RE = /[.!?:\n\r"\u201c\u2018'(\u00ab\u2014\u2013-]/u;

/** One pass over the article (linear); words keep their case, possessives are stripped. */
export function collectNameEvidence(text: string): NameEvidence {
  const seen = new Set<string>();
  CAPITALIZED_WORD_RE.lastIndex = 0;
  for (let m = CAPITALIZED_WORD_RE.exec(text); m; m = CAPITALIZED_WORD_RE.exec(text)) {
    let i = m.index - 1;
    if (i >= 0 && /[\p{L}\p{N}]/u.test(text[i]!)) continue; // inside a word ("McDonald")
    while (i >= 0 && (text[i] === ' ' || text[i] === '\u00a0' || text[i] === '\t')) i--;
    if (i < 0 || FORCING_RE.test(text[i]!)) continue;
    seen.add(bare(m[0]));
  }
  return { capitalizedMidSentence: seen, englishWords: new Map() };
}

/**
 * "Fishermen", "Dockworkers", "Preys": a word the vocabulary lacks whose lemma (nlp.ts) is
 * another word that it has is an inflection of an English word. A lemma that is a given name
 * ("Edwards" -> "edward") keeps the word a surname.
 */
function isInflectedEnglishWord(word: string): boolean {
  const lemma = lemmaAlone(word);
  return !!lemma && lemma !== word.toLowerCase() && isEnglishWord(lemma) && !guessGender(lemma);
}

/**
 * "LETTERS.", "ABSTRACT.": an all-capitals English word (the model's vocabulary) that is a
 * sentence on its own is a section heading, never a name. Acronyms ("NATO", "FBI") are no
 * English words; a speaker label ("PENCE:") has a colon, not a full stop.
 */
function isHeadingWord(t: Token, next: Token | undefined): boolean {
  if (!/^\p{Lu}{3,}$/u.test(t.text) || (next && next.text !== '.')) return false;
  return isEnglishWord(t.text);
}

function bare(word: string): string {
  return word.replace(/['\u2019]s?$/u, '');
}

/**
 * Marks `tokens[i]` (the first word of a sentence) as a common word when the rules above hold.
 * Mutates the token's `commonWord` flag; returns whether it was set.
 */
export function markSentenceInitialCommonWord(tokens: Token[], i: number, evidence: NameEvidence): boolean {
  const t = tokens[i];
  if (!t || !t.isWord) return false;
  const next = tokens[i + 1];
  if (isHeadingWord(t, next)) return (t.commonWord = true);
  if (!/^\p{Lu}\p{Ll}/u.test(t.text)) return false;
  if (next && next.isWord && /^\p{Lu}/u.test(next.text)) return false;
  // "Harrow & Daughters": an ampersand joins two capitalised words of one name.
  if (next?.text === '&' && /^\p{Lu}/u.test(tokens[i + 2]?.text ?? '')) return false;
  // "Transcript:", "PENCE:": a word before a colon is a speaker label, whatever its case.
  if (next?.text === ':') return false;
  const word = bare(t.text);
  // "China", "Turkey" are English words too, but the lexicon knows them as places that speak.
  if (GEOPOLITICAL.has(word) || evidence.capitalizedMidSentence.has(word)) return false;
  let english = evidence.englishWords.get(word);
  if (english === undefined) evidence.englishWords.set(word, english = isEnglishWord(word) || isInflectedEnglishWord(word));
  if (!english) return false;
  t.commonWord = true;
  return true;
}
