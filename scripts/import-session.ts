// What `npm run import` and `npm run reextract` share: the database, the queue or inline
// processing, following an import's progress to its end, and the closing summary.
import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import { loadConfig } from '../src/config.ts';
import type { DbHandle } from '../src/db/connect.ts';
import { importProgress } from '../src/imports/imports.queries.ts';
import type { ImportProgress } from '../src/imports/imports.ts';
import { queuedRecordIds } from '../src/imports/import-records.queries.ts';
import { listProblemRecords, type ProblemRecord } from '../src/imports/import-list.queries.ts';
import type { RecordContext } from '../src/imports/process-record.ts';
import { startQueue, stopQueue } from '../src/imports/queue.ts';
import { runRecordInline } from '../src/imports/run-inline.ts';
import { createReaderPool, type ReaderPool } from '../src/ingest/reader-pool.ts';
import type { StoreTarget } from '../src/ingest/store-transaction.ts';
import { type CliCommand, openCliDatabase } from './cli-database.ts';
import { createProgressReporter, type ProgressReporter } from './import-progress.ts';

export interface ImportSession {
  handle: DbHandle & { store: StoreTarget };
  /** The queue, or null when records are processed here (--inline, or the embedded database). */
  boss: PgBoss | null;
  reporter: ProgressReporter;
  /** Processes records in this process (inline), RECORDS_AT_ONCE at a time; unused with a queue. */
  processInline(recordIds: number[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the database (openCliDatabase: exits 75 if the server holds the embedded one) and,
 * on a server unless `inline`, the queue. The embedded database is always inline (it is one
 * process: no worker can reach it), which is said on stderr.
 */
export async function openImportSession(command: CliCommand, inline: boolean): Promise<ImportSession> {
  const config = loadConfig();
  const handle = await openCliDatabase(command);
  const reporter = createProgressReporter();
  if (!inline && handle.kind === 'embedded') reporter.log('the embedded database is one process, so this runs inline (no workers)');
  const useQueue = !inline && handle.kind === 'postgres' && config.databaseUrl !== undefined;
  const boss = useQueue ? await startQueue(config.databaseUrl!, config.queue, { supervise: false, onError: (err) => reporter.log(`error: queue: ${err.message}`) }) : null;
  let readers: ReaderPool | null = null;
  const context = (): RecordContext => {
    readers ??= createReaderPool(config.readers, (err) => reporter.log(`error: reader thread: ${err.message}`));
    return { store: handle.store, readers };
  };
  const atOnce = Math.max(1, config.readers.workers);
  return {
    handle,
    boss,
    reporter,
    async processInline(recordIds) {
      const ctx = context();
      let next = 0;
      const lane = async () => {
        while (next < recordIds.length) await runRecordInline(ctx, recordIds[next++]!, config.queue);
      };
      await Promise.all(Array.from({ length: Math.min(atOnce, recordIds.length) }, lane));
    },
    async close() {
      reporter.stop();
      if (boss) await stopQueue(boss);
      await readers?.close();
      await handle.close();
    },
  };
}

/**
 * Follows import `importId` until it is finished, showing its progress; inline, first
 * processes the records still queued (left by a run that was killed). With a queue, says
 * once when nothing moved for 15 s (no worker running?). Returns its final counts and its
 * failed and rejected records (at most `errorLimit`).
 */
export async function followImport(session: ImportSession, importId: number, errorLimit = 10_000): Promise<{ progress: ImportProgress; errors: ProblemRecord[] }> {
  const db = session.handle.db;
  if (!session.boss) await session.processInline(await queuedRecordIds(db, importId));
  let lastDone = -1;
  let still = 0;
  for (;;) {
    const progress = (await importProgress(db, importId))!;
    session.reporter.update(progress);
    if (progress.finishedAt) return { progress, errors: await listProblemRecords(db, importId, errorLimit) };
    const done = progress.records - progress.queued;
    still = done === lastDone ? still + 1 : 0;
    lastDone = done;
    if (still === 30) session.reporter.log(`nothing stored for 15 s: is a worker running? Start one with npm run worker (on any machine with this DATABASE_URL); Ctrl-C stops waiting, the import goes on`);
    await sleep(500);
  }
}

/** A record's place for people: "file.jsonl:12" for a line, "file.warc.gz (record at byte 3412)", or the file. */
export function recordPlace(source: string, position: string): string {
  const line = /^line (\d+)$/.exec(position);
  if (line) return `${source}:${line[1]}`;
  return position ? `${source} (${position})` : source;
}
