// A small tokenizer for the windows around quotes and cues. Words keep inner apostrophes,
// hyphens and dots ("Cilluffo's", "state-backed", "U.S."); a final dot stays only on
// abbreviations and initials ("Sen.", "C."), so "said." yields "said" and ".".

export interface Token {
  text: string;
  start: number;
  end: number;
  isWord: boolean;
  /** A capitalized word that is capitalized only because it opens a sentence ("Children"); see names.ts. */
  commonWord?: boolean;
}

// Dotted abbreviations (U.S., D.C., a.m.) | numbers (1.5, 30,000; not "43-year-old", a word)
// | words | any other symbol.
const TOKEN_RE = /\p{L}{1,3}(?:\.\p{L}{1,3})+\.?(?!\p{L})|\p{N}+(?:[.,]\p{N}+)*(?!\p{N}|-\p{L})|[\p{L}\p{N}]+(?:['\u2019\-&][\p{L}\p{N}]+)*\.?|[^\s]/gu;
const KEEP_DOT = new Set(
  ('mr mrs ms dr sen rep gov gen lt col sgt capt adm maj st jr sr prof rev hon pres del atty ' +
    'supt insp det inc corp co ltd no vs u.s u.k u.n d.c a.m p.m jan feb aug sept oct nov dec').split(' '),
);

export function tokenize(text: string, lo: number, hi: number): Token[] {
  const out: Token[] = [];
  const slice = text.slice(lo, hi);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    let word = m[0];
    const start = lo + m.index;
    const isWord = /[\p{L}\p{N}]/u.test(word[0] ?? '');
    if (isWord && word.length > 1 && word.endsWith('.')) {
      const bare = word.slice(0, -1);
      const keep = KEEP_DOT.has(bare.toLowerCase()) || /^\p{Lu}$/u.test(bare) || bare.includes('.') || /^\p{Lu}-\p{Lu}\p{Ll}{1,4}$/u.test(bare);
      if (!keep) {
        out.push({ text: bare, start, end: start + bare.length, isWord: true });
        out.push({ text: '.', start: start + bare.length, end: start + word.length, isWord: false });
        continue;
      }
    }
    out.push({ text: word, start, end: start + word.length, isWord });
    word = '';
  }
  return out;
}

/** A token that may be part of a proper name: capitalized, and not a sentence-initial common word. */
export function isCapitalizedToken(t: Token): boolean {
  return t.isWord && !t.commonWord && isCapitalized(t.text);
}

export function isCapitalized(word: string): boolean {
  return /^[\p{Lu}]/u.test(word) || /^(?:al|el|de|van|von|da|bin|ibn)-\p{Lu}/u.test(word);
}

export function stripPossessive(word: string): string {
  return word.replace(/['\u2019]s?$/u, '');
}

export function isPossessive(word: string): boolean {
  return /\p{L}['\u2019]s$/u.test(word) || /s['\u2019]$/u.test(word);
}

/** Index of the first token starting at or after `pos` (tokens are sorted); length if none. */
export function indexAtOrAfter(toks: Token[], pos: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
