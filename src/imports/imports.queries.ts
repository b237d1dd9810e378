import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { unnestInsert } from '../db/unnest-insert.ts';
import type { ImportProgress, ReadRecord } from './imports.ts';

export interface NewImport {
  kind: 'import' | 'reextract';
  label: string;
  /** See ImportsTable.fingerprint; null: never resumed (stdin, a re-extraction). */
  fingerprint: string | null;
  options?: Record<string, unknown>;
  createdBy?: number | null;
}

/** The unfinished import of these inputs (the newest), to resume after a crash; undefined if none. */
export async function findResumableImport(db: Kysely<Database>, fingerprint: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('imports')
    .select('id')
    .where('fingerprint', '=', fingerprint)
    .where('finished_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function createImport(db: Kysely<Database>, input: NewImport): Promise<number> {
  const row = await db
    .insertInto('imports')
    .values({
      kind: input.kind,
      label: input.label.slice(0, 2000),
      fingerprint: input.fingerprint,
      options: JSON.stringify(input.options ?? {}),
      created_by: input.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Adds records read from an import's inputs: articles as 'queued' (with their raw record),
 * bad ones as 'rejected' (with their error). A record already there (same source and
 * position: read before a crash) is left as it is. Returns the ids of the newly queued
 * ones, which the caller enqueues in the same transaction. One statement whatever the count.
 */
export async function addImportRecords(db: Kysely<Database>, importId: number, records: readonly ReadRecord[]): Promise<number[]> {
  if (records.length === 0) return [];
  const rows = await sql<{ id: number; state: string }>`${unnestInsert('import_records', {
    import_id: ['int', records.map(() => importId)],
    source: ['text', records.map((r) => r.source)],
    position: ['text', records.map((r) => r.position)],
    state: ['text', records.map((r) => ('raw' in r ? 'queued' : 'rejected'))],
    // jsonb[]: a text[] element does not cast to the jsonb column in insert ... select.
    raw: ['jsonb', records.map((r) => ('raw' in r ? JSON.stringify(r.raw) : null))],
    error_field: ['text', records.map((r) => ('error' in r ? r.error.field : null))],
    error: ['text', records.map((r) => ('error' in r ? r.error.message : null))],
  })} on conflict (import_id, source, position) do nothing returning id, state`.execute(db);
  return rows.rows.filter((r) => r.state === 'queued').map((r) => r.id);
}

/** Adds a re-extraction's records, one per article (position: the article id); returns the new ones' ids. */
export async function addReextractRecords(db: Kysely<Database>, importId: number, articleIds: readonly number[]): Promise<number[]> {
  if (articleIds.length === 0) return [];
  const rows = await sql<{ id: number }>`${unnestInsert('import_records', {
    import_id: ['int', articleIds.map(() => importId)],
    source: ['text', articleIds.map(() => 'articles')],
    position: ['text', articleIds.map((id) => `article ${id}`)],
    article_id: ['int', articleIds],
  })} on conflict (import_id, source, position) do nothing returning id`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** The importer read every input: from now on the import finishes when its last record does. */
export async function markReadFinished(db: Kysely<Database>, importId: number): Promise<void> {
  await db.updateTable('imports').set({ read_finished_at: sql`coalesce(read_finished_at, now())` }).where('id', '=', importId).execute();
  await finishImportIfDone(db, importId);
}

/** Sets finished_at once the inputs are read and no record is queued; true if it is finished. */
export async function finishImportIfDone(db: Kysely<Database>, importId: number): Promise<boolean> {
  const row = await sql<{ finished: boolean }>`
    update imports set finished_at = coalesce(finished_at, now())
    where id = ${importId} and read_finished_at is not null
      and not exists (select 1 from import_records r where r.import_id = ${importId} and r.state = 'queued')
    returning true as finished`.execute(db);
  return row.rows.length > 0;
}

/** An import's counts and throughput (ImportProgress); undefined: no such import. */
export async function importProgress(db: Kysely<Database>, importId: number): Promise<ImportProgress | undefined> {
  const row = await sql<{
    id: number; kind: 'import' | 'reextract'; label: string; created_at: Date; read_finished_at: Date | null; finished_at: Date | null;
    records: number; queued: number; stored: number; duplicates: number; failed: number; rejected: number; statements: number;
    first_at: Date | null; last_done_at: Date | null; done: number;
  }>`
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
    from imports i left join import_records r on r.import_id = i.id
    where i.id = ${importId}
    group by i.id`.execute(db);
  const r = row.rows[0];
  if (!r) return undefined;
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
