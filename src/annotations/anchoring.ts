import type { FieldIssue } from '../http/errors.ts';
import { CONTEXT_CHARS, type SelectorInput, type StoredSelector } from './annotations.ts';

// Anchoring an annotation to a passage of an article's body text, as Hypothesis does: a
// W3C TextPositionSelector (start, end) and a TextQuoteSelector (exact, prefix, suffix).
// Every offset counts Unicode code points; the body is handled as an array of code points.

/** The body text as code points (one string per code point), built once per article. */
export function codePointsOf(body: string): string[] {
  return Array.from(body);
}

const join = (points: string[], from: number, to: number) => points.slice(Math.max(0, from), Math.max(0, to)).join('');

/**
 * Checks a submitted selector against the article body and completes it: the span must lie
 * inside the body, `exact` must be the body's text at start..end, and `prefix`/`suffix`
 * (at most 32 code points) must be the text just before/after it. An omitted prefix or
 * suffix is taken from the body (32 code points). Returns the stored selector, or the
 * problems, each naming its field (`selector.end`, `selector.exact`, ...).
 */
export function verifySelector(body: string[], s: SelectorInput): { selector: StoredSelector } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (s.end > body.length) {
    return { issues: [{ field: 'selector.end', message: `the span ${s.start}..${s.end} is outside the article (its text has ${body.length} characters)` }] };
  }
  if (join(body, s.start, s.end) !== s.exact) {
    issues.push({ field: 'selector.exact', message: `does not match the article text at ${s.start}..${s.end}` });
  }
  const prefix = s.prefix ?? join(body, s.start - CONTEXT_CHARS, s.start);
  const suffix = s.suffix ?? join(body, s.end, s.end + CONTEXT_CHARS);
  const prefixLength = Array.from(prefix).length;
  const suffixLength = Array.from(suffix).length;
  if (prefixLength > CONTEXT_CHARS) issues.push({ field: 'selector.prefix', message: `must be at most ${CONTEXT_CHARS} characters` });
  else if (join(body, s.start - prefixLength, s.start) !== prefix) issues.push({ field: 'selector.prefix', message: 'is not the text just before the passage' });
  if (suffixLength > CONTEXT_CHARS) issues.push({ field: 'selector.suffix', message: `must be at most ${CONTEXT_CHARS} characters` });
  else if (join(body, s.end, s.end + suffixLength) !== suffix) issues.push({ field: 'selector.suffix', message: 'is not the text just after the passage' });
  return issues.length ? { issues } : { selector: { exact: s.exact, prefix, suffix, start: s.start, end: s.end } };
}

/** The W3C selectors of a known span (a statement's), with 32 code points of context. */
export function selectorAt(body: string[], start: number, end: number): StoredSelector {
  return { exact: join(body, start, end), prefix: join(body, start - CONTEXT_CHARS, start), suffix: join(body, end, end + CONTEXT_CHARS), start, end };
}

/**
 * Where a stored passage is in the body now: `anchored` when the position still holds the
 * quote; else `reanchored` at the occurrence of `exact` nearest the old position, preferring
 * occurrences whose prefix and suffix also match; else `orphaned` (the words are gone).
 */
export type Anchor = { state: 'anchored' | 'reanchored'; start: number; end: number } | { state: 'orphaned' };

export function anchorSelector(body: string[], s: StoredSelector): Anchor {
  if (s.end <= body.length && join(body, s.start, s.end) === s.exact) return { state: 'anchored', start: s.start, end: s.end };
  const text = body.join('');
  const exactLength = Array.from(s.exact).length;
  const prefixLength = Array.from(s.prefix).length;
  const suffixLength = Array.from(s.suffix).length;
  // indexOf works in UTF-16 units: map each hit back to code points through a running count.
  let best: { start: number; score: number; distance: number } | undefined;
  let unit = 0;
  let point = 0;
  for (let hit = text.indexOf(s.exact); hit >= 0; hit = text.indexOf(s.exact, hit + 1)) {
    point += Array.from(text.slice(unit, hit)).length;
    unit = hit;
    const start = point;
    const end = start + exactLength;
    const score = Number(join(body, start - prefixLength, start) === s.prefix) + Number(join(body, end, end + suffixLength) === s.suffix);
    const distance = Math.abs(start - s.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start, score, distance };
  }
  return best ? { state: 'reanchored', start: best.start, end: best.start + exactLength } : { state: 'orphaned' };
}
