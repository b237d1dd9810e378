// "A spokesperson for the Employers' Association said ...": someone who speaks on behalf of
// an organisation, unnamed. The organisation is the speaker (its words are on record as
// its own); the representative noun is the role; "he"/"she" later may refer to them.
import type { Mention } from './mentions.ts';
import type { RoleSpan } from './roles.ts';

/**
 * Nouns whose meaning is "a person who speaks for another" (Merriam-Webster's
 * "spokesperson: a person who speaks as the representative of another or others";
 * "representative"; "mouthpiece"), a closed class. Value: the gender the noun marks.
 */
const REPRESENTATIVE_NOUNS: Record<string, 'm' | 'f' | null> = {
  spokesperson: null, spokesman: 'm', spokeswoman: 'f', representative: null, mouthpiece: null,
};

/** At most this many UTF-16 units of the phrase are read before the mention. */
const LOOKBACK = 160;

// "a(n)/the [one or two lowercase modifiers] <noun> for|of|from [the] <Capitalised name words>",
// ending where the mention ends; the name may hold "and"/"of"/"&" ("Universities and Colleges").
const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{N}'\u2019.&-]*`;
const PHRASE = new RegExp(
  String.raw`\b(?:[Aa]n?|[Tt]he)\s+(?:[\p{Ll}-]+\s+){0,2}?(${Object.keys(REPRESENTATIVE_NOUNS).join('|')})\s+(?:for|of|from)\s+` +
  String.raw`(?:the\s+)?((?:${NAME_WORD})(?:\s+(?:(?:and|of|for|&)\s+)?${NAME_WORD})*(?:\s+\([^()]{1,20}\))?)$`,
  'du',
);

export interface Representation {
  /** The organisation spoken for, as printed, without a trailing acronym ("Employers' Association"). */
  organization: string;
  /** The acronym printed in brackets after it ("UCEA"), an alias. */
  acronym: string | null;
  /** The representative noun as printed ("spokesperson"), with its offsets (UTF-16). */
  role: RoleSpan;
  gender: 'm' | 'f' | null;
  /** UTF-16 offset where the phrase starts ("a spokesperson ..."). */
  start: number;
}

/**
 * The organisation a mention speaks for when the mention ends a phrase "a spokesperson for
 * X" (the mention being X or all of it); null otherwise. `text` is the article, offsets UTF-16.
 */
export function representationOf(text: string, m: Mention): Representation | null {
  const from = Math.max(0, m.start - LOOKBACK);
  const window = text.slice(from, m.end);
  const match = PHRASE.exec(window);
  if (!match) return null;
  const phraseStart = from + match.index;
  // The phrase must end in the mention and not cross a sentence end.
  if (/[.!?]\s+\p{Lu}/u.test(match[0])) return null;
  const noun = match[1]!;
  const nounStart = from + match.indices![1]![0];
  const full = match[2]!;
  const bracket = /\s+\(([^()]+)\)$/.exec(full);
  const organization = bracket ? full.slice(0, bracket.index) : full;
  return {
    organization,
    acronym: bracket ? bracket[1]!.trim() : null,
    role: { text: noun, start: nounStart, end: nounStart + noun.length, organization },
    gender: REPRESENTATIVE_NOUNS[noun.toLowerCase()] ?? null,
    start: phraseStart,
  };
}
