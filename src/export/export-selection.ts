import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { listReviewQueue, type QueueQuery } from '../review/review-queue.ts';
import { runSearch } from '../search/run-search.ts';
import { fromFor, whereAll } from '../search/search.filters.ts';
import { dateConditions } from '../search/search.queries.ts';
import { resolveFilters } from '../search/search.resolve.ts';
import type { SearchParams } from '../search/search.ts';
import { EXPORT_PAGE, eachDatePage, type PageHandler, type RowSource } from './date-pages.ts';
import { exportRowsByIds } from './export.queries.ts';

/**
 * What an export holds: the statements a search finds (GET /api/search's parameters), or the
 * review queue's (GET /api/review's filters), in that listing's order.
 */
export type ExportSelection = { source: 'search'; params: SearchParams } | { source: 'review'; queue: QueueQuery };

export interface SelectionRead extends RowSource {
  selection: ExportSelection;
}

/** Whether a search lists nothing (no words in similar mode): runSearch's blank search, which an export of everything is not. */
const listsNothing = (p: SearchParams) => !p.q && p.mode === 'similar';

/** What listedIdPages saw of a search by relevance. */
interface Ranking {
  ranked: Set<number>;
  /** Relevance ranked only the newest RELEVANCE_CANDIDATES matches: older ones follow by date. */
  capped: boolean;
}

/**
 * The statement ids of a listing that pages by its own keyset, page after page: the review
 * queue, a search in similar mode, or the ranked part of a search by relevance (noted in
 * `ranking`). The search's pages are runSearch's, so the ids come as the search shows them.
 */
async function* listedIdPages(db: Kysely<Database>, selection: ExportSelection, ranking: Ranking): AsyncGenerator<number[]> {
  if (selection.source === 'review') {
    let after = selection.queue.after;
    do {
      const page = await listReviewQueue(db, { ...selection.queue, after, limit: EXPORT_PAGE });
      if (page.rows.length) yield page.rows.map((r) => r.statement_id);
      const last = page.rows.at(-1);
      after = page.next && last ? { confidence: last.confidence, statementId: last.statement_id } : undefined;
    } while (after);
    return;
  }
  const params = { ...selection.params, limit: EXPORT_PAGE, facets: false };
  if (listsNothing(params)) return;
  let cursor: string | undefined;
  do {
    const page = await runSearch(db, { ...params, cursor }, { listAll: true });
    ranking.capped ||= page.rankCapped;
    for (const h of page.hits) ranking.ranked.add(h.id);
    if (page.hits.length) yield page.hits.map((h) => h.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** A search read by date from one query (eachDatePage): text mode, by date; relevance's older matches. */
const byDate = (p: SearchParams) => p.mode === 'text' && p.sort !== 'relevance';

/**
 * Hands the selection's export rows to `onPage`, at most EXPORT_PAGE at a time, in its listing's
 * order, until they run out or onPage answers false. A search without words or filters holds
 * every statement, newest first. A search by date is read from one query (eachDatePage). A
 * search by relevance ranks only the newest RELEVANCE_CANDIDATES matches (search.queries.ts):
 * those come ranked, as the search shows them, then every older match, newest first, none
 * twice. Similar mode and the review queue come as their listings page them.
 */
export async function eachSelectionPage(read: SelectionRead, onPage: PageHandler): Promise<void> {
  const { db, selection, viewer } = read;
  if (selection.source === 'search' && byDate(selection.params)) {
    return eachDatePage(read, { ...selection.params, filters: await resolveFilters(db, selection.params.filters) }, null, onPage);
  }
  const ranking: Ranking = { ranked: new Set(), capped: false };
  for await (const ids of listedIdPages(db, selection, ranking)) {
    if (!(await onPage(await exportRowsByIds(db, ids, viewer)))) return;
  }
  if (!ranking.capped || selection.source !== 'search') return;
  const p = selection.params;
  await eachDatePage(read, { ...p, sort: 'newest', filters: await resolveFilters(db, p.filters) }, ranking.ranked, onPage);
}

/**
 * How many statements the selection holds (the export's `rows` line): one count for a search in
 * text mode (by date or by relevance, every match once), a pass over the listing's ids otherwise.
 */
export async function countSelection(db: Kysely<Database>, selection: ExportSelection): Promise<number> {
  if (selection.source === 'search' && selection.params.mode === 'text') {
    const p = { ...selection.params, filters: await resolveFilters(db, selection.params.filters) };
    const row = await sql<{ n: number }>`select count(*)::int as n from ${fromFor(p.filters, false, true)} ${whereAll(dateConditions(p, undefined))}`.execute(db);
    return row.rows[0]!.n;
  }
  let n = 0;
  for await (const ids of listedIdPages(db, selection, { ranked: new Set(), capped: false })) n += ids.length;
  return n;
}
