// Finding the speaker of a cue: the subject to its left ("US Secretary of State Antony
// Blinken said"), past adverbs and short prepositional phrases, or the subject of the main
// clause for gerunds and coordinated verbs ("..., saying", "... and described").
import { cueAt, DASHES, isSkippable, SUBJECT_PRONOUN_RE } from './cue-words.ts';
import type { FrameToken } from './frame.ts';
import { mentionEndingAt, mentionStartingAt, type Mention } from './mentions.ts';
import { DETERMINERS } from './lexicon.ts';
import { tagAlone } from './nlp.ts';
import { indexAtOrAfter } from './tokens.ts';
import { titledNameStartingAt } from './titled-speakers.ts';
import { quantityMentionEndingAt } from './quantity-mentions.ts';

export function afterMention(toks: FrameToken[], m: Mention): number {
  let k = indexAtOrAfter(toks, m.end);
  if (m.apposition?.length) {
    const last = m.apposition[m.apposition.length - 1]!;
    k = indexAtOrAfter(toks, last.end);
    if (toks[k]?.text === ',') k++;
  }
  return k;
}

const ASIDE_DASHES = /^[\u2014\u2013\u2015-]$/;
/** Longest dash aside read: "Greta Holm - at the time a junior minister - told" (tokens between the dashes). */
const MAX_ASIDE_TOKENS = 15;

/**
 * A dash aside opening at toks[k] ("- at the time a junior minister -"): the index right after
 * its closing dash and the tokens between, or null. Em, en, horizontal-bar and spaced hyphen
 * dashes pair with each other; a quotation or sentence end inside means it is no aside.
 */
export function dashAsideAt(toks: FrameToken[], k: number): { after: number; inner: FrameToken[] } | null {
  if (!ASIDE_DASHES.test(toks[k]?.text ?? '')) return null;
  for (let e = k + 1; e < toks.length && e - k <= MAX_ASIDE_TOKENS + 1; e++) {
    const t = toks[e]!;
    if (t.region !== undefined || /^[.;!?:]$/.test(t.text)) return null;
    if (ASIDE_DASHES.test(t.text)) return e > k + 1 ? { after: e + 1, inner: toks.slice(k + 1, e) } : null;
  }
  return null;
}

/** The dash aside closing at toks[e], read leftwards: its opening dash index, or -1. */
function dashAsideOpening(toks: FrameToken[], e: number): number {
  if (!ASIDE_DASHES.test(toks[e]?.text ?? '')) return -1;
  for (let o = e - 1; o >= 0 && e - o <= MAX_ASIDE_TOKENS + 1; o--) {
    const t = toks[o]!;
    if (t.region !== undefined || /^[.;!?:]$/.test(t.text)) return -1;
    if (ASIDE_DASHES.test(t.text)) return o < e - 1 ? o : -1;
  }
  return -1;
}

/** Subject of the cue at toks[c], reading leftwards past adverbs and auxiliaries. */
export function subjectOf(toks: FrameToken[], c: number): Mention | null {
  // "Sixty percent of tenants call", "About four in 10 said": a quantity phrase is one subject.
  const quantity = quantityMentionEndingAt(toks, c - 1);
  if (quantity) return quantity;
  let k = c - 1;
  while (k >= 0 && c - k < 8 && isSkippable(toks[k])) k--;
  // "Greta Holm - at the time a junior minister - told": the aside is the subject's apposition.
  const open = dashAsideOpening(toks, k);
  if (open > 0) {
    const m = mentionEndingAt(toks, open - 1);
    if (m && m.kind !== 'pronoun') return { ...m, apposition: toks.slice(open + 1, k) };
  }
  if (k < 0 || toks[k]!.region !== undefined || /^(and|or|but|then)$/.test(toks[k]!.text)) return null;
  // "Trump at the time said", "X in a statement credited": step over a short prepositional phrase.
  for (let p = k; p >= 1 && k - p < 4; p--) {
    if (!toks[p]!.isWord) break; // "Taking it in, Trump said": the phrase ends at the comma
    if (!/^(at|in|on|during|after|before|for|from|with|via|through|to)$/.test(toks[p]!.text)) continue;
    let before = toks[p - 1]!;
    // "the referee turned ... and, with a shrug said": the noun of a prepositional phrase is never
    // the subject; after "and," the verb is coordinated (the caller reads the clause's subject).
    if (before.text === ',' && /^(and|but|or|then)$/.test(toks[p - 2]?.text ?? '')) return null;
    let end = p - 1;
    // "Protesters marching through the streets chanted", "a source speaking to Fox News said".
    if (/^\p{Ll}+ing$/u.test(before.text) && p >= 2) { end = p - 2; before = toks[end]!; }
    if (/^(and|but|or)$/.test(before.text)) return null; // "... but in a later interview said": coordinated
    if (before.isWord && (/^\p{Lu}/u.test(before.text) || SUBJECT_PRONOUN_RE.test(before.text) || end < p - 1)) {
      const m = mentionEndingAt(toks, end);
      if (m) return m;
    }
    break;
  }
  return mentionEndingAt(toks, k);
}


/** For a gerund or coordinated cue: the subject of an earlier finite cue, else of the sentence. */
export function mainSubject(toks: FrameToken[], c: number): Mention | null {
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

/** Prepositions whose noun is their object (not "after"/"before", which also open clauses). */
const OBJECT_PREPOSITIONS = /^(of|in|on|at|for|from|with|to|by|into|over|under|near|about|across|against|toward|towards)$/i;

/** "when Cruz knocked Rubio ... and called him": a name or pronoun followed by a verb-like word. */
function verbSubjectBefore(toks: FrameToken[], c: number): Mention | null {
  // Left to right: the main clause's subject comes first ("Todd pressed X on Trump's taxes, insisting").
  for (let i = Math.max(0, c - 40); i < c - 1; i++) {
    const t = toks[i]!;
    const next = toks[i + 1]!;
    if (!t.isWord || /['\u2019]s?$/.test(t.text) || /^(the|a|an)$/i.test(toks[i - 1]?.text ?? '') || !next.isWord || /^\p{Lu}/u.test(next.text) || PREPOSITIONS.has(next.text)) continue;
    // "in Cleveland his operatives forced": the object of a preposition is no subject, and a
    // determiner ("his", "this") is no verb even when it ends in -s.
    // "Sanders of Vermont endorsed": a preposition after a capitalised word is part of the name.
    const objectOf = OBJECT_PREPOSITIONS.test(toks[i - 1]?.text ?? '') && !/^\p{Lu}/u.test(toks[i - 2]?.text ?? '');
    if (objectOf || DETERMINERS.has(next.text)) continue;
    const pronoun = SUBJECT_PRONOUN_RE.test(t.text);
    if (!pronoun && !/(?:ed|s)$/.test(next.text) && !['has', 'had', 'was', 'were', 'is', 'are', 'will', 'would', 'did'].includes(next.text)) continue;
    const m = mentionEndingAt(toks, i);
    if (m && m.kind !== 'nominal') return m;
  }
  return null;
}

/** The subject at the start of the sentence, or right after an introductory phrase. */
export function clauseSubject(toks: FrameToken[], before: number): Mention | null {
  let start = 0;
  while (start < before && start < 20 && !toks[start]!.isWord) start++;
  // "And then Trump went on the attack, saying": a leading connective is not the subject.
  while (start < before - 1 && start < 20 && /^(and|but|then|so|yet)$/i.test(toks[start]!.text)) start++;
  // A dateline ("DECATUR, Ill. — Sen. Ted Cruz ...", "Frankfurt (dpa) - Author Lena Brandt ...":
  // a place in capitals, or a place and the agency in brackets, then a dash) is not the subject.
  const placeInCapitals = /^\p{Lu}{2,}$/u.test(toks[start]?.text ?? '');
  if (placeInCapitals || /^\p{Lu}/u.test(toks[start]?.text ?? '')) {
    for (let d = start + 1; d < before && d < start + 12; d++) {
      if (!/^[\u2014\u2013-]$/.test(toks[d]!.text)) continue;
      if (placeInCapitals || toks[d - 1]!.text === ')') start = d + 1;
      break;
    }
  }
  // "Declaring that ..., the mogul offered": a participle phrase opens the sentence.
  // "Preceded at the lectern by X, Trump launched": so does a past participle the model knows as a word.
  const participle = (/^\p{Lu}\p{Ll}+ing$/u.test(toks[start]?.text ?? '') || (!!toks[start]?.commonWord && /ed$/.test(toks[start]!.text))) && /^\p{Ll}/u.test(toks[start + 1]?.text ?? '');
  // "Forestry warden Pim Okonkwo counted": a name behind lowercase (or sentence-initial common) title words.
  const first = mentionStartingAt(toks, start) ?? (toks[start]?.commonWord || /^\p{Ll}/u.test(toks[start]?.text ?? '') ? titledNameStartingAt(toks, start) : null);
  const afterFirst = first ? toks[indexAtOrAfter(toks, first.end)] : undefined;
  // "A month later, he ...": an introductory phrase is not the subject.
  const single = first?.tokens.length === 1 ? first.tokens[0]!.text : '';
  const introductory = afterFirst?.text === ',' && ((first?.kind === 'nominal' && !first.apposition) || /^\p{Lu}\p{Ll}+(?:ly|ed)$/u.test(single));
  if (first && !introductory && !participle) return first;
  // "After the match the referee turned": a sentence-opening prepositional phrase without a
  // comma ends where a second determiner opens the subject.
  if (!first && /^(After|Before|During|Since|Until|At|In|On)$/.test(toks[start]?.text ?? '') && /^(the|a|an)$/.test(toks[start + 1]?.text ?? '')) {
    for (let d = start + 2; d < before && d < start + 6; d++) {
      if (!toks[d]!.isWord) break;
      if (!/^(the|a|an)$/.test(toks[d]!.text)) continue;
      // The subject ends before the first word shaped like a finite verb ("turned", "says").
      let v = d + 2;
      while (v < before && v < d + 5 && !(toks[v]!.isWord && /^\p{Ll}+(?:ed|s)$/u.test(toks[v]!.text))) v++;
      const subject = v < before && v < d + 5 ? mentionEndingAt(toks, v - 1) : null;
      if (subject && subject.start === toks[d]!.start) return subject;
      break;
    }
  }
  let comma = -1;
  for (let i = start; i < before && i < start + 40; i++) if (toks[i]!.text === ',') { comma = i; break; }
  // "In the yard, foreman Bram Tillet checked": a lowercase title may open the subject after the phrase.
  // "Preceded by Joe Arpaio, the Arizona sheriff and anti-immigration hard-liner, Trump launched":
  // a noun phrase coordinated with lowercase words is an apposition inside the opening phrase;
  // the subject follows its closing comma.
  for (let n = 0; n < 3 && comma >= 0 && comma < before - 1; n++) {
    const m = mentionStartingAt(toks, comma + 1) ?? (/^\p{Ll}/u.test(toks[comma + 1]?.text ?? '') ? titledNameStartingAt(toks, comma + 1) : null);
    // "On Tuesday evening Idris Okoro, a local baker, said": a determiner phrase after a name
    // and a comma is the name's apposition; the name is the subject.
    const named = m && /^(the|a|an)$/i.test(m.tokens[0]!.text) ? nameBeforeComma(toks, comma) : null;
    if (named) return { ...named, apposition: m!.tokens };
    const state = m ? placeAbbreviationEnd(toks, comma, m) : -1;
    if (state > 0) { comma = state; continue; }
    if (!m || !isInsideApposition(toks, m)) return m;
    // The apposition closes with a comma within a few words ("and anti-immigration hard-liner,"),
    // not after a clause ("the confrontation between X and Y echoes ..., when ...,").
    const end = indexAtOrAfter(toks, m.end);
    const next = toks.findIndex((t, i) => i > end && i < before && t.text === ',');
    if (next < 0 || next - end > MAX_APPOSITION_TAIL) return m;
    comma = next;
  }
  return null;
}

/**
 * "In San Bernardino, Calif., a voice wrote": an abbreviated state or region after a place
 * name and a comma (AP style: one capitalised word of at most five letters with a full stop,
 * closed by a comma) is part of the place, not the subject. Returns the index of the closing
 * comma, else -1.
 */
function placeAbbreviationEnd(toks: FrameToken[], comma: number, m: Mention): number {
  if (m.tokens.length !== 1 || !/^\p{Lu}[\p{L}.]{0,4}$/u.test(m.tokens[0]!.text) || !/^\p{Lu}/u.test(toks[comma - 1]?.text ?? '')) return -1;
  const at = indexAtOrAfter(toks, m.end);
  const dot = toks[at]?.text === '.' ? at + 1 : m.tokens[0]!.text.endsWith('.') ? at : -1;
  return dot > 0 && toks[dot]?.text === ',' ? dot : -1;
}

/** The person-shaped name that ends right before toks[comma] ("... Idris Okoro,"), if any. */
function nameBeforeComma(toks: FrameToken[], comma: number): Mention | null {
  const before = toks[comma - 1];
  if (!before || !before.isWord || !/^\p{Lu}\p{Ll}/u.test(before.text) || before.commonWord) return null;
  const m = mentionEndingAt(toks, comma - 1);
  if (!m || m.kind !== 'name' || m.apposition) return null;
  // "In Chelsea, the mayor said", "Preceded by Joe Arpaio, the sheriff ...": a preposition's object is no subject.
  const at = indexAtOrAfter(toks, m.start);
  const lead = toks[at - 1];
  if (lead && (OBJECT_PREPOSITIONS.test(lead.text) || /^(after|before|since|during|like|unlike|as|than|between|among|through)$/i.test(lead.text))) return null;
  // "As Trump attacked Clinton, the attendees chanted": after a clause (a subordinator or a
  // verb, by the model's tag) the name is that clause's, not the sentence's subject.
  const opening = toks.slice(0, at);
  return opening.some((t) => SUBORDINATORS.test(t.text) || (t.isWord && /^\p{Ll}/u.test(t.text) && tagAlone(t.text) === 'VERB')) ? null : m;
}

/** Conjunctions that open a subordinate clause (Quirk et al. 1985, §14.12, the simple ones). */
const SUBORDINATORS = /^(as|when|while|whilst|if|because|although|though|since|until|unless|once|whereas|after|before)$/i;

/** Tokens from the end of a coordinated apposition's first noun phrase to its closing comma. */
const MAX_APPOSITION_TAIL = 6;

/** "the Arizona sheriff and anti-immigration hard-liner,": a determiner phrase followed by "and"/"or" and a lowercase word. */
function isInsideApposition(toks: FrameToken[], m: Mention): boolean {
  const k = indexAtOrAfter(toks, m.end);
  return /^(and|or)$/.test(toks[k]?.text ?? '') && /^\p{Ll}/u.test(toks[k + 1]?.text ?? '') && /^(the|a|an)$/i.test(m.tokens[0]!.text);
}

