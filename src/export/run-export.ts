import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';
import type { ExportFormat, ExportOptions } from './export-format.ts';
import { eachSelectionPage, type ExportSelection } from './export-selection.ts';

export interface ExportRun {
  db: Kysely<Database>;
  selection: ExportSelection;
  format: ExportFormat;
  options: ExportOptions;
  /** Whose export: annotation columns count what this user may see (none: shared ones only). */
  viewer: SessionUser | undefined;
  /** Read through one server-side cursor (DbHandle kind 'postgres'), else by keyset pages (the embedded database): RowSource.serverCursor. */
  serverCursor?: boolean;
  /** Aborted when the reader has gone (a closed response): the export stops before its next query. */
  signal?: AbortSignal;
  /** Called after each page is written, with the number of rows written so far. */
  onProgress?: (rows: number) => void;
}

/** Resolves when `out` can take more, or when `signal` aborts; leaves no listener behind. */
async function drained(out: Writable, signal: AbortSignal | undefined): Promise<void> {
  const stop = new AbortController();
  const waits = [once(out, 'drain', { signal: stop.signal })];
  if (signal) waits.push(once(signal, 'abort', { signal: stop.signal }));
  try {
    await Promise.race(waits);
  } finally {
    stop.abort();
  }
}

/**
 * Writes the selection to `out` in `format`, page by page (eachSelectionPage), waiting whenever
 * `out` is full: memory stays flat whatever the row count. Does not end `out`. Returns the
 * number of rows written (fewer than the selection holds when `signal` aborted: then no query
 * of the export is left running). Query errors reject.
 */
export async function writeExport(run: ExportRun, out: Writable): Promise<number> {
  const { db, selection, format, options, viewer, signal, onProgress } = run;
  const encoder = format.encoder(options, db);
  let written = 0;
  const send = async (text: string) => {
    if (text && !out.write(text) && !signal?.aborted) await drained(out, signal);
  };
  await send(encoder.head());
  await eachSelectionPage({ db, selection, viewer, serverCursor: run.serverCursor ?? false }, async (rows) => {
    if (signal?.aborted) return false;
    await encoder.prepare?.(rows);
    let text = '';
    for (const row of rows) text += encoder.row(row);
    await send(text);
    written += rows.length;
    onProgress?.(written);
    return !signal?.aborted;
  });
  if (!signal?.aborted) await send(encoder.tail());
  return written;
}
