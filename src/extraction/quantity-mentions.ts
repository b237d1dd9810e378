// Quantity subjects of poll and survey reporting: "Sixty percent of tenants call the fees
// <Q>", "63 percent said Clinton was <Q>", "About four in 10 said they were <Q>", "most of
// the residents say <Q>". The group is the speaker, so the whole quantity phrase is one mention.
import type { Mention } from './mentions.ts';
import type { Token } from './tokens.ts';

/** English cardinal number words (one to ninety-nine and the round hundreds/thousands). */
const NUMBER_WORDS = new Set(('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen ' +
  'sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand').split(' '));
/** Partitive quantifier nouns and pronouns that head "Q of X" (Quirk et al. 1985, 5.25-5.27). */
const PARTITIVE_HEADS = new Set('half third thirds quarter quarters majority minority most many some few all none plurality share'.split(' '));
/** Hedges before a number: "about", "only", "more than", "nearly", "roughly", "almost", "just", "over", "under". */
const HEDGES = new Set('about only just nearly almost roughly around approximately some over under fewer less more than a an the'.split(' '));
/** Longest "of X" complement read: "of registered voters in each state". */
const MAX_OF_TOKENS = 6;

function isNumberToken(t: Token | undefined): boolean {
  if (!t || !t.isWord) return /^\d[\d,.]*%?$/.test(t?.text ?? '');
  const parts = t.text.toLowerCase().split('-');
  return /^\d[\d,.]*%?$/.test(t.text) || parts.every((p) => NUMBER_WORDS.has(p));
}

/**
 * The quantity phrase ending at tokens[k] (inclusive), read leftwards: "[hedge] NUMBER
 * (percent|%)", "NUMBER in NUMBER", or a partitive head ("half", "a majority", "most"), with
 * an optional "of [the] X ..." complement; the phrase must open its clause (sentence start,
 * a comma, a conjunction, or a word like "while"). Returns a nominal mention or null.
 */
export function quantityMentionEndingAt(tokens: Token[], k: number): Mention | null {
  if (k < 0) return null;
  let head = k;
  // "... of tenants", "... of registered voters": step back over the complement to "of".
  for (let i = k; i >= 0 && k - i <= MAX_OF_TOKENS; i--) {
    const t = tokens[i]!;
    if (!t.isWord) break;
    if (t.text.toLowerCase() === 'of' && i < k) { head = i - 1; break; }
  }
  let start = quantityStart(tokens, head);
  if (start < 0) return null;
  while (start > 0 && HEDGES.has(tokens[start - 1]!.text.toLowerCase())) start--;
  if (!opensClause(tokens[start - 1])) return null;
  const np = tokens.slice(start, k + 1);
  return { kind: 'nominal', tokens: np, start: np[0]!.start, end: tokens[k]!.end, apposition: null };
}

/** Index of the first token of the quantity whose last token is tokens[h], or -1. */
function quantityStart(tokens: Token[], h: number): number {
  const t = tokens[h];
  if (!t) return -1;
  const lower = t.text.toLowerCase();
  if (lower === 'percent' || lower === '%') return isNumberToken(tokens[h - 1]) ? h - 1 : -1;
  if (/^\d[\d,.]*%$/.test(t.text)) return h;
  // "four in 10", "one in five".
  if (isNumberToken(t) && tokens[h - 1]?.text.toLowerCase() === 'in' && isNumberToken(tokens[h - 2])) return h - 2;
  if (PARTITIVE_HEADS.has(lower)) return h;
  return -1;
}

/** The token before a subject: none, punctuation, or a clause-opening conjunction, complementizer or relative word. */
function opensClause(t: Token | undefined): boolean {
  if (!t) return true;
  if (!t.isWord) return /^[,;:\u2014\u2013(-]$/.test(t.text);
  return /^(and|but|while|whereas|however|yet|so|then|meanwhile|also|that|which|whom|when|as|because|since|if|although|though)$/i.test(t.text);
}
