import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { Database } from '../db/database.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { HttpError, NotFoundError } from '../http/errors.ts';
import { findImportRecord, type ProblemRecord } from './import-list.queries.ts';
import { requeueFailedRecord } from './import-records.queries.ts';
import type { RecordContext } from './process-record.ts';
import { runRecordInline } from './run-inline.ts';

/** A retry of a record that is not failed (stored, duplicate, rejected, or queued: being tried). */
export class RecordNotFailedError extends HttpError {
  constructor(record: ProblemRecord) {
    super(409, `Record ${record.id} of import ${record.importId} is ${record.state}, not failed: only a failed record can be retried.`);
  }
}

/**
 * The admin's Retry: puts failed record `recordId` of import `importId` back in the queue
 * (audited, in one transaction that locks the record, so two clicks retry it once) and
 * processes it at once in this process, with no further tries (a failure marks it failed
 * again, with the new error). Returns the record as it then is (state stored, duplicate or
 * failed). Throws NotFoundError if the import has no such record, RecordNotFailedError (409)
 * if it is not failed.
 *
 * The record is processed here rather than enqueued: the web process has no queue
 * connection, and the admin waits for one record's outcome (as the add-article form does).
 */
export async function retryFailedRecord(ctx: RecordContext, importId: number, recordId: number, userId: number): Promise<ProblemRecord> {
  const db: Kysely<Database> = ctx.store.db;
  await inWriteTransaction(db, async (trx) => {
    const before = await findImportRecord(trx, importId, recordId, true);
    if (!before) throw new NotFoundError(`Record ${recordId} of import ${importId}`);
    if (before.state !== 'failed') throw new RecordNotFailedError(before);
    await requeueFailedRecord(trx, recordId);
    await recordAudit(trx, { userId, action: 'retry', entityType: 'import_record', entityId: recordId, before, after: { ...before, state: 'queued', attempts: 0 } });
  });
  await runRecordInline(ctx, recordId, { retryLimit: 0, retryDelaySeconds: 0 });
  const after = await findImportRecord(db, importId, recordId);
  // Deleted meanwhile (its import was): nothing is left to show.
  if (!after) throw new NotFoundError(`Record ${recordId} of import ${importId}`);
  return after;
}
