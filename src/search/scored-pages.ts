import type { Cursor } from './search.cursor.ts';

// Near-verbatim results are scored in memory (at most SIMILAR_CANDIDATES rows), so their
// pages are cut here rather than in SQL.

/** The rows after the cursor's position (score and id of the last row shown). */
export function afterCursor<T extends { id: number }>(sorted: T[], cursor: Cursor | undefined, score: (row: T) => number): T[] {
  if (!cursor || (cursor.s !== 'relevance' && cursor.s !== 'similar')) return sorted;
  const r = Number(cursor.r);
  return sorted.filter((row) => score(row) < r || (score(row) === r && row.id < cursor.id));
}

/** The rows before the cursor's position, in the sorted order (a page back takes the last ones). */
export function beforeCursor<T extends { id: number }>(sorted: T[], cursor: Cursor | undefined, score: (row: T) => number): T[] {
  if (!cursor || (cursor.s !== 'relevance' && cursor.s !== 'similar')) return [];
  const r = Number(cursor.r);
  return sorted.filter((row) => score(row) > r || (score(row) === r && row.id > cursor.id));
}
