import { type Kysely, sql } from 'kysely';
import type { SessionUser } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';
import { nextDateCursor } from '../search/run-search.ts';
import type { Cursor } from '../search/search.cursor.ts';
import type { SearchParams } from '../search/search.ts';
import { completeRows, dateOrderedStatements, type ExportRow, type StatementPart } from './export.queries.ts';

/**
 * Rows per page of an export: "pages of a few thousand rows" (issue #11). 2,000 rows of CSV are
 * about 1 MB; a page of the embedded database holds its one session for some tens of ms.
 */
export const EXPORT_PAGE = 2000;

/** Takes one page of export rows; answers false to stop the export (the reader went away). */
export type PageHandler = (rows: ExportRow[]) => Promise<boolean>;

/** Where an export's rows are read from, and for whom. */
export interface RowSource {
  db: Kysely<Database>;
  /** Whose export: annotation columns count what this user may see (none: shared ones only). */
  viewer: SessionUser | undefined;
  /**
   * Read a date-ordered search through one server-side cursor (a real server: the export then
   * holds one connection and one read-only snapshot for its length). False: page by keyset, one
   * short query a page (the embedded database, whose one session every request shares).
   */
  serverCursor: boolean;
}

/** The name of an export's cursor; each export declares it in a transaction of its own. */
const CURSOR = sql.raw('export_rows');

/**
 * Hands the export rows of search `p` (filters resolved, text mode) in its date order to
 * `onPage`, EXPORT_PAGE at a time, leaving out the statements in `skip`, until they run out or
 * onPage answers false. With a server cursor, Postgres plans the query once for a fast start
 * (cursor_tuple_fraction) and the next page is fetched while this one is written; without, each
 * page starts after the last one's sort key. Either way nothing runs on the server once onPage
 * has answered false: the cursor's transaction ends (a fetch in flight ends first).
 */
export async function eachDatePage(source: RowSource, p: SearchParams, skip: Set<number> | null, onPage: PageHandler): Promise<void> {
  const { db, viewer } = source;
  const keep = (rows: StatementPart[]) => (skip ? rows.filter((r) => !skip.has(r.id)) : rows);
  if (!source.serverCursor) {
    const articles = new Map();
    let cursor: Cursor | undefined;
    for (;;) {
      const rows = (await dateOrderedStatements(p, cursor, EXPORT_PAGE, true).execute(db)).rows;
      const last = rows.at(-1);
      if (!last || !(await onPage(await completeRows(db, keep(rows), viewer, articles))) || rows.length < EXPORT_PAGE) return;
      cursor = nextDateCursor(p, last);
    }
  }
  await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
    await sql`declare ${CURSOR} no scroll cursor for ${dateOrderedStatements(p, undefined, null, false)}`.execute(trx);
    const fetchPage = () => sql<StatementPart>`fetch ${sql.raw(String(EXPORT_PAGE))} from ${CURSOR}`.execute(trx).then((r) => r.rows);
    const articles = new Map();
    let next: Promise<StatementPart[]> | null = fetchPage();
    try {
      while (next) {
        const rows: StatementPart[] = await next;
        const page = completeRows(trx, keep(rows), viewer, articles);
        // Postgres reads the next page (queued behind this page's two small queries) while
        // this one is encoded and written.
        next = rows.length === EXPORT_PAGE ? fetchPage() : null;
        if (!(await onPage(await page))) break;
      }
    } finally {
      await next?.catch(() => {});
    }
  });
}
