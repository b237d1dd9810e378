// Paragraphs and sentence boundaries. Quote attribution looks for cues in "the same or the
// neighbouring sentence", so it needs boundaries that do not break on "Mr." or "U.S.".

export interface Paragraph {
  index: number;
  start: number;
  end: number;
}

/** Non-empty lines are paragraphs: news text puts each paragraph on its own line. */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10 /* \n */) {
      let s = lineStart;
      let e = i;
      while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
      while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
      if (e > s) paragraphs.push({ index: paragraphs.length, start: s, end: e });
      lineStart = i + 1;
    }
  }
  return paragraphs;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x200b || c === 0x3000;
}

// Abbreviations that end in a period without ending the sentence.
const ABBREVIATIONS = new Set(
  ('mr mrs ms dr sen rep gov gen lt col sgt capt cmdr adm maj st jr sr prof rev hon pres ' +
    'sec dept inc corp co ltd no vs etc jan feb mar apr aug sept sep oct nov dec fig ' +
    'ft mt u.s u.k u.n d.c e.g i.e a.m p.m approx est att supt insp det atty')
    .split(' '),
);

const TERMINATORS = '.!?';
const CLOSERS = '"\u201d\u2019\')]';

/**
 * Indices where a new sentence starts inside [start, end). A boundary is a terminator
 * (plus closing quotes/brackets) followed by space and a capital, digit or opening quote.
 */
export function sentenceStarts(text: string, start: number, end: number): number[] {
  const starts: number[] = [];
  for (let i = start; i < end; i++) {
    if (!TERMINATORS.includes(text[i] ?? '')) continue;
    let j = i + 1;
    while (j < end && CLOSERS.includes(text[j] ?? '')) j++;
    if (j >= end || !/\s/.test(text[j] ?? '')) continue;
    let k = j;
    while (k < end && /\s/.test(text[k] ?? '')) k++;
    if (k >= end || !/[\p{Lu}\p{N}"\u201c\u2018'(\[]/u.test(text[k] ?? '')) continue;
    if (text[i] === '.' && isAbbreviation(text, i, start)) continue;
    starts.push(k);
    i = k - 1;
  }
  return starts;
}

function isAbbreviation(text: string, dot: number, floor: number): boolean {
  let w = dot;
  while (w > floor && /[\p{L}.]/u.test(text[w - 1] ?? '')) w--;
  const word = text.slice(w, dot).toLowerCase();
  if (word.length === 1 && /\p{Lu}/u.test(text[w] ?? '')) return true; // an initial: "John F. Kennedy"
  return ABBREVIATIONS.has(word);
}
