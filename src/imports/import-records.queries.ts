import { type Kysely, sql } from 'kysely';
import type { Database, ImportRecordState } from '../db/database.ts';
import type { RawArticle } from '../ingest/build-submission.ts';

/** What a worker needs to process one record (with its import's kind and owner). */
export interface RecordToProcess {
  id: number;
  importId: number;
  kind: 'import' | 'reextract';
  state: ImportRecordState;
  raw: RawArticle | null;
  articleId: number | null;
  /** Statements stored for it (0 until stored). */
  statementCount: number;
  createdBy: number | null;
}

/** The records to process, in the order of `recordIds` (those that no longer exist left out). One query. */
export async function findRecordsToProcess(db: Kysely<Database>, recordIds: number[]): Promise<RecordToProcess[]> {
  if (recordIds.length === 0) return [];
  const rows = await db
    .selectFrom('import_records as r')
    .innerJoin('imports as i', 'i.id', 'r.import_id')
    .select(['r.id', 'r.import_id', 'i.kind', 'r.state', 'r.raw', 'r.article_id', 'r.statement_count', 'i.created_by'])
    .where('r.id', '=', sql<number>`any(${recordIds}::int[])`)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return recordIds.flatMap((id) => {
    const row = byId.get(id);
    return row
      ? [{ id: row.id, importId: row.import_id, kind: row.kind, state: row.state, raw: row.raw as RawArticle | null, articleId: row.article_id, statementCount: row.statement_count, createdBy: row.created_by }]
      : [];
  });
}

export async function findRecordToProcess(db: Kysely<Database>, recordId: number): Promise<RecordToProcess | undefined> {
  return (await findRecordsToProcess(db, [recordId]))[0];
}

// A record is finished once: a second run of the same record (a job that expired while its
// worker still ran, or a retry racing a late worker) finds it finished and changes nothing.
const UNFINISHED: ImportRecordState[] = ['queued', 'failed'];

/** What a finished record points at: its article, and the statements stored for it (0 for a duplicate). */
export interface RecordMark {
  recordId: number;
  articleId: number;
  statementCount: number;
}

/**
 * Marks records stored, or duplicates of a stored article, in one statement (a store marks
 * its records inside its transaction: both land or neither). The raw records are dropped:
 * the articles hold them now.
 */
export async function markRecords(db: Kysely<Database>, state: 'stored' | 'duplicate', marks: RecordMark[]): Promise<void> {
  if (marks.length === 0) return;
  await sql`
    update import_records r set state = ${state}, article_id = m.article_id, statement_count = m.statement_count,
      raw = null, error = null, error_field = null, finished_at = now()
    from unnest(${marks.map((m) => m.recordId)}::int[], ${marks.map((m) => m.articleId)}::int[], ${marks.map((m) => m.statementCount)}::int[])
      as m(id, article_id, statement_count)
    where r.id = m.id and r.state = any(${UNFINISHED}::text[])`.execute(db);
}

/** Marks a record stored (markRecords). */
export async function markRecordStored(db: Kysely<Database>, recordId: number, articleId: number, statementCount: number): Promise<void> {
  await markRecords(db, 'stored', [{ recordId, articleId, statementCount }]);
}

/** Marks a record a duplicate of a stored article (nothing was stored for it). */
export async function markRecordDuplicate(db: Kysely<Database>, recordId: number, articleId: number): Promise<void> {
  await markRecords(db, 'duplicate', [{ recordId, articleId, statementCount: 0 }]);
}

/** Counts a failed try and keeps its error (the record stays queued for the next). */
export async function noteRecordAttempt(db: Kysely<Database>, recordId: number, error: { field: string | null; message: string }): Promise<void> {
  await db
    .updateTable('import_records')
    .set({ attempts: sql`attempts + 1`, error: error.message.slice(0, 2000), error_field: error.field })
    .where('id', '=', recordId)
    .where('state', '=', 'queued')
    .execute();
}

/** Its tries are used up: failed, with the last try's error (or `fallback` if none was noted: its worker died each time). */
export async function markRecordFailed(db: Kysely<Database>, recordId: number, fallback: string): Promise<void> {
  await db
    .updateTable('import_records')
    .set({ state: 'failed', error: sql`coalesce(error, ${fallback})`, finished_at: sql`now()` })
    .where('id', '=', recordId)
    .where('state', '=', 'queued')
    .execute();
}

/** A retry of a failed record failed too: counts the try and keeps its error (the record stays failed). */
export async function noteFailedRetry(db: Kysely<Database>, recordId: number, error: { field: string | null; message: string }): Promise<void> {
  await db
    .updateTable('import_records')
    .set({ attempts: sql`attempts + 1`, error: error.message.slice(0, 2000), error_field: error.field, finished_at: sql`now()` })
    .where('id', '=', recordId)
    .where('state', '=', 'failed')
    .execute();
}

/** The ids of an import's records still queued, in the order read (an inline import resumed after a crash processes them). */
export async function queuedRecordIds(db: Kysely<Database>, importId: number): Promise<number[]> {
  const rows = await db.selectFrom('import_records').select('id').where('import_id', '=', importId).where('state', '=', 'queued').orderBy('id').execute();
  return rows.map((r) => r.id);
}
