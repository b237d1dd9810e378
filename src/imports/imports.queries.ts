import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { unnestInsert } from '../db/unnest-insert.ts';
import { listImportProgress } from './import-list.queries.ts';
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
  return (await listImportProgress(db, { id: importId }))[0];
}
