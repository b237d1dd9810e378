// Who a "he"/"she" cue subject at the head of a paragraph refers to, when the paragraph
// before makes it plain and the latest-named-person rule of speakers.ts would not:
//   "A reporter asked Ana Ruiz, <Q>" / "<Q>," she replied.   -> the one asked answers;
//   "A spokesman for the port said its ..." / "<Q>," he said. -> the reported speaker goes on.
import { cueAt } from './cue-words.ts';
import type { FrameSentence, FrameToken } from './frame.ts';
import { guessGender } from './gender.ts';
import { SPEAKER_NOUNS } from './lexicon.ts';
import { mentionStartingAt, type Mention } from './mentions.ts';

/** Verbs that answer a question (Levin 37.7 / VerbNet say-37.7 members that presuppose one). */
const ANSWER_LEMMAS = new Set(['reply', 'respond', 'answer', 'retort']);
const PERSONAL_PRONOUN = /^(he|she)$/i;
const FEMALE_PRONOUN = /^she$/i;

/** The person named as the one asked in the paragraph's latest "X asked Y" cue, or null. */
export function questionAddressee(sentences: FrameSentence[]): Mention | null {
  for (let si = sentences.length - 1; si >= 0; si--) {
    const toks = sentences[si]!.tokens;
    for (let c = toks.length - 2; c >= 0; c--) {
      if (cueAt(toks, c)?.lemma !== 'ask') continue;
      const asked = mentionStartingAt(toks, c + 1);
      if (asked?.kind === 'name') return asked;
    }
  }
  return null;
}

/** What the paragraph before left for a pronoun to refer to. */
export interface ParagraphContext {
  /** Subject of its latest speech cue: reported speech ("X admitted that ...") or its last quotation's. */
  reporter: Mention | null;
  /** The person a question there was put to. */
  addressee: Mention | null;
  /** The paragraph's frame tokens, to read what stands before the reporter. */
  tokens: FrameToken[];
}

/**
 * The antecedent of `pronoun` (a cue subject in a paragraph opening with a quotation) given
 * the previous paragraph: the one asked, for an answer verb; else the subject of that
 * paragraph's reported speech. Null when neither fits or a name's gender disagrees.
 */
export function pronounAntecedent(pronoun: Mention, cueLemma: string | undefined, context: ParagraphContext): Mention | null {
  const word = pronoun.tokens[0]?.text ?? '';
  if (pronoun.kind !== 'pronoun' || !PERSONAL_PRONOUN.test(word)) return null;
  // A named reporter is the latest named person already, which speakers.ts gives "he"; an
  // unnamed one ("a spokesperson for X") is what it skips.
  const reporter = context.reporter && (isUnnamedPerson(context.reporter) || spokespersonOf(context.reporter, context.tokens)) ? context.reporter : null;
  const candidate = (cueLemma && ANSWER_LEMMAS.has(cueLemma) ? context.addressee : null) ?? reporter;
  if (!candidate || candidate.kind === 'pronoun') return null;
  const gender = candidate.kind === 'name' ? guessGender(candidate.tokens.map((t) => t.text).join(' ')) : null;
  if (gender && (gender === 'f') !== FEMALE_PRONOUN.test(word)) return null;
  return candidate;
}

/** "a spokesperson for the port", "an official": one unnamed person, by an indefinite article and a person noun. */
function isUnnamedPerson(m: Mention): boolean {
  if (m.kind === 'pronoun' || !/^(a|an)$/i.test(m.tokens[0]?.text ?? '')) return false;
  // The head comes before "for/of/at X" and is lowercase: "a spokesperson for the Harbour Board".
  const end = m.tokens.findIndex((t) => /^(for|of|at|with|from)$/.test(t.text));
  const head = m.tokens.slice(1, end < 0 ? undefined : end);
  return head.every((t) => /^\p{Ll}/u.test(t.text)) && head.some((t) => SPEAKER_NOUNS.has(t.text) && !/s$/.test(t.text));
}

const NAME_FILLER = /^(and|of|the|&|'|\u2019)$/;

/**
 * "a spokesperson for the Harbour Board said": the organisation mention `m` is the subject
 * only because an unnamed person speaks for it; the person is who "he"/"she" continue.
 */
function spokespersonOf(m: Mention, toks: FrameToken[]): boolean {
  let i = toks.findIndex((t) => t.start === m.start) - 1;
  const stop = i - 12;
  while (i > stop && i >= 0 && (/^\p{Lu}/u.test(toks[i]!.text) || NAME_FILLER.test(toks[i]!.text))) i--;
  if (!/^(for|of|at|with|from)$/.test(toks[i]?.text ?? '')) return false;
  const words: FrameToken[] = [];
  for (i--; i >= 0 && words.length < 4 && !/^(a|an)$/i.test(toks[i]!.text); i--) words.unshift(toks[i]!);
  return i >= 0 && /^(a|an)$/i.test(toks[i]!.text) && words.some((t) => SPEAKER_NOUNS.has(t.text) && !/s$/.test(t.text)) && words.every((t) => /^\p{Ll}/u.test(t.text));
}
