import { InputError } from '../http/errors.ts';
import { buildSubmission } from '../ingest/build-submission.ts';
import { ingestArticle } from '../ingest/ingest-article.ts';
import type { ReaderPool } from '../ingest/reader-pool.ts';
import { reextractArticle } from '../ingest/reextract-article.ts';
import type { StoreTarget } from '../ingest/store-transaction.ts';
import { finishImportIfDone } from './imports.queries.ts';
import type { RecordOutcome } from './imports.ts';
import { findRecordToProcess, markRecordDuplicate, markRecordStored } from './import-records.queries.ts';

/** Where records are processed: the store's pool and the threads that read and extract. */
export interface RecordContext {
  store: StoreTarget;
  readers: Pick<ReaderPool, 'readArticle' | 'extract'>;
}

/**
 * Stores one import record (or re-extracts its article), marking the record in the same
 * transaction, so a crash at any moment leaves either both or neither. A record already
 * finished (stored, duplicate, rejected) is left as it is and its state returned: running
 * a record twice is harmless. A duplicate of a stored article (content hash or canonical
 * URL) is marked so. Throws whatever reading or storing throws (InputError for a page over
 * its time budget or a store over its statement timeout; anything else for a fault): the
 * caller counts the try (noteRecordAttempt) and retries or fails the record.
 */
export async function processImportRecord(ctx: RecordContext, recordId: number): Promise<RecordOutcome> {
  const db = ctx.store.db;
  const record = await findRecordToProcess(db, recordId);
  if (!record) return { state: 'gone' };
  if (record.state === 'stored' || record.state === 'duplicate') {
    // Its worker may have died between the store's commit and finishing the import: if this
    // was the import's last record, this retry of its job is the only one left to finish it.
    await finishImportIfDone(db, record.importId);
    // Its article may have been deleted since (article_id set null): 0 says so.
    const articleId = record.articleId ?? 0;
    return record.state === 'stored' ? { state: 'stored', articleId, statementCount: record.statementCount } : { state: 'duplicate', articleId };
  }
  if (record.state === 'rejected') return { state: 'rejected', error: 'rejected when read' };
  let outcome: RecordOutcome;
  if (record.kind === 'reextract') {
    if (record.articleId === null) throw new InputError([{ field: 'article', message: 'the article was deleted before it was re-extracted' }]);
    const r = await reextractArticle(ctx.store, record.articleId, ctx.readers, (trx, result) =>
      markRecordStored(trx, record.id, result.articleId, result.added));
    outcome = { state: 'stored', articleId: r.articleId, statementCount: r.added };
  } else {
    if (!record.raw) throw new InputError([{ field: 'record', message: 'the record holds no article' }]);
    const built = await buildSubmission(record.raw, ctx.readers.readArticle);
    const r = await ingestArticle(ctx.store, built, record.createdBy, record.raw.body?.field, (trx, result) =>
      markRecordStored(trx, record.id, result.articleId, result.statementCount));
    if (r.created) outcome = { state: 'stored', articleId: r.articleId, statementCount: r.statementCount };
    else {
      await markRecordDuplicate(db, record.id, r.articleId);
      outcome = { state: 'duplicate', articleId: r.articleId };
    }
  }
  await finishImportIfDone(db, record.importId);
  return outcome;
}

/** A failed try's error for import_records: InputError's field and messages, else the error's message. */
export function describeFailure(err: unknown): { field: string | null; message: string } {
  if (err instanceof InputError) return { field: err.issues[0]?.field ?? null, message: err.issues.map((i) => i.message).join('; ') };
  return { field: null, message: err instanceof Error ? err.message : String(err) };
}
