// Finds the cue and its speaker mention around a quotation placeholder inside one frame
// sentence: "<Q>, X said", "<Q>, said X", "X said: <Q>", "X said the US <Q>",
// "according to X, <Q>", and the coordinated "X accused ... and described ... <Q>".
import { lookupCue, type CueWord } from './cues.ts';
import type { FrameToken } from './frame.ts';
import { DETERMINERS, TIME_WORDS } from './lexicon.ts';
import { mentionEndingAt, mentionStartingAt, type Mention } from './mentions.ts';
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

const DASHES = new Set([',', '\u2014', '\u2013', '-', '\u2015', ':']);

function isSkippable(t: Token | undefined): boolean {
  if (!t || !t.isWord) return false;
  const w = t.text.toLowerCase();
  return TIME_WORDS.has(w) || (/ly$/.test(w) && w.length > 4 && !/^(?:ally|italy|july|billy|sally|holly|kelly|emily)$/.test(w));
}

/** The cue at toks[i], if it is a speech verb used as a verb (not "the report"). */
export function cueAt(toks: FrameToken[], i: number): CueWord | null {
  const t = toks[i];
  if (!t || !t.isWord) return null;
  const cue = lookupCue(t.text);
  if (!cue) return null;
  const prev = toks[i - 1]?.text.toLowerCase();
  if (prev && (DETERMINERS.has(prev) && prev !== 'that' || prev === 'to' && cue.form !== 'base')) return null;
  if (/^\p{Lu}/u.test(t.text) && i > 0 && cue.lemma !== 'say') return null; // a name: "Judge Rule"
  return cue;
}

function afterMention(toks: FrameToken[], m: Mention): number {
  let k = toks.findIndex((t) => t.start >= m.end);
  if (k < 0) return toks.length;
  if (m.apposition?.length) {
    const last = m.apposition[m.apposition.length - 1]!;
    k = toks.findIndex((t) => t.start >= last.end);
    if (toks[k]?.text === ',') k++;
  }
  return k;
}

/** Attribution right after the quotation at toks[qi]. */
export function cueAfter(toks: FrameToken[], qi: number): CueMatch | null {
  let j = qi + 1;
  while (j < toks.length && DASHES.has(toks[j]!.text)) j++;
  const first = toks[j];
  if (!first) return null;
  if (first.text.toLowerCase() === 'according' && toks[j + 1]?.text === 'to') {
    const m = mentionStartingAt(toks, j + 2);
    return m ? { mention: m, cue: first, cueEnd: toks[j + 1]!.end, cueWord: null, position: 'according', distance: j - qi - 1 } : null;
  }
  const cue = cueAt(toks, j);
  if (cue && cue.form !== 'gerund') {
    let k = j + 1;
    while (isSkippable(toks[k]) && k < j + 3) k++;
    const m = mentionStartingAt(toks, k);
    if (m) return { mention: m, cue: first, cueEnd: first.end, cueWord: cue, position: 'inverted', distance: j - qi - 1 };
    return null;
  }
  const m = mentionStartingAt(toks, j);
  if (!m) return null;
  let k = afterMention(toks, m);
  const limit = k + 4;
  while (k < limit && isSkippable(toks[k])) k++;
  const verb = cueAt(toks, k);
  if (!verb || verb.form === 'gerund') return null;
  return { mention: m, cue: toks[k]!, cueEnd: toks[k]!.end, cueWord: verb, position: 'after', distance: k - qi - 1 };
}

/** Subject of the cue at toks[c], reading leftwards past adverbs and auxiliaries. */
export function subjectOf(toks: FrameToken[], c: number): Mention | null {
  let k = c - 1;
  while (k >= 0 && c - k < 6 && isSkippable(toks[k])) k--;
  if (k < 0 || toks[k]!.region !== undefined) return null;
  return mentionEndingAt(toks, k);
}

/** Attribution before the quotation at toks[qi], in the same sentence. */
export function cueBefore(toks: FrameToken[], qi: number): CueMatch | null {
  for (let c = qi - 1; c >= 0 && qi - c < 40; c--) {
    const t = toks[c]!;
    if (t.text.toLowerCase() === 'according' && toks[c + 1]?.text.toLowerCase() === 'to') {
      const m = mentionStartingAt(toks, c + 2);
      if (m) return { mention: m, cue: t, cueEnd: toks[c + 1]!.end, cueWord: null, position: 'according', distance: qi - c - 1 };
      continue;
    }
    const cue = cueAt(toks, c);
    if (!cue) continue;
    const distance = qi - c - 1;
    if (cue.form === 'gerund') {
      const m = mainSubject(toks, c);
      if (m) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'gerund', distance };
      continue;
    }
    const subject = subjectOf(toks, c);
    if (subject) return { mention: subject, cue: t, cueEnd: t.end, cueWord: cue, position: 'before', distance };
    // "Said Smith: <Q>" / "<Q>, said Smith, <Q>" handled by the inverted reading.
    const inverted = mentionStartingAt(toks, c + 1);
    if (inverted && toks.slice(afterMention(toks, inverted), qi).every((x) => DASHES.has(x.text))) {
      return { mention: inverted, cue: t, cueEnd: t.end, cueWord: cue, position: 'inverted', distance };
    }
    if (toks[c - 1]?.text === 'and' || toks[c - 1]?.text === ',') {
      const m = mainSubject(toks, c);
      if (m) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'coordinated', distance };
    }
  }
  return null;
}

/** For a gerund or coordinated cue: the subject of an earlier finite cue, else of the sentence. */
function mainSubject(toks: FrameToken[], c: number): Mention | null {
  for (let k = c - 1; k >= 0; k--) {
    const cue = cueAt(toks, k);
    if (cue && cue.form !== 'gerund') {
      const s = subjectOf(toks, k);
      if (s) return s;
      const inv = toks[k - 1]?.region !== undefined || DASHES.has(toks[k - 1]?.text ?? '') ? mentionStartingAt(toks, k + 1) : null;
      if (inv) return inv;
    }
  }
  let start = 0;
  while (start < c && !toks[start]!.isWord) start++;
  return mentionStartingAt(toks, start);
}
