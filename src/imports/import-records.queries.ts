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

export async function findRecordToProcess(db: Kysely<Database>, recordId: number): Promise<RecordToProcess | undefined> {
  const row = await db
    .selectFrom('import_records as r')
    .innerJoin('imports as i', 'i.id', 'r.import_id')
    .select(['r.id', 'r.import_id', 'i.kind', 'r.state', 'r.raw', 'r.article_id', 'r.statement_count', 'i.created_by'])
    .where('r.id', '=', recordId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, importId: row.import_id, kind: row.kind, state: row.state, raw: row.raw as RawArticle | null, articleId: row.article_id, statementCount: row.statement_count, createdBy: row.created_by };
}

// A record is finished once: a second run of the same record (a job that expired while its
// worker still ran, or a retry racing a late worker) finds it finished and changes nothing.
const UNFINISHED: ImportRecordState[] = ['queued', 'failed'];

/** Marks a record stored (inside the store's transaction: both land or neither). The raw record is dropped: the article holds it now. */
export async function markRecordStored(db: Kysely<Database>, recordId: number, articleId: number, statementCount: number): Promise<void> {
  await db
    .updateTable('import_records')
    .set({ state: 'stored', article_id: articleId, statement_count: statementCount, raw: null, error: null, error_field: null, finished_at: sql`now()` })
    .where('id', '=', recordId)
    .where('state', 'in', UNFINISHED)
    .execute();
}

/** Marks a record a duplicate of a stored article (nothing was stored for it). */
export async function markRecordDuplicate(db: Kysely<Database>, recordId: number, articleId: number): Promise<void> {
  await db
    .updateTable('import_records')
    .set({ state: 'duplicate', article_id: articleId, raw: null, error: null, error_field: null, finished_at: sql`now()` })
    .where('id', '=', recordId)
    .where('state', 'in', UNFINISHED)
    .execute();
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
