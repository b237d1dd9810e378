import { setTimeout as sleep } from 'node:timers/promises';
import { finishImportIfDone } from './imports.queries.ts';
import type { RecordOutcome } from './imports.ts';
import { findRecordToProcess, markRecordFailed, noteRecordAttempt } from './import-records.queries.ts';
import { describeFailure, processImportRecord, type RecordContext } from './process-record.ts';

/** How many more tries a record gets in this process, and the first pause between them (s), doubled for each next. */
export interface InlineRetries {
  retryLimit: number;
  retryDelaySeconds: number;
}

/**
 * Processes one record in this process (`npm run import -- --inline`, the embedded database,
 * and the admin page's retry button), with the queue's rule for failures: each failed try is
 * noted on the record, and after `retryLimit` retries it is marked failed with the last
 * error (returned as { state: 'failed' }). Never throws for the record's own fault; throws
 * only if the database cannot be written.
 */
export async function runRecordInline(ctx: RecordContext, recordId: number, retries: InlineRetries): Promise<RecordOutcome> {
  const db = ctx.store.db;
  for (let attempt = 0; ; attempt++) {
    try {
      return await processImportRecord(ctx, recordId);
    } catch (err) {
      const failure = describeFailure(err);
      await noteRecordAttempt(db, recordId, failure);
      if (attempt >= retries.retryLimit) {
        await markRecordFailed(db, recordId, failure.message);
        const record = await findRecordToProcess(db, recordId);
        if (record) await finishImportIfDone(db, record.importId);
        return { state: 'failed', error: failure.message };
      }
      await sleep(retries.retryDelaySeconds * 1000 * 2 ** attempt);
    }
  }
}
