// Classifies one quote-mark character by its neighbours. Straight quotes (" and ') carry
// no direction, and curly ones are often misused ("”Mr. Trump"), so every mark is judged
// by whether it hugs the text on its right (opens) or on its left (closes).

export type MarkFamily = 'double' | 'single';

export interface MarkInfo {
  family: MarkFamily;
  canOpen: boolean;
  canClose: boolean;
}

const DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033';
const SINGLE_MARKS = '\'\u2018\u2019\u201a\u201b\u2039\u203a';
const OPEN_CONTEXT = '([{\u2014\u2013-/\u2026:';
const CLOSE_CONTEXT = '.,;:!?)]}\u2014\u2013-\u2026/';

export function isQuoteMarkCode(c: number): boolean {
  return (
    c === 34 || c === 39 || (c >= 0x2018 && c <= 0x201f) || c === 0xab || c === 0xbb ||
    c === 0x2039 || c === 0x203a || c === 0x2033
  );
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' ||
    ch === '\u00a0' || ch === '\u202f' || ch === '\u2009' || ch === '\u200b' || ch === '\u3000';
}

function isMark(ch: string | undefined): boolean {
  return ch !== undefined && isQuoteMarkCode(ch.charCodeAt(0));
}

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Opening/closing potential of the mark at `i`, judged inside paragraph [lo, hi). */
export function classifyMark(text: string, i: number, lo: number, hi: number, width: 1 | 2 = 1): MarkInfo | null {
  const ch = text[i] ?? '';
  const family: MarkFamily | null = DOUBLE_MARKS.includes(ch) || width === 2 ? 'double'
    : SINGLE_MARKS.includes(ch) ? 'single' : null;
  if (!family) return null;
  const prev = i > lo ? text[i - 1] : undefined;
  const next = i + width < hi ? text[i + width] : undefined;
  const leftFree = isSpace(prev) || isMark(prev) || OPEN_CONTEXT.includes(prev ?? '');
  const rightFree = isSpace(next) || isMark(next) || CLOSE_CONTEXT.includes(next ?? '');
  let canOpen = leftFree && !isSpace(next);
  let canClose = rightFree && !isSpace(prev);
  // The mark that closes a markup attribute value (<tweet author="@x">): never a quotation,
  // also when the value ran over a line break and the mark opens the next line.
  if (next === '>' && family === 'double' && (!isSpace(prev) || prev === undefined)) return null;
  if (prev === '=') {
    // Markup attribute values (<tweet id="...">) are not quotations.
    return { family, canOpen: false, canClose: canClose && !leftFree };
  }
  if (!canOpen && !canClose) {
    // Glued on both sides (word"word) or floating (" alone): let the state decide.
    canOpen = true;
    canClose = true;
  }
  // French spacing (« text », with ordinary, no-break or narrow no-break spaces) puts the
  // space on the inner side, where hugging cannot tell the direction: the glyph's own
  // direction decides. Unspaced guillemets (German »Text«) are left to the neighbours.
  if ((ch === '\u00ab' || ch === '\u2039') && isSpace(next) && next !== undefined && leftFree) return { family, canOpen: true, canClose: false };
  if ((ch === '\u00bb' || ch === '\u203a') && isSpace(prev) && prev !== undefined && rightFree) return { family, canOpen: false, canClose: true };
  // A low-9 mark („text“, ‚text‘) opens in every language that uses it.
  if ((ch === '\u201e' || ch === '\u201a') && !isSpace(next)) canClose = false;
  // Typographic direction wins when the neighbours agree with it.
  if ((ch === '\u201c' || ch === '\u201e' || ch === '\u00ab' || ch === '\u2018') && leftFree) canClose = false;
  if ((ch === '\u201d' || ch === '\u00bb' || ch === '\u2019') && rightFree && !isSpace(prev)) canOpen = false;
  return { family, canOpen, canClose };
}

/**
 * True when `i` starts two straight apostrophes (''). Archived NYT text prints every
 * double quote that way (''We will win,'' he said), and web news never doubles an
 * apostrophe, so the extractor always reads them as one double quote mark (issue #12; the
 * PolNeAR gold counts them as quotes too).
 */
export function isDoubledApostrophe(text: string, i: number, hi: number): boolean {
  return text.charCodeAt(i) === 39 && i + 1 < hi && text.charCodeAt(i + 1) === 39;
}

// Elisions that start with an apostrophe and look like an opening single quote.
const LEADING_ELISIONS = /^['\u2018\u2019](?:em|til|cause|n|tis|twas|bout|round|s|d|ll|re|ve|\d\d?s?)\b/i;

/** True when a single mark at `i` is an apostrophe ('90s, 'em) rather than a quote opener. */
export function isLeadingElision(text: string, i: number): boolean {
  return LEADING_ELISIONS.test(text.slice(i, i + 8));
}
