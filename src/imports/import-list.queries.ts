import { type Kysely, sql } from 'kysely';
import type { Database, ImportRecordState } from '../db/database.ts';
import type { ImportProgress } from './imports.ts';

/** How many imports the admin list shows (newest first). */
export const IMPORTS_LISTED = 100;
/** How many failed and rejected records an import's page (and its JSON) shows at most. */
export const PROBLEMS_SHOWN = 200;

interface ProgressRow {
  id: number; kind: 'import' | 'reextract'; label: string; created_at: Date; read_finished_at: Date | null; finished_at: Date | null;
  records: number; queued: number; stored: number; duplicates: number; failed: number; rejected: number; statements: number;
  first_at: Date | null; last_done_at: Date | null; done: number;
}

/**
 * The newest `limit` imports' progress (ImportProgress), newest first, or only import `id`,
 * in one statement: the page of imports is picked first, then their records counted in one
 * pass (import_records_import_state_idx), never a query per import.
 */
export async function listImportProgress(db: Kysely<Database>, which: { limit?: number; id?: number } = {}): Promise<ImportProgress[]> {
  const only = which.id === undefined ? sql`true` : sql`id = ${which.id}`;
  const rows = await sql<ProgressRow>`
    with page as (select * from imports where ${only} order by id desc limit ${which.limit ?? IMPORTS_LISTED})
    select i.id, i.kind, i.label, i.created_at, i.read_finished_at, i.finished_at,
      count(r.id)::int as records,
      count(r.id) filter (where r.state = 'queued')::int as queued,
      count(r.id) filter (where r.state = 'stored')::int as stored,
      count(r.id) filter (where r.state = 'duplicate')::int as duplicates,
      count(r.id) filter (where r.state = 'failed')::int as failed,
      count(r.id) filter (where r.state = 'rejected')::int as rejected,
      coalesce(sum(r.statement_count), 0)::int as statements,
      min(r.created_at) as first_at,
      max(r.finished_at) as last_done_at,
      count(r.finished_at)::int as done
    from page i left join import_records r on r.import_id = i.id
    group by i.id, i.kind, i.label, i.created_at, i.read_finished_at, i.finished_at
    order by i.id desc`.execute(db);
  return rows.rows.map(toProgress);
}

/** Records done per second from the first read to the last done: end to end, waiting for workers included. */
function toProgress(r: ProgressRow): ImportProgress {
  const seconds = r.first_at && r.last_done_at ? (r.last_done_at.getTime() - r.first_at.getTime()) / 1000 : 0;
  return {
    id: r.id,
    kind: r.kind,
    label: r.label,
    createdAt: r.created_at,
    records: r.records,
    queued: r.queued,
    stored: r.stored,
    duplicates: r.duplicates,
    failed: r.failed,
    rejected: r.rejected,
    statements: r.statements,
    readFinished: r.read_finished_at !== null,
    finishedAt: r.finished_at,
    articlesPerSecond: r.done > 0 && seconds > 0 ? Math.round((r.done / seconds) * 10) / 10 : null,
  };
}

/** One failed or rejected record of an import, for the admin page and its JSON. */
export interface ProblemRecord {
  id: number;
  importId: number;
  source: string;
  /** Its place in the source ('line 12'; '' for a file that is one article). */
  position: string;
  state: ImportRecordState;
  /** Tries made by workers (0 for a rejected record: it was never tried). */
  attempts: number;
  /** The field the error is about ('text', 'published'), or null for a fault. */
  errorField: string | null;
  error: string | null;
  /** The stored (or re-extracted) article, if there is one. */
  articleId: number | null;
}

const PROBLEM_COLUMNS = ['id', 'import_id', 'source', 'position', 'state', 'attempts', 'error_field', 'error', 'article_id'] as const;

function toProblem(r: { id: number; import_id: number; source: string; position: string; state: ImportRecordState; attempts: number; error_field: string | null; error: string | null; article_id: number | null }): ProblemRecord {
  return { id: r.id, importId: r.import_id, source: r.source, position: r.position, state: r.state, attempts: r.attempts, errorField: r.error_field, error: r.error, articleId: r.article_id };
}

/** An import's failed and rejected records, failed ones first, each in read order; at most `limit`. */
export async function listProblemRecords(db: Kysely<Database>, importId: number, limit = PROBLEMS_SHOWN): Promise<ProblemRecord[]> {
  const rows = await db
    .selectFrom('import_records')
    .select(PROBLEM_COLUMNS)
    .where('import_id', '=', importId)
    .where('state', 'in', ['failed', 'rejected'])
    // 'failed' sorts before 'rejected': the ones a retry can help come first.
    .orderBy('state')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toProblem);
}

/** One record of an import (any state), as ProblemRecord; undefined if the import has no such record. */
export async function findImportRecord(db: Kysely<Database>, importId: number, recordId: number, lock = false): Promise<ProblemRecord | undefined> {
  let q = db.selectFrom('import_records').select(PROBLEM_COLUMNS).where('id', '=', recordId).where('import_id', '=', importId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toProblem(row) : undefined;
}
