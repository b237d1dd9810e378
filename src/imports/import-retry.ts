import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { Database } from '../db/database.ts';
import { HttpError, NotFoundError } from '../http/errors.ts';
import { findImportRecord, type ProblemRecord } from './import-list.queries.ts';
import { noteFailedRetry } from './import-records.queries.ts';
import { describeFailure, processImportRecord, type RecordContext } from './process-record.ts';

/** A retry of a record that is not failed (stored, duplicate, rejected, or queued: being tried). */
export class RecordNotFailedError extends HttpError {
  constructor(record: ProblemRecord) {
    super(409, `Record ${record.id} of import ${record.importId} is ${record.state}, not failed: only a failed record can be retried.`);
  }
}

/**
 * The admin's Retry: processes failed record `recordId` of import `importId` again, at once,
 * in this process, with no further tries. The record stays `failed` until the store commits,
 * which marks it stored (or duplicate) in the same transaction; a failure counts the try and
 * keeps the new error. So no crash of this process can leave it queued with no job to run
 * it, and two clicks at once store it once (the second finds it stored). Audited with the
 * record before and after. Returns the record as it then is. Throws NotFoundError if the
 * import has no such record, RecordNotFailedError (409) if it is not failed.
 *
 * The record is processed here rather than enqueued: the web process has no queue
 * connection, and the admin waits for one record's outcome (as the add-article form does).
 */
export async function retryFailedRecord(ctx: RecordContext, importId: number, recordId: number, userId: number): Promise<ProblemRecord> {
  const db: Kysely<Database> = ctx.store.db;
  const before = await findImportRecord(db, importId, recordId);
  if (!before) throw new NotFoundError(`Record ${recordId} of import ${importId}`);
  if (before.state !== 'failed') throw new RecordNotFailedError(before);
  try {
    await processImportRecord(ctx, recordId);
  } catch (err) {
    await noteFailedRetry(db, recordId, describeFailure(err));
  }
  const after = await findImportRecord(db, importId, recordId);
  // Deleted meanwhile (its import was): nothing is left to show.
  if (!after) throw new NotFoundError(`Record ${recordId} of import ${importId}`);
  await recordAudit(db, { userId, action: 'retry', entityType: 'import_record', entityId: recordId, before, after });
  return after;
}
