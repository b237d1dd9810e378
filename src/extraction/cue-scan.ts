// Finds the cue and its speaker mention around a quotation placeholder inside one frame
// sentence: "<Q>, X said", "<Q>, said X", "X said: <Q>", "X said the US <Q>",
// "according to X, <Q>", and the coordinated "X accused ... and described ... <Q>".
import { lookupCue, type CueWord } from './cues.ts';
import type { FrameToken } from './frame.ts';
import { DETERMINERS, TIME_WORDS } from './lexicon.ts';
import { mentionEndingAt, mentionStartingAt, type Mention } from './mentions.ts';
import { indexAtOrAfter, type Token } from './tokens.ts';

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
const INVERTIBLE = new Set('say add write ask continue explain note reply respond declare state recall insist argue warn tweet exclaim remark observe quip joke report tell cry shout chant concede counter retort announce acknowledge admit offer conclude'.split(' '));

const DASHES = new Set([',', '\u2014', '\u2013', '-', '\u2015', ':']);

function isSkippable(t: Token | undefined): boolean {
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

function afterMention(toks: FrameToken[], m: Mention): number {
  let k = indexAtOrAfter(toks, m.end);
  if (m.apposition?.length) {
    const last = m.apposition[m.apposition.length - 1]!;
    k = indexAtOrAfter(toks, last.end);
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
  if (cue && cue.form !== 'gerund' && INVERTIBLE.has(cue.lemma)) {
    let k = j + 1;
    while (isSkippable(toks[k]) && k < j + 3) k++;
    const m = mentionStartingAt(toks, k);
    if (m) return { mention: m, cue: first, cueEnd: first.end, cueWord: cue, position: 'inverted', distance: j - qi - 1 };
    return null;
  }
  const m = mentionStartingAt(toks, j);
  if (!m) return null;
  const dashed = toks.slice(qi + 1, j).some((t) => /^[\u2014\u2013\u2015-]$/.test(t.text));
  const k = afterMention(toks, m);
  // "<Q>, Name, 30, of Raleigh, who was polled, said": the cue may follow an apposition.
  for (let c = k; c < toks.length && c - k < 25; c++) {
    const t = toks[c]!;
    if (t.region !== undefined || /^[.;!?]$/.test(t.text)) break;
    const verb = cueAt(toks, c);
    if (!verb || verb.form === 'gerund') continue;
    const gap = toks[k];
    const gapOk = c === k || gap?.text === ',' || /^(in|of|at|for|from|with|on|who|whose)$/.test(gap?.text ?? '') ||
      toks.slice(k, c).every((x) => isSkippable(x));
    if (!gapOk) return null;
    return { mention: m, cue: t, cueEnd: t.end, cueWord: verb, position: 'after', distance: c - qi - 1 };
  }
  // "<Q> ― Adriana Rodarte": a dash and a bare name sign the quotation.
  const rest = toks[k];
  if (dashed && m.kind === 'name' && (!rest || /^[.,]$/.test(rest.text))) {
    const dash = toks.slice(qi + 1, j).find((t) => /^[\u2014\u2013\u2015-]$/.test(t.text))!;
    return { mention: m, cue: dash, cueEnd: dash.end, cueWord: null, position: 'after', distance: 0 };
  }
  return null;
}

/** "A cashier who <Q> is held accountable, Warren said.": the attribution closes the sentence. */
export function cueLater(toks: FrameToken[], qi: number): CueMatch | null {
  for (let c = qi + 2; c < toks.length && c - qi < 60; c++) {
    const t = toks[c]!;
    if (t.region !== undefined) return null;
    if (t.text.toLowerCase() === 'according' && toks[c + 1]?.text === 'to' && toks[c - 1]?.text === ',') {
      const m = mentionStartingAt(toks, c + 2);
      return m ? { mention: m, cue: t, cueEnd: toks[c + 1]!.end, cueWord: null, position: 'according', distance: c - qi - 1 } : null;
    }
    const cue = cueAt(toks, c);
    if (!cue || cue.form === 'gerund' || !closesSentence(toks, c + 1)) continue;
    const subject = subjectOf(toks, c);
    const subjectStart = subject ? indexAtOrAfter(toks, subject.start) : -1;
    if (subject && toks[subjectStart - 1]?.text === ',') return { mention: subject, cue: t, cueEnd: t.end, cueWord: cue, position: 'after', distance: c - qi - 1 };
    if (toks[c - 1]?.text === ',' && INVERTIBLE.has(cue.lemma)) {
      const m = mentionStartingAt(toks, c + 1);
      if (m) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'inverted', distance: c - qi - 1 };
    }
    return null;
  }
  return null;
}

function closesSentence(toks: FrameToken[], k: number): boolean {
  for (let i = k; i < toks.length && i - k < 8; i++) {
    if (/^[.!?]$/.test(toks[i]!.text)) return true;
    if (toks[i]!.region !== undefined) return false;
  }
  return k >= toks.length || toks.length - k < 8;
}

/** Subject of the cue at toks[c], reading leftwards past adverbs and auxiliaries. */
export function subjectOf(toks: FrameToken[], c: number): Mention | null {
  let k = c - 1;
  while (k >= 0 && c - k < 6 && isSkippable(toks[k])) k--;
  if (k < 0 || toks[k]!.region !== undefined) return null;
  // "Trump at the time said", "X in a statement credited": step over a short prepositional phrase.
  for (let p = k; p >= 1 && k - p < 4; p--) {
    if (!/^(at|in|on|during|after|before|for|from|with|via|through)$/.test(toks[p]!.text)) continue;
    const before = toks[p - 1]!;
    if (before.isWord && (/^\p{Lu}/u.test(before.text) || SUBJECT_PRONOUN_RE.test(before.text))) {
      const m = mentionEndingAt(toks, p - 1);
      if (m) return m;
    }
    break;
  }
  return mentionEndingAt(toks, k);
}

const SUBJECT_PRONOUN_RE = /^(he|she|they|we|i|it)$/i;

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
      // "with Donald Trump tweeting that ...": a name right before the gerund is its subject.
      const own = toks[c - 1]?.isWord && /^\p{Lu}/u.test(toks[c - 1]!.text) ? mentionEndingAt(toks, c - 1) : null;
      const m = own && own.kind === 'name' ? own : mainSubject(toks, c);
      if (m) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'gerund', distance };
      continue;
    }
    const subject = subjectOf(toks, c);
    if (subject) return { mention: subject, cue: t, cueEnd: t.end, cueWord: cue, position: 'before', distance };
    // "Said Smith: <Q>" / "<Q>, said Smith, <Q>" handled by the inverted reading.
    const inverted = INVERTIBLE.has(cue.lemma) ? mentionStartingAt(toks, c + 1) : null;
    if (inverted && toks.slice(afterMention(toks, inverted), qi).every((x) => DASHES.has(x.text))) {
      return { mention: inverted, cue: t, cueEnd: t.end, cueWord: cue, position: 'inverted', distance };
    }
    if (toks.slice(Math.max(0, c - 5), c).some((x) => /^(and|but|then)$/.test(x.text)) || toks[c - 1]?.text === ',') {
      const m = mainSubject(toks, c);
      if (m) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'coordinated', distance };
    }
  }
  return null;
}

/** For a gerund or coordinated cue: the subject of an earlier finite cue, else of the sentence. */
function mainSubject(toks: FrameToken[], c: number): Mention | null {
  for (let k = c - 1; k >= 0 && c - k < 40; k--) {
    const cue = cueAt(toks, k);
    if (cue && cue.form !== 'gerund') {
      const s = subjectOf(toks, k);
      if (s) return s;
      const inv = toks[k - 1]?.region !== undefined || DASHES.has(toks[k - 1]?.text ?? '') ? mentionStartingAt(toks, k + 1) : null;
      if (inv) return inv;
    }
  }
  return verbSubjectBefore(toks, c) ?? clauseSubject(toks, c);
}

const PREPOSITIONS = new Set('on in at of for from with to by about after before during into over under and or but as than who which that'.split(' '));

/** "when Cruz knocked Rubio ... and called him": a name or pronoun followed by a verb-like word. */
function verbSubjectBefore(toks: FrameToken[], c: number): Mention | null {
  // Left to right: the main clause's subject comes first ("Todd pressed X on Trump's taxes, insisting").
  for (let i = Math.max(0, c - 40); i < c - 1; i++) {
    const t = toks[i]!;
    const next = toks[i + 1]!;
    if (!t.isWord || /['\u2019]s?$/.test(t.text) || !next.isWord || /^\p{Lu}/u.test(next.text) || PREPOSITIONS.has(next.text)) continue;
    const pronoun = SUBJECT_PRONOUN_RE.test(t.text);
    if (!pronoun && !/(?:ed|s)$/.test(next.text) && !['has', 'had', 'was', 'is', 'will', 'would', 'did'].includes(next.text)) continue;
    const m = mentionEndingAt(toks, i);
    if (m && m.kind !== 'nominal') return m;
  }
  return null;
}

/** The subject at the start of the sentence, or right after an introductory phrase. */
export function clauseSubject(toks: FrameToken[], before: number): Mention | null {
  let start = 0;
  while (start < before && !toks[start]!.isWord) start++;
  const first = mentionStartingAt(toks, start);
  const afterFirst = first ? toks[indexAtOrAfter(toks, first.end)] : undefined;
  // "A month later, he ...": an introductory phrase is not the subject.
  if (first && !(first.kind === 'nominal' && afterFirst?.text === ',' && !first.apposition)) return first;
  let comma = -1;
  for (let i = start; i < before && i < start + 40; i++) if (toks[i]!.text === ',') { comma = i; break; }
  return comma >= 0 && comma < before - 1 ? mentionStartingAt(toks, comma + 1) : null;
}

/** The first attribution anywhere in a sentence ("..., he said."), for neighbouring quotes. */
export function cueInSentence(toks: FrameToken[]): CueMatch | null {
  for (let c = 0; c < toks.length && c < 80; c++) {
    const cue = cueAt(toks, c);
    if (!cue || cue.form === 'gerund') continue;
    const subject = subjectOf(toks, c);
    if (subject) return { mention: subject, cue: toks[c]!, cueEnd: toks[c]!.end, cueWord: cue, position: 'before', distance: 0 };
    if (INVERTIBLE.has(cue.lemma) && /^[,\u2014]$/.test(toks[c - 1]?.text ?? '')) {
      const m = mentionStartingAt(toks, c + 1);
      if (m) return { mention: m, cue: toks[c]!, cueEnd: toks[c]!.end, cueWord: cue, position: 'inverted', distance: 0 };
    }
  }
  return null;
}
