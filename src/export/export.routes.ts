import { once } from 'node:events';
import { type Request, type Response, Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { InputError } from '../http/errors.ts';
import { fieldIssues } from '../http/parse-input.ts';
import { runSearch } from '../search/run-search.ts';
import { MAX_LIMIT, parseSearchParams } from '../search/search.ts';
import { DEFAULT_STYLE } from './citation.ts';
import { CsvRecords, csvWriter } from './csv-export.ts';
import { exportRowsByIds } from './export.queries.ts';

/** The parameters an export adds to the search's; the search's paging ones (cursor, limit, facets) do not apply. */
const EXPORT_KEYS = ['style', 'bom'] as const;
const PAGING_KEYS = ['cursor', 'limit', 'facets'];

/**
 * Splits an export's query string: its own parameters (checked against the known citation
 * styles) and the search's (parsed as GET /api/search parses them: 400 naming the field).
 */
function parseExportQuery(query: Record<string, unknown>, styles: string[]) {
  const own = z.strictObject({
    style: z.enum(styles as [string, ...string[]], { error: `must be one of: ${styles.join(', ')}` }).optional(),
    bom: z.enum(['0', '1'], { error: 'must be 0 or 1' }).optional(),
  });
  const mine: Record<string, unknown> = {};
  const search: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if ((EXPORT_KEYS as readonly string[]).includes(k)) mine[k] = v;
    else if (!PAGING_KEYS.includes(k)) search[k] = v;
  }
  const parsed = own.safeParse(mine);
  if (!parsed.success) throw new InputError(fieldIssues(parsed.error, 'query'), 400);
  const { params, values } = parseSearchParams(search);
  return { params: { ...params, limit: MAX_LIMIT, facets: false, cursor: undefined }, values, style: parsed.data.style ?? DEFAULT_STYLE, bom: parsed.data.bom === '1' };
}

/** Waits until `writer` drains or the response closes, leaving no listener behind on either. */
async function drainedOrGone(writer: NodeJS.EventEmitter, res: Response): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([once(writer, 'drain', { signal: stop.signal }), once(res, 'close', { signal: stop.signal })]);
  } finally {
    stop.abort();
  }
}

/**
 * GET /api/export.csv?<search parameters>&style=&bom=1: every statement the search finds, in
 * its order, one CSV row each (columns: CSV_COLUMNS), streamed page by page of the search
 * (MAX_LIMIT ids, then one query for their rows) with backpressure: memory stays flat
 * whatever the row count, and a client that goes away stops the export before its next page.
 * Without words or filters it exports every statement, newest first. With words and the
 * relevance order, the newest RELEVANCE_CANDIDATES matches come ranked (as the search shows
 * them), then every older match, newest first.
 */
export function exportRouter(db: Kysely<Database>, origin: string, styles: string[]): Router {
  const router = Router();

  router.get('/api/export.csv', async (req: Request, res: Response) => {
    const { params, style, bom } = parseExportQuery(req.query as Record<string, unknown>, styles);
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    const records = new CsvRecords(origin, style);
    const writer = csvWriter(bom);
    res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="verbatim-export.csv"');
    writer.pipe(res);
    const write = async (ids: number[]) => {
      for (const row of await exportRowsByIds(db, ids, req.user)) {
        if (!writer.write(records.record(row)) && !gone) await drainedOrGone(writer, res);
        if (gone) return;
      }
    };
    // The search's own pages, in its order.
    let cursor: string | undefined;
    let rankCapped = false;
    const ranked = new Set<number>();
    do {
      const page = await runSearch(db, { ...params, cursor }, { listAll: true });
      rankCapped ||= page.rankCapped;
      if (params.sort === 'relevance') for (const h of page.hits) ranked.add(h.id);
      await write(page.hits.map((h) => h.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && !gone);
    // Relevance ranks the newest RELEVANCE_CANDIDATES matches only (search.queries.ts): every
    // other match is older than all of them, and follows, newest first, so nothing is lost.
    if (rankCapped && !gone) {
      do {
        const page = await runSearch(db, { ...params, sort: 'newest', cursor }, { listAll: true });
        await write(page.hits.map((h) => h.id).filter((id) => !ranked.has(id)));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && !gone);
    }
    writer.end();
  });

  return router;
}
