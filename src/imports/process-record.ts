import { InputError } from '../http/errors.ts';
import { buildSubmission } from '../ingest/build-submission.ts';
import { type ArticleToIngest, ingestArticle, ingestArticles } from '../ingest/ingest-article.ts';
import type { ReaderPool } from '../ingest/reader-pool.ts';
import { reextractArticle } from '../ingest/reextract-article.ts';
import type { StoreTarget } from '../ingest/store-transaction.ts';
import { finishImportIfDone } from './imports.queries.ts';
import type { RecordOutcome } from './imports.ts';
import { findRecordsToProcess, findRecordToProcess, markRecordDuplicate, markRecords, markRecordStored, type RecordToProcess } from './import-records.queries.ts';

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

/** What became of one record of a batch: its outcome, or the error its try threw (see processImportRecord). */
export type BatchOutcome = { recordId: number; outcome: RecordOutcome } | { recordId: number; error: unknown };

async function processAlone(ctx: RecordContext, recordId: number): Promise<BatchOutcome> {
  try {
    return { recordId, outcome: await processImportRecord(ctx, recordId) };
  } catch (error) {
    return { recordId, error };
  }
}

/**
 * Processes several import records with the outcome processImportRecord would give each,
 * storing the new articles among them in ONE transaction (ingestArticles: each article as if
 * stored after the one before it, each record marked in the same transaction; their words
 * counted after the commit, so the store holds no counter row locks), which saves most of
 * the round trips, plans and commits a store costs. Records that are not new articles to
 * import (re-extractions, finished ones) go alone, as do records that fail to read (their
 * error returned, and given to `onError` before the others are stored). If the shared
 * store fails, nothing of it is stored and every one of its records is processed alone, so
 * a bad record fails alone and the others are stored. Returns one BatchOutcome per record,
 * in order; throws only if the database fails outside a record.
 */
export async function processImportRecords(
  ctx: RecordContext,
  recordIds: number[],
  /** Told each record's failed try as soon as it is known (a record that fails to read: before the others are stored), e.g. to fail its job at once. */
  onError?: (failed: { recordId: number; error: unknown }) => Promise<void>,
): Promise<BatchOutcome[]> {
  const outcomes = new Map<number, BatchOutcome>();
  const settle = async (outcome: BatchOutcome) => {
    outcomes.set(outcome.recordId, outcome);
    if ('error' in outcome) await onError?.(outcome);
  };
  if (recordIds.length <= 1) {
    for (const id of recordIds) await settle(await processAlone(ctx, id));
    return recordIds.map((id) => outcomes.get(id)!);
  }
  const db = ctx.store.db;
  const records = await findRecordsToProcess(db, recordIds);
  const isNew = (r: RecordToProcess) => r.kind === 'import' && (r.state === 'queued' || r.state === 'failed') && r.raw !== null;
  for (const r of records) if (!isNew(r)) await settle(await processAlone(ctx, r.id));
  const candidates = records.filter(isNew);
  const built = await Promise.allSettled(candidates.map((r) => buildSubmission(r.raw!, ctx.readers.readArticle)));
  const ready: { record: RecordToProcess; item: ArticleToIngest }[] = [];
  for (const [i, b] of built.entries()) {
    const record = candidates[i]!;
    if (b.status === 'rejected') await settle({ recordId: record.id, error: b.reason });
    else ready.push({ record, item: { built: b.value, actorId: record.createdBy, bodyField: record.raw!.body?.field ?? 'text' } });
  }
  if (ready.length) {
    try {
      const results = await ingestArticles(
        ctx.store,
        ready.map((r) => r.item),
        (trx, stored) => markRecords(trx, 'stored', stored.map(({ index, result }) => ({ recordId: ready[index]!.record.id, articleId: result.articleId, statementCount: result.statementCount }))),
        { deferWordCounts: true },
      );
      const duplicates = ready.flatMap(({ record }, i) => (results[i]!.created ? [] : [{ recordId: record.id, articleId: results[i]!.articleId, statementCount: 0 }]));
      await markRecords(db, 'duplicate', duplicates);
      ready.forEach(({ record }, i) => {
        const r = results[i]!;
        outcomes.set(record.id, { recordId: record.id, outcome: r.created ? { state: 'stored', articleId: r.articleId, statementCount: r.statementCount } : { state: 'duplicate', articleId: r.articleId } });
      });
    } catch {
      for (const { record } of ready) await settle(await processAlone(ctx, record.id));
    }
  }
  for (const importId of new Set(records.map((r) => r.importId))) await finishImportIfDone(db, importId);
  return recordIds.map((id) => outcomes.get(id) ?? { recordId: id, outcome: { state: 'gone' } });
}

/** A failed try's error for import_records: InputError's field and messages, else the error's message. */
export function describeFailure(err: unknown): { field: string | null; message: string } {
  if (err instanceof InputError) return { field: err.issues[0]?.field ?? null, message: err.issues.map((i) => i.message).join('; ') };
  return { field: null, message: err instanceof Error ? err.message : String(err) };
}
