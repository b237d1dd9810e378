// Cue words in context: is this speech verb used as a verb here, and which words may sit
// between a cue and its speaker ("has also said", "said on Tuesday").
import { lookupCue, type CueWord } from './cues.ts';
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

/** Cues that can precede their subject: "said Smith", "added the spokesman". */
export const INVERTIBLE = new Set('say add write ask continue explain note reply respond declare state recall insist argue warn tweet exclaim remark observe quip joke report tell cry shout chant concede counter retort announce acknowledge admit offer conclude'.split(' '));

export const DASHES = new Set([',', '\u2014', '\u2013', '-', '\u2015', ':']);

export function isSkippable(t: Token | undefined): boolean {
  if (!t || !t.isWord) return false;
  const w = t.text.toLowerCase();
  return TIME_WORDS.has(w) || REFLEXIVES.has(w) || (/ly$/.test(w) && w.length > 4 && !/^(?:ally|italy|july|billy|sally|holly|kelly|emily)$/.test(w));
}

/** The cue at toks[i], if it is a speech verb used as a verb (not "the report"). */
export function cueAt(toks: FrameToken[], i: number): CueWord | null {
  const t = toks[i];
  if (!t || !t.isWord) return null;
  const lower = t.text.toLowerCase();
  if (/^(shot|fired|shoots|fires|hit|hits|pushed|pushes)$/.test(lower) && toks[i + 1]?.text === 'back') {
    return { lemma: 'retort', form: lower.endsWith('s') ? 'third' : 'past', strong: true }; // "shot back"
  }
  const cue = lookupCue(t.text);
  if (!cue) return null;
  // "under government rules", "of Republican claims": a noun after a preposition, not a verb.
  if ((cue.form === 'third' || cue.form === 'base') && /^(under|of|in|by|with|for|about|on)$/.test(toks[i - 2]?.text ?? '') && toks[i - 1]?.isWord && !SUBJECT_PRONOUN_RE.test(toks[i - 1]!.text)) return null;
  const prev = toks[i - 1]?.text.toLowerCase();
  if (prev && (DETERMINERS.has(prev) && prev !== 'that' || prev === 'to' && cue.form !== 'base')) return null;
  if (prev && /['\u2019]s?$/.test(prev) && cue.form !== 'past') return null; // "Trump's tweet", "Clinton's call"
  // Capitalized mid-sentence it is usually part of a name ("United States"), unless it follows punctuation.
  if (/^\p{Lu}/u.test(t.text) && i > 0 && (toks[i - 1]!.isWord || /^\p{Lu}/u.test(toks[i + 1]?.text ?? ''))) return null;
  return cue;
}

export const SUBJECT_PRONOUN_RE = /^(he|she|they|we|i|it)$/i;
