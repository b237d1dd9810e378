import Handlebars from 'handlebars';
import { normalizeStatementText } from '../statements/normalize.ts';

// Word-level diff between a pasted quote and a stored statement (longest common
// subsequence over words). Words compare by their normalized form, so case, accents and
// punctuation do not count as changes; they are shown as printed in the statement.

export interface DiffPart {
  op: 'same' | 'ins' | 'del';
  text: string;
}

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
 * What changed from `quote` to `statement`: `del` words are in the quote only, `ins` words
 * in the statement only.
 */
export function wordDiff(quote: string, statement: string): DiffPart[] {
  const a = tokens(quote);
  const b = tokens(statement);
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
    .map((p) => (p.op === 'same' ? esc(p.text) : `<${p.op}>${esc(p.text)}</${p.op}>`))
    .join(' ');
}
