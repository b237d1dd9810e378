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

/**
 * Rows are encoded and written this many at a time: some tens of KB of text, rather than a
 * page's MB as one string; many enough that csv-stringify's per-call cost (it normalises its
 * options on every call) and the socket's per-write cost are spread (scripts/bench-export.ts).
 */
const ROWS_PER_WRITE = 128;

/**
 * Resolves when `out` can take more, or when `signal` aborts; leaves no listener behind. Plain
 * listeners: events.once with an AbortSignal builds an AbortError (with its stack) every time
 * it is cancelled, once per wait (a CPU profile of a 1M-row export: 0.7 s).
 */
function drained(out: Writable, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    signal?.addEventListener('abort', done);
  });
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
    for (let i = 0; i < rows.length && !signal?.aborted; i += ROWS_PER_WRITE) await send(encoder.rows(rows.slice(i, i + ROWS_PER_WRITE)));
    written += rows.length;
    onProgress?.(written);
    return !signal?.aborted;
  });
  if (!signal?.aborted) await send(encoder.tail());
  return written;
}
