// Finds quoted spans paragraph by paragraph. Double quotes nest one level ("... “inner” ...")
// and the outer quote resumes after the inner one closes; single quotes count as quote
// marks only outside double quotes and only when a plausible closer follows, so that
// apostrophes (we'll, Cilluffo's, US allies') never open a quote.
import { classifyMark, isDoubledApostrophe, isLeadingElision, isQuoteMarkCode, isWordChar } from './quote-marks.ts';
import type { Paragraph } from './paragraphs.ts';

export interface QuoteSpan {
  /** Content span in UTF-16 indices, marks excluded, whitespace trimmed. */
  start: number;
  end: number;
  openMark: number;
  /** Index of the closing mark; null when the quote runs to the end of the paragraph. */
  closeMark: number | null;
  paragraph: number;
  family: 'double' | 'single';
  /** Depth 1 = quoted inside another quote. */
  nested: boolean;
  /** Continues the utterance of the quote before it (next paragraph, or after an inner quote). */
  continuation: boolean;
  /** The whole outer quotation this segment belongs to, marks included: one utterance. */
  regionStart: number;
  regionEnd: number;
}

const MAX_SINGLE_QUOTE_LENGTH = 300;

export function findQuotes(text: string, paragraphs: Paragraph[]): QuoteSpan[] {
  let quotes: QuoteSpan[] = [];
  let previousParagraphOpen = false;
  const blocks: BlockParagraph[] = [];
  for (const p of paragraphs) {
    const before = quotes.length;
    const scan = scanParagraph(text, p, quotes);
    const first = quotes[before];
    if (previousParagraphOpen && first && first.openMark === p.start) first.continuation = true;
    previousParagraphOpen = scan.endedOpen;
    if (scan.block) blocks.push(scan.block);
  }
  quotes = unwrapExcerptRuns(quotes, blocks);
  return quotes.sort((a, b) => a.start - b.start);
}

/** A paragraph laid out as part of a block quotation: opened by a mark at its start, never closed. */
interface BlockParagraph {
  paragraph: number;
  mark: number;
  excerpt: boolean;
}

/**
 * A multi-paragraph block quotation opens every paragraph with a mark and closes none. When
 * one paragraph of such a run is an excerpt (narration around quotations of its own, see
 * isExcerptBlock), the whole run is the same excerpt: its marks are layout in every
 * paragraph, and only the inner quotations are statements.
 */
function unwrapExcerptRuns(spans: QuoteSpan[], blocks: BlockParagraph[]): QuoteSpan[] {
  const layout = new Set<number>();
  let runStart = 0;
  for (let k = 0; k <= blocks.length; k++) {
    if (k < blocks.length && k > runStart && blocks[k]!.paragraph === blocks[k - 1]!.paragraph + 1) continue;
    const run = blocks.slice(runStart, k);
    if (run.some((b) => b.excerpt)) for (const b of run) if (!b.excerpt) layout.add(b.mark);
    runStart = k;
  }
  if (layout.size === 0) return spans;
  const kept: QuoteSpan[] = [];
  for (const q of spans) {
    if (!layout.has(q.regionStart)) kept.push(q);
    else if (q.nested) kept.push({ ...q, nested: false, continuation: false, regionStart: q.openMark, regionEnd: (q.closeMark ?? q.end) + 1 });
  }
  return kept;
}

/**
 * Scans one paragraph: `endedOpen` when a quote was still open at its end, `block` when the
 * paragraph is laid out as part of a block quotation (and whether it was unwrapped as an excerpt).
 */
function scanParagraph(text: string, p: Paragraph, out: QuoteSpan[]): { endedOpen: boolean; block: BlockParagraph | null } {
  // stack[0] = outer quote, stack[1] = inner quote; each entry = where its current segment starts.
  const stack: Array<{ mark: number; segStart: number; resumed: boolean }> = [];
  const firstOfParagraph = out.length;
  const emit = (from: number, to: number, openMark: number, closeMark: number | null, nested: boolean, resumed: boolean, cutAt = p.end) => {
    const span = trimSpan(text, from, to);
    if (!span) return;
    const regionStart = stack[0]?.mark ?? openMark;
    out.push({ start: span[0], end: span[1], openMark, closeMark, paragraph: p.index, family: 'double', nested, continuation: resumed, regionStart, regionEnd: closeMark === null ? cutAt : closeMark + 1 });
  };
  let i = p.start;
  while (i < p.end) {
    const c = text.charCodeAt(i);
    if (!isQuoteMarkCode(c)) { i++; continue; }
    // Three apostrophes closing a quote (''...'We'll go,''' he said) close the inner single
    // quote first: the double mark is the last two.
    if (stack.length > 0 && closesNestedSingle(text, i, p.end)) { i++; continue; }
    // Two straight apostrophes ('') are one double quote mark (see isDoubledApostrophe).
    const w = isDoubledApostrophe(text, i, p.end) ? 2 : 1;
    const mark = classifyMark(text, i, p.start, p.end, w);
    if (!mark) { i++; continue; }
    if (mark.family === 'single') {
      i = stack.length === 0 ? trySingleQuote(text, i, p, out) : i + 1;
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) {
      if (mark.canOpen) stack.push({ mark: i, segStart: i + w, resumed: false });
    } else if (mark.canClose) {
      emit(top.segStart, i, top.mark, i + w - 1, stack.length === 2, top.resumed);
      stack.pop();
      const outer = stack[stack.length - 1];
      if (outer) { outer.segStart = i + w; outer.resumed = true; }
    } else if (stack.length === 1 && followsSentenceEnd(text, i, top.segStart)) {
      // A flattened multi-paragraph quotation ("A. "B. "C." on one line): each paragraph
      // of it opened with a mark and none was closed. Every segment is its own quotation,
      // continuing the one before; none is paired with a later mark across narration.
      emit(top.segStart, i, top.mark, null, false, top.resumed, i);
      stack.pop();
      stack.push({ mark: i, segStart: i + w, resumed: true });
    } else if (stack.length === 1) {
      // A mark that can only open, inside a quote: a quote within the quote.
      emit(top.segStart, i, top.mark, i, false, top.resumed);
      stack.push({ mark: i, segStart: i + w, resumed: false });
    }
    i += w;
  }
  // Whatever is still open runs to the end of the paragraph.
  for (let d = stack.length - 1; d >= 0; d--) {
    const open = stack[d]!;
    emit(open.segStart, p.end, open.mark, null, d === 1, open.resumed);
    if (d === 1) stack[0]!.segStart = p.end;
  }
  let block: BlockParagraph | null = null;
  if (stack.length === 1 && text.slice(p.start, stack[0]!.mark).trim() === '' && !TRANSCRIPT_LABEL.test(text.slice(stack[0]!.mark + 1, stack[0]!.mark + 40))) {
    const excerpt = isExcerptBlock(text, p, stack[0]!.mark, out, firstOfParagraph);
    if (excerpt) unwrapExcerpt(out, firstOfParagraph, stack[0]!.mark);
    block = { paragraph: p.index, mark: stack[0]!.mark, excerpt };
  }
  widenRegions(out, firstOfParagraph);
  return { endedOpen: stack.length > 0, block };
}

/**
 * A paragraph of a block quotation (opened by a mark at its start and never closed: the
 * layout of a multi-paragraph excerpt) that itself holds a closed quotation is an excerpt of
 * another text, whose narration reports what people said in marks of its own ("...
 * interjecting, “Only Rosie O’Donnell.” But Kelly was relentless."). The block's marks are
 * layout, not a quotation; the inner quotations are the statements.
 */
function isExcerptBlock(text: string, p: Paragraph, mark: number, spans: QuoteSpan[], from: number): boolean {
  if (text.slice(p.start, mark).trim() !== '') return false;
  // "PENCE: Well, look, ...": a labelled transcript turn is the speaker's own words.
  if (TRANSCRIPT_LABEL.test(text.slice(mark + 1, mark + 40))) return false;
  // Narration goes on after the inner quotation; one closing at the paragraph end may
  // be the block's own missing closer instead.
  let lastWordChar = p.end - 1;
  while (lastWordChar > mark && !isWordChar(text[lastWordChar])) lastWordChar--;
  for (let k = from; k < spans.length; k++) {
    const q = spans[k]!;
    if (q.nested && q.regionStart === mark && q.closeMark !== null && q.closeMark < lastWordChar) return true;
  }
  return false;
}

/** A transcript speaker label opening a quotation: "WALLACE: ", "Q: ". */
const TRANSCRIPT_LABEL = /^\s*\p{Lu}[\p{Lu}.'\u2019 -]*:\s/u;

/** Drops the block's own segments and makes its inner quotations top-level quotations. */
function unwrapExcerpt(spans: QuoteSpan[], from: number, mark: number): void {
  const kept: QuoteSpan[] = [];
  for (const q of spans.splice(from)) {
    if (q.regionStart !== mark) { kept.push(q); continue; }
    if (!q.nested) continue;
    kept.push({ ...q, nested: false, continuation: false, regionStart: q.openMark, regionEnd: (q.closeMark ?? q.end) + 1 });
  }
  spans.push(...kept);
}

/** Every segment of one outer quotation gets the region of the whole quotation. */
function widenRegions(spans: QuoteSpan[], from: number): void {
  const ends = new Map<number, number>();
  for (let k = from; k < spans.length; k++) {
    const q = spans[k]!;
    ends.set(q.regionStart, Math.max(ends.get(q.regionStart) ?? 0, q.regionEnd));
  }
  for (let k = from; k < spans.length; k++) spans[k]!.regionEnd = ends.get(spans[k]!.regionStart)!;
}

/** Single-quoted span starting at `i`, if it is one; returns where scanning resumes. */
function trySingleQuote(text: string, i: number, p: Paragraph, out: QuoteSpan[]): number {
  const mark = classifyMark(text, i, p.start, p.end);
  if (!mark?.canOpen || !isWordChar(text[i + 1]) || isLeadingElision(text, i)) return i + 1;
  const prev = i > p.start ? text[i - 1] : undefined;
  if (isWordChar(prev)) return i + 1; // rock'n'roll, O'Brien
  const limit = Math.min(p.end, i + MAX_SINGLE_QUOTE_LENGTH);
  for (let j = i + 2; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 34 || c === 0x201c || c === 0x201d) return i + 1; // a double quote interrupts
    if (c !== 39 && c !== 0x2019) continue;
    if (isDoubledApostrophe(text, j, p.end)) return i + 1; // '' is never half of a single quote
    if (isWordChar(text[j + 1])) continue; // an apostrophe inside a word: we'll, Cilluffo's
    if (!isWordChar(text[j - 1]) && !/[.,!?]/.test(text[j - 1] ?? '')) continue;
    const span = trimSpan(text, i + 1, j);
    if (span) {
      out.push({ start: span[0], end: span[1], openMark: i, closeMark: j, paragraph: p.index, family: 'single', nested: false, continuation: false, regionStart: i, regionEnd: j + 1 });
    }
    return j + 1;
  }
  return i + 1;
}

/** `'''` hugging the text on its left: a single quote's closer, then a doubled-apostrophe closer. */
function closesNestedSingle(text: string, i: number, hi: number): boolean {
  return isDoubledApostrophe(text, i, hi) && text.charCodeAt(i + 2) === 39 && i + 2 < hi && !/\s/.test(text[i - 1] ?? ' ');
}

/**
 * True when the mark at `i` comes after a finished sentence of the open quotation
 * (a terminator . ! ? or …, maybe followed by a closing bracket, then whitespace), which
 * is where a flattened paragraph break sits. A quote nested inside a quote follows a
 * word, a comma or a colon instead ("He told me, "Go home," and left.").
 */
function followsSentenceEnd(text: string, i: number, segStart: number): boolean {
  let k = i - 1;
  if (k < segStart || !/\s/.test(text[k] ?? '')) return false;
  while (k >= segStart && /\s/.test(text[k] ?? '')) k--;
  while (k >= segStart && /[)\]]/.test(text[k] ?? '')) k--;
  return k >= segStart && /[.!?\u2026]/.test(text[k] ?? '');
}

/** Trims whitespace; null when nothing with a letter or digit is left. */
function trimSpan(text: string, from: number, to: number): [number, number] | null {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  for (let k = s; k < e; k++) if (isWordChar(text[k])) return [s, e];
  return null;
}
