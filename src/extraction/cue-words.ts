// Cue words in context: is this speech verb used as a verb here, and which words may sit
// between a cue and its speaker ("has also said", "said on Tuesday").
import { invertsFreely, lookupCue, PLURAL_QUANTIFIERS, type CueWord } from './cues.ts';
import type { FrameToken } from './frame.ts';
import { DETERMINERS, TIME_WORDS } from './lexicon.ts';
import type { Mention } from './mentions.ts';
import type { Token } from './tokens.ts';

export type CuePosition = 'after' | 'inverted' | 'before' | 'according' | 'coordinated' | 'gerund';

export interface CueMatch {
  mention: Mention;
  cue: Token;
  cueEnd: number;
  cueWord: CueWord | null;
  position: CuePosition;
  /** Number of tokens between the quotation and the cue (0 = adjacent). */
  distance: number;
}

const REFLEXIVES = new Set(['himself', 'herself', 'themselves', 'itself', 'myself', 'ourselves', 'during']);

/** Cues that can precede their subject anywhere in a sentence: "said Smith", "grumbled the spokesman". */
export const INVERTIBLE = { has: (lemma: string): boolean => lemma === 'tell' || invertsFreely(lemma) };

export const DASHES = new Set([',', '\u2014', '\u2013', '-', '\u2015', ':']);

export function isSkippable(t: Token | undefined): boolean {
  if (!t || !t.isWord) return false;
  const w = t.text.toLowerCase();
  // An -ly adverb ("Smith quickly said") is lowercase; a capitalised -ly word is a name ("Mrs. Schafly said").
  const adverb = /ly$/.test(w) && w.length > 4 && /^\p{Ll}/u.test(t.text) && !/^(?:ally|italy|july|billy|sally|holly|kelly|emily)$/.test(w);
  return TIME_WORDS.has(w) || REFLEXIVES.has(w) || /^\d+$/.test(w) || adverb;
}

/** The cue at toks[i], if it is a speech verb used as a verb (not "the report"). */
export function cueAt(toks: FrameToken[], i: number): CueWord | null {
  const t = toks[i];
  if (!t || !t.isWord) return null;
  const lower = t.text.toLowerCase();
  if (/^(shot|fired|shoots|fires|hit|hits|pushed|pushes)$/.test(lower) && toks[i + 1]?.text === 'back') {
    return { lemma: 'retort', form: lower.endsWith('s') ? 'third' : 'past', strong: true }; // "shot back"
  }
  // "Trump went on", "went on to say", "went on about <Q>" (talked at length about: Merriam-Webster, "go on" 3).
  if (/^(went|goes)$/.test(lower) && toks[i + 1]?.text === 'on' && (!toks[i + 2]?.isWord || /^(to|about)$/.test(toks[i + 2]!.text))) {
    return { lemma: 'continue', form: lower === 'goes' ? 'third' : 'past', strong: true };
  }
  if (/^(put|puts)$/.test(lower) && toks[i + 1]?.text.toLowerCase() === 'it' && (!toks[i + 2]?.isWord || asClauseBefore(toks, i))) {
    return { lemma: 'say', form: lower === 'puts' ? 'third' : 'past', strong: true }; // "as Ridge put it: <Q>"
  }
  const cue = lookupCue(t.text);
  if (!cue) return null;
  // "under government rules", "of Republican claims": a noun after a preposition and a
  // modifier, not a verb. But a base form after a plural noun is that noun's verb: in
  // "Sixty percent of tenants call" the preposition's object is "tenants", and "call" agrees with it.
  if ((cue.form === 'third' || cue.form === 'base') && /^(under|of|in|by|with|for|about|on)$/.test(toks[i - 2]?.text ?? '') && toks[i - 1]?.isWord &&
    !SUBJECT_PRONOUN_RE.test(toks[i - 1]!.text) && !(cue.form === 'base' && isPluralNoun(toks[i - 1]!.text))) return null;
  const prev = toks[i - 1]?.text.toLowerCase();
  const pronominal = !!prev && PLURAL_QUANTIFIERS.has(prev) && (cue.form === 'past' || cue.form === 'base');
  if (prev && (DETERMINERS.has(prev) && prev !== 'that' && !pronominal || prev === 'to' && cue.form !== 'base')) return null;
  // "Trump's tweet", "Clinton's call"; but "he's claiming" is a pronoun and "is".
  if (prev && /['\u2019]s?$/.test(prev) && cue.form !== 'past' && !CONTRACTED_PRONOUN_RE.test(prev)) return null;
  // Capitalized mid-sentence it is usually part of a name ("United States"), unless it follows punctuation.
  if (/^\p{Lu}/u.test(t.text) && i > 0 && (toks[i - 1]!.isWord || /^\p{Lu}/u.test(toks[i + 1]?.text ?? ''))) return null;
  return looksLikeNoun(toks, i, cue) ? null : cue;
}

/**
 * "As Ms. Vale put it in a memo, ...": "as" opens the clause a few words before "put it", so
 * the idiom is a cue of saying whatever follows it (the subject is at most 5 tokens long).
 */
function asClauseBefore(toks: FrameToken[], i: number): boolean {
  for (let k = i - 2; k >= 0 && i - k <= 6; k--) {
    const w = toks[k]!.text;
    if (w.toLowerCase() === 'as') return true;
    if (!toks[k]!.isWord) return false;
  }
  return false;
}

/** A lowercase plural noun ("tenants", "voters", "residents"), not a possessive or an -ss/-us/-is singular. */
function isPluralNoun(word: string): boolean {
  return /^\p{Ll}[\p{Ll}-]*[^su']s$/u.test(word) || /^\p{Ll}+ies$/u.test(word);
}

const MODALS = /^(would|should|could|will|can|may|might|must|to|shall|cannot)$/i;
const PLURAL_OR_PRONOUN = /^(i|we|you|they|two|three|both|people|others|\p{Lu}.*s|[a-z]+s)$/iu;

/**
 * "his mental state is", "a thunderous chant of", "Republican claims of", "they should add":
 * a bare or -s form that reads as a noun, or a verb that reports no actual speech.
 */
function looksLikeNoun(toks: FrameToken[], i: number, cue: CueWord): boolean {
  const prev = toks[i - 1];
  const next = toks[i + 1]?.text.toLowerCase() ?? '';
  if (cue.form === 'base') {
    if (prev && MODALS.test(prev.text)) return true;
    if (prev?.text === ',') return false; // "The two lawmakers, however, argue"
    return !prev || !prev.isWord || !(PLURAL_OR_PRONOUN.test(prev.text) || PLURAL_QUANTIFIERS.has(prev.text.toLowerCase())) || /^(of|is|are|was|were)$/.test(next);
  }
  if (cue.form === 'third') return /^(of|is|are|was|were|permit|permits|have|had|and|in|for|to)$/.test(next);
  return false;
}

export const SUBJECT_PRONOUN_RE = /^(he|she|they|we|i|it)$/i;
/** "He’s", "they're": a subject pronoun with a contracted "is/are/am"; group 1 is the pronoun. */
export const CONTRACTED_PRONOUN_RE = /^(he|she|they|we|i|it)['\u2019](?:s|re|m)$/i;
