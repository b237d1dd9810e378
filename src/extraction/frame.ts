// The "frame" of a paragraph is its text with every quotation replaced by one placeholder
// token. Cues and speakers live in the frame ("<Q>, Price said, <Q>"), and sentence
// boundaries inside quotations must not cut the sentence that attributes them.
import type { QuoteSpan } from './quotes.ts';
import type { Paragraph } from './paragraphs.ts';
import { markSentenceInitialCommonWord, type NameEvidence } from './names.ts';
import { tokenize, type Token } from './tokens.ts';

export interface FrameToken extends Token {
  /** For a quotation placeholder: the region start shared by its segments. */
  region?: number;
}

export interface FrameSentence {
  tokens: FrameToken[];
  paragraph: number;
}

/** Splits a paragraph's frame into sentences. `quotes` are this paragraph's segments. */
export function frameSentences(text: string, p: Paragraph, quotes: QuoteSpan[], names?: NameEvidence): FrameSentence[] {
  const tokens: FrameToken[] = [];
  let cursor = p.start;
  const regions = [...new Map(quotes.map((q) => [q.regionStart, q.regionEnd])).entries()].sort((a, b) => a[0] - b[0]);
  for (const [rs, re] of regions) {
    if (rs < cursor) continue;
    for (const t of tokenize(text, cursor, rs)) tokens.push(t);
    tokens.push({ text: '<Q>', start: rs, end: re, isWord: false, region: rs });
    cursor = re;
  }
  for (const t of tokenize(text, cursor, p.end)) tokens.push(t);

  const sentences: FrameSentence[] = [];
  let current: FrameToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    current.push(t);
    const next = tokens[i + 1];
    if (!next) break;
    const endsHere = /^[.!?]$/.test(t.text) || (t.region !== undefined && endsWithTerminator(text, t));
    // A terminator ends the sentence only when something sentence-like follows.
    if (endsHere && (next.region !== undefined || /^[\p{Lu}\p{N}(]/u.test(next.text))) {
      sentences.push({ tokens: current, paragraph: p.index });
      current = [];
    }
  }
  if (current.length) sentences.push({ tokens: current, paragraph: p.index });
  // "Children growing up ...": a sentence-initial common word is not a name (names.ts).
  if (names) for (const s of sentences) if (s.tokens[0]?.isWord) markSentenceInitialCommonWord(s.tokens, 0, names);
  return sentences;
}

function endsWithTerminator(text: string, t: FrameToken): boolean {
  let e = t.end;
  while (e > t.start && /[\s"'\u201c\u201d\u2018\u2019\u00bb\u00ab]/.test(text[e - 1] ?? '')) e--;
  return /[.!?]/.test(text[e - 1] ?? '');
}
