import type { Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import { addImportRecords, markReadFinished } from './imports.queries.ts';
import type { ReadRecord } from './imports.ts';
import { enqueueRecords } from './queue.ts';

/** Records written per transaction (with their jobs): big enough to amortize the commit, small enough to lose little to a crash. */
export const RECORDS_PER_BATCH = 200;

export interface EnqueueOptions {
  /** The queue to put jobs on; null: inline, the caller processes each batch's records itself (onQueued). */
  boss: PgBoss | null;
  /** Each bad record, as read (the CLI prints it and writes it to --errors). */
  onRejected?: (record: Extract<ReadRecord, { error: unknown }>) => void;
  /** The ids of each batch's newly queued records, after their transaction committed. */
  onQueued?: (recordIds: number[]) => Promise<void>;
}

/**
 * Reads `records` into import `importId`, RECORDS_PER_BATCH at a time, each batch in one
 * transaction with its pg-boss jobs: a crash loses at most the batch in hand, and reading
 * the same inputs again skips every record already there (addImportRecords), so a resumed
 * import neither misses nor repeats one. Marks the import read when the records end.
 * Returns how many records were read in this run (rejected ones included).
 */
export async function enqueueImport(db: Kysely<Database>, importId: number, records: AsyncIterable<ReadRecord>, options: EnqueueOptions): Promise<number> {
  let batch: ReadRecord[] = [];
  let read = 0;
  const flush = async () => {
    const records = batch;
    batch = [];
    const ids = await db.transaction().execute(async (trx) => {
      const queued = await addImportRecords(trx, importId, records);
      if (options.boss) await enqueueRecords(options.boss, trx, queued);
      return queued;
    });
    if (options.onQueued && ids.length) await options.onQueued(ids);
  };
  for await (const record of records) {
    read++;
    if ('error' in record) options.onRejected?.(record);
    batch.push(record);
    if (batch.length >= RECORDS_PER_BATCH) await flush();
  }
  if (batch.length) await flush();
  await markReadFinished(db, importId);
  return read;
}
