import type { Segment } from '../articles/article.presenter.ts';

/**
 * The text of the article body that the page's pieces (`[data-start]`) leave out: the blank
 * lines between paragraphs (and any blanks before the first), as
 * `{ "<code-point offset>": "<text>" }`. With the pieces it rebuilds the body exactly, so the
 * passage-selection script (views/static/annotate.js) can take a selection's prefix and
 * suffix across a paragraph break without a second copy of the body in the page.
 */
export function bodyGaps(bodyText: string, paragraphs: Segment[][]): Record<string, string> {
  const points = Array.from(bodyText);
  const gaps: Record<string, string> = {};
  let covered = 0;
  for (const piece of paragraphs.flat()) {
    if (piece.start > covered) gaps[String(covered)] = points.slice(covered, piece.start).join('');
    covered = Math.max(covered, piece.start + Array.from(piece.text).length);
  }
  if (covered < points.length) gaps[String(covered)] = points.slice(covered).join('');
  return gaps;
}
