import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import type { ReadRecord } from '../../src/imports/imports.ts';
import { addImportRecords, createImport, markReadFinished } from '../../src/imports/imports.queries.ts';
import type { RecordContext } from '../../src/imports/process-record.ts';
import { runRecordInline } from '../../src/imports/run-inline.ts';
import type { TestApp } from '../helpers/app.ts';

let made = 0;

/** A raw article as an input reader makes it: one quote by Ann Lee, its text unique to `tag` (so it is no duplicate of another test's). */
export function rawArticle(tag: string) {
  return { fields: { title: `Imported ${tag}` }, body: { text: `"We will act on ${tag}," said Ann Lee.`, format: 'text' as const, field: 'text' } };
}

export const recordContext = (t: TestApp): RecordContext => ({ store: { db: t.handle.writeDb, statementTimeoutMs: 60_000 }, readers: t.readers });

/** Makes records fail when processed: no body (the first read error, "the article text is empty"). */
export async function breakRecords(db: Kysely<Database>, ids: number[]): Promise<void> {
  await db.updateTable('import_records').set({ raw: JSON.stringify({ fields: { title: 'Broken' }, body: null }) }).where('id', 'in', ids).execute();
}

export interface SeededImport {
  importId: number;
  /** Record ids by what became of them (queued: left for the test to process). */
  stored: number;
  duplicate: number;
  failed: number;
  rejected: number;
  queued: number[];
}

/**
 * An import of `archive.ndjson` processed in this process: line 1 stored, line 2 its
 * duplicate, line 3 failed (no body), line 4 rejected when read (a bad date), and
 * `unfinished` more lines left queued (the import is then still running; with none it is
 * finished). `source` names the input (a long path tests the page's wrapping). With
 * `storeNothing`, lines 1 and 2 stay queued and line 3 is marked failed by SQL: no article
 * is stored (for tests that count the site's articles).
 */
export async function seedImport(t: TestApp, options: { unfinished?: number; source?: string; label?: string; storeNothing?: boolean } = {}): Promise<SeededImport> {
  const db = t.handle.db;
  const tag = `seed ${++made} ${Date.now()}`;
  const source = options.source ?? 'archive.ndjson';
  const importId = await createImport(db, { kind: 'import', label: options.label ?? `${source} (${tag})`, fingerprint: null });
  const extra = Array.from({ length: options.unfinished ?? 0 }, (_, i): ReadRecord => ({ source, position: `line ${5 + i}`, raw: rawArticle(`${tag} more ${i}`) }));
  const ids = await addImportRecords(db, importId, [
    { source, position: 'line 1', raw: rawArticle(tag) },
    { source, position: 'line 2', raw: rawArticle(tag) },
    { source, position: 'line 3', raw: rawArticle(`${tag} broken`) },
    { source, position: 'line 4', error: { field: 'published', message: 'must be a date as YYYY-MM-DD' } },
    ...extra,
  ]);
  const [stored, duplicate, failed, ...queued] = ids as [number, number, number, ...number[]];
  await breakRecords(db, [failed]);
  await markReadFinished(db, importId);
  if (options.storeNothing) {
    await db.updateTable('import_records').set({ state: 'failed', attempts: 1, error_field: 'text', error: 'the article text is empty', finished_at: new Date() }).where('id', '=', failed).execute();
    return { importId, stored, duplicate, failed, rejected: await rejectedOf(db, importId), queued: [stored, duplicate, ...queued] };
  }
  const ctx = recordContext(t);
  for (const id of [stored, duplicate, failed]) await runRecordInline(ctx, id, { retryLimit: 0, retryDelaySeconds: 0 });
  return { importId, stored, duplicate, failed, rejected: await rejectedOf(db, importId), queued };
}

async function rejectedOf(db: Kysely<Database>, importId: number): Promise<number> {
  return (await db.selectFrom('import_records').select('id').where('import_id', '=', importId).where('state', '=', 'rejected').executeTakeFirstOrThrow()).id;
}

/**
 * One failed record (its raw article sound: a retry stores it) in an import of its own,
 * made by SQL without processing anything: cheap, for tests that need many targets.
 */
export async function failedRecord(t: TestApp): Promise<{ importId: number; recordId: number }> {
  const db = t.handle.db;
  const tag = `failed ${++made} ${Date.now()}`;
  const importId = await createImport(db, { kind: 'import', label: tag, fingerprint: null });
  const [recordId] = await addImportRecords(db, importId, [{ source: 'failing.ndjson', position: 'line 1', raw: rawArticle(tag) }]);
  await db.updateTable('import_records').set({ state: 'failed', attempts: 3, error: 'the worker died', finished_at: new Date() }).where('id', '=', recordId!).execute();
  await markReadFinished(db, importId);
  return { importId, recordId: recordId! };
}
