import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listReviewQueue, type QueueQuery } from '../review/review-queue.ts';
import { runSearch } from '../search/run-search.ts';
import type { SearchParams } from '../search/search.ts';

/**
 * What an export holds: the statements a search finds (GET /api/search's parameters), or the
 * review queue's (GET /api/review's filters), in that listing's order.
 */
export type ExportSelection = { source: 'search'; params: SearchParams } | { source: 'review'; queue: QueueQuery };

/** How many statement ids one page of the selection holds (the search's own largest page). */
export const SELECTION_PAGE = 100;

/**
 * The selection's statement ids, page after page, in its listing's order, each page read by
 * keyset (the search's cursor or the queue's), so nothing is held between pages and the same
 * code runs on PostgreSQL and on the embedded database. Stop early by breaking out of the loop.
 * A search without words or filters yields every statement, newest first. A search by
 * relevance ranks only the newest RELEVANCE_CANDIDATES matches (search.queries.ts): those come
 * ranked, as the search shows them, then every older match, newest first, none twice.
 */
export async function* selectionIdPages(db: Kysely<Database>, selection: ExportSelection): AsyncGenerator<number[]> {
  if (selection.source === 'review') {
    let after = selection.queue.after;
    do {
      const page = await listReviewQueue(db, { ...selection.queue, after, limit: SELECTION_PAGE });
      if (page.rows.length) yield page.rows.map((r) => r.statement_id);
      const last = page.rows.at(-1);
      after = page.next && last ? { confidence: last.confidence, statementId: last.statement_id } : undefined;
    } while (after);
    return;
  }
  const params = { ...selection.params, limit: SELECTION_PAGE, facets: false };
  let cursor: string | undefined;
  let rankCapped = false;
  const ranked = new Set<number>();
  do {
    const page = await runSearch(db, { ...params, cursor }, { listAll: true });
    rankCapped ||= page.rankCapped;
    if (params.sort === 'relevance') for (const h of page.hits) ranked.add(h.id);
    if (page.hits.length) yield page.hits.map((h) => h.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (!rankCapped) return;
  do {
    const page = await runSearch(db, { ...params, sort: 'newest', cursor }, { listAll: true });
    const older = page.hits.map((h) => h.id).filter((id) => !ranked.has(id));
    if (older.length) yield older;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** How many statements the selection holds (a pass over its ids; the export's `rows` line). */
export async function countSelection(db: Kysely<Database>, selection: ExportSelection): Promise<number> {
  let n = 0;
  for await (const ids of selectionIdPages(db, selection)) n += ids.length;
  return n;
}
