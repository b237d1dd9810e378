import Handlebars from 'handlebars';
import { normalizeStatementText } from '../statements/normalize.ts';

// Word-level diff between a pasted quote and a stored statement (longest common
// subsequence over words). Words compare by their normalized form, so case, accents and
// punctuation do not count as changes; they are shown as printed in the statement.
// A pasted fragment of a much longer statement is diffed against the stretch of the
// statement that holds it; the rest is shown around it as `context`, cut to a few words, so
// the statement's other words do not drown the match as insertions.

export interface DiffPart {
  /** `context`: statement words outside the stretch the quote matched (an elided run starts or ends with …). */
  op: 'same' | 'ins' | 'del' | 'context';
  text: string;
}

/** At most this many statement words are shown on each side of a fragment's match. */
export const CONTEXT_WORDS = 6;

/** Beyond this many word-pairs the table is not worth building: show a plain replace. */
const MAX_CELLS = 4_000_000;

interface Token {
  text: string;
  key: string;
}

function tokens(text: string): Token[] {
  return text
    .split(/\s+/u)
    .filter((t) => t !== '')
    .map((t) => ({ text: t, key: normalizeStatementText(t) }));
}

function push(parts: DiffPart[], op: DiffPart['op'], text: string): void {
  const last = parts.at(-1);
  if (last && last.op === op) last.text += ` ${text}`;
  else parts.push({ op, text });
}

/**
 * The stretch [start, end) of the statement's words that the quote matches: all of it unless
 * the statement is longer than the quote by more than CONTEXT_WORDS words; then the window
 * of 1.5 times the quote's length holding most of the quote's words, trimmed to the first
 * and last of them.
 */
function matchedStretch(a: Token[], b: Token[]): [number, number] {
  if (b.length <= a.length + CONTEXT_WORDS) return [0, b.length];
  const keys = new Set(a.map((t) => t.key));
  const width = a.length + Math.ceil(a.length / 2);
  let count = 0;
  let best = -1;
  let bestStart = 0;
  for (let j = 0; j < b.length; j++) {
    if (keys.has(b[j]!.key)) count++;
    if (j >= width && keys.has(b[j - width]!.key)) count--;
    if (j >= width - 1 && count > best) {
      best = count;
      bestStart = j - width + 1;
    }
  }
  let start = bestStart;
  let end = bestStart + width;
  while (start < end && !keys.has(b[start]!.key)) start++;
  while (end > start && !keys.has(b[end - 1]!.key)) end--;
  return start === end ? [0, b.length] : [start, end];
}

/** Statement words shown as context: the `CONTEXT_WORDS` nearest the match, … for the rest. */
function context(words: Token[], side: 'before' | 'after'): DiffPart[] {
  if (words.length === 0) return [];
  const cut = words.length > CONTEXT_WORDS;
  const shown = (side === 'before' ? words.slice(-CONTEXT_WORDS) : words.slice(0, CONTEXT_WORDS)).map((t) => t.text).join(' ');
  return [{ op: 'context', text: !cut ? shown : side === 'before' ? `… ${shown}` : `${shown} …` }];
}

/**
 * What changed from `quote` to `statement`: `del` words are in the quote only, `ins` words
 * in the statement only; when the quote is a fragment of a longer statement, the words
 * outside the stretch it matches are `context` parts (matchedStretch).
 */
export function wordDiff(quote: string, statement: string): DiffPart[] {
  const a = tokens(quote);
  const all = tokens(statement);
  const [from, to] = matchedStretch(a, all);
  return [...context(all.slice(0, from), 'before'), ...diffTokens(a, all.slice(from, to)), ...context(all.slice(to), 'after')];
}

function diffTokens(a: Token[], b: Token[]): DiffPart[] {
  const parts: DiffPart[] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start]!.key === b[start]!.key) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1]!.key === b[endB - 1]!.key) {
    endA--;
    endB--;
  }
  for (let i = 0; i < start; i++) push(parts, 'same', b[i]!.text);
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) push(parts, 'del', a[i]!.text);
    for (let j = start; j < endB; j++) push(parts, 'ins', b[j]!.text);
  } else {
    // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB).
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = a[start + i]!.key === b[start + j]!.key
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i]!.key === b[start + j]!.key) {
        push(parts, 'same', b[start + j]!.text);
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
        push(parts, 'ins', b[start + j]!.text);
        j++;
      } else {
        push(parts, 'del', a[start + i]!.text);
        i++;
      }
    }
  }
  for (let j = endB; j < b.length; j++) push(parts, 'same', b[j]!.text);
  return parts;
}

/** The diff as HTML: every word escaped, changes in <ins>/<del>. */
export function diffToHtml(parts: DiffPart[]): string {
  const esc = Handlebars.Utils.escapeExpression;
  return parts
    .map((p) => (p.op === 'same' ? esc(p.text) : p.op === 'context' ? `<span class="context">${esc(p.text)}</span>` : `<${p.op}>${esc(p.text)}</${p.op}>`))
    .join(' ');
}
