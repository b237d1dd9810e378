// Every embedded test database is a copy of one dump (scripts/run-tests.ts): a copy must
// hold what was written before the dump, and its own writes must stay its own.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { sql } from 'kysely';
import { connectDatabase, type DbHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { storedArticle } from '../factories.ts';
import { testDatabase } from '../helpers/database.ts';

const copies: DbHandle[] = [];
after(async () => {
  for (const handle of copies) await handle.close();
});

async function embeddedOriginal(): Promise<DbHandle> {
  const handle = await testDatabase();
  if (handle.kind === 'embedded') return handle;
  // A run on a server: a new embedded database of this test's own.
  const embedded = await connectDatabase({ dataDir: 'memory://' });
  copies.push(embedded);
  await migrateToLatest(embedded.db);
  return embedded;
}

it('an embedded database copied from a dump starts with its rows, and keeps its writes apart', async () => {
  const titles = async (handle: DbHandle) => (await sql<{ title: string }>`select title from articles order by id`.execute(handle.db)).rows.map((r) => r.title);
  const original = await embeddedOriginal();
  await storedArticle(original.db, { title: 'Before the dump' });
  const dump = await original.dumpDataDir!();
  await storedArticle(original.db, { title: 'Only in the original' });

  const copy = await connectDatabase({ dataDir: 'memory://', loadDataDir: dump });
  copies.push(copy);
  assert.deepEqual(await migrateToLatest(copy.db), [], 'already migrated');
  await storedArticle(copy.db, { title: 'Only in the copy' });
  assert.deepEqual(await titles(copy), ['Before the dump', 'Only in the copy']);
  assert.deepEqual(await titles(original), ['Before the dump', 'Only in the original']);
  // Sequences carry on from the dump too: both second articles are number 2.
  assert.deepEqual((await sql<{ id: number }>`select id from articles order by id`.execute(copy.db)).rows.map((r) => r.id), [1, 2]);
});
