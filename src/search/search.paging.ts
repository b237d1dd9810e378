import { type Cursor, encodeCursor } from './search.cursor.ts';

// One page of a keyset-paged listing, either way: forward (after the cursor's row) or back
// (before it). The queries fetch limit + 1 rows walking away from the cursor (back: in
// reverse order); this turns them into the page in listing order and the cursors around it.

/** Where a page sits and how to leave it. */
export interface PagePlace {
  /** Position (0-based) of the page's first row in the listing; null when the cursor did not carry it. */
  start: number | null;
  /** Cursor of the page after this one; null on the last page. */
  nextCursor: string | null;
  /** Whether there is a page before this one, and its cursor (null: the first page, which needs none). */
  hasPrev: boolean;
  prevCursor: string | null;
}

/** Whether the cursor opens a page going back. */
export function goesBack(cursor: Cursor | undefined): boolean {
  return cursor?.d === 'b';
}

/**
 * Cuts a page from `fetched` (at most limit + 1 rows, walking away from the cursor) and
 * places it. `keyOf(row)` is the row's sort key as a cursor without position or direction.
 * Going back, the row after the page (the cursor's) is taken to still exist.
 */
export function placePage<T>(fetched: T[], cursor: Cursor | undefined, limit: number, keyOf: (row: T) => Cursor): { rows: T[] } & PagePlace {
  const back = goesBack(cursor);
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (back) rows.reverse();
  const start = cursor === undefined ? 0 : cursor.o ?? null;
  const first = rows[0];
  const last = rows.at(-1);
  const hasNext = back ? rows.length > 0 : more;
  const hasPrev = back ? more || (start ?? 0) > 0 : cursor !== undefined;
  const at = (row: T, o: number | null, d?: 'b') => encodeCursor({ ...keyOf(row), ...(o === null ? {} : { o }), ...(d ? { d } : {}) });
  return {
    rows,
    start,
    nextCursor: hasNext && last ? at(last, start === null ? null : start + rows.length) : null,
    hasPrev,
    // Back to the first page: the plain URL, so it is exactly page 1 however the data moved.
    prevCursor: hasPrev && first && !(start !== null && start - limit <= 0) ? at(first, start === null ? null : start - limit, 'b') : null,
  };
}
