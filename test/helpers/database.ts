import { after } from 'node:test';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { connectDatabase, type DbHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

// Cleanups run once the whole test file is done (a root-level hook: an `after` registered
// inside a `before` hook would run as soon as that hook ends).
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * A migrated database for one test file, dropped when the file ends: a clone of the
 * template on the Postgres server (scripts/run-tests.ts), or an in-memory PGlite, a copy
 * of run-tests.ts's embedded template when there is one (else a new one, migrated here).
 */
export async function testDatabase(options: { migrated?: boolean } = {}): Promise<DbHandle> {
  const migrated = options.migrated ?? true;
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  if (!serverUrl || !template) {
    const copyOf = embeddedTemplate(migrated ? 'migrated.tar' : 'empty.tar');
    const handle = await connectDatabase({ dataDir: 'memory://', loadDataDir: copyOf });
    if (migrated && !copyOf) await migrateToLatest(handle.db);
    cleanups.push(() => handle.close());
    return handle;
  }
  const name = `verbatim_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, async (c) => {
    await c.query(`create database ${name} template ${migrated ? template : 'template0'}`);
    // A test database never has to outlive a crash of the server, so its commits need not
    // wait for the WAL to reach the disk: 17 ms a commit here on a busy day, 1 ms without.
    await c.query(`alter database ${name} set synchronous_commit = off`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await connectDatabase({ databaseUrl: url.toString() });
  cleanups.push(async () => {
    await handle.close();
    await withAdmin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
  });
  return handle;
}

// Read once per test file: 40 MB, mostly the WAL segment's zeros.
const templates = new Map<string, Blob>();
function embeddedTemplate(name: string): Blob | undefined {
  const dir = process.env.TEST_EMBEDDED_TEMPLATES;
  if (!dir) return undefined;
  if (!templates.has(name)) templates.set(name, new Blob([fs.readFileSync(path.join(dir, name))]));
  return templates.get(name);
}

/**
 * Another handle (pools of its own, so connections of its own) on the same server database
 * as `handle`, closed before that database is dropped. Server only: an in-memory PGlite
 * cannot be shared.
 */
export async function connectAgain(handle: DbHandle): Promise<DbHandle> {
  const again = await connectDatabase({ databaseUrl: databaseUrl(handle) });
  cleanups.push(() => again.close());
  return again;
}

/**
 * The connection URL of a server database from testDatabase(), for a child process's
 * DATABASE_URL (a CLI run on it). Throws for an embedded one, which no other process can open.
 */
export function databaseUrl(handle: DbHandle): string {
  const url = (handle.pool.options as { connectionString?: string }).connectionString;
  if (handle.kind !== 'postgres' || !url) throw new Error('a server database has a URL; an in-memory embedded one has none');
  return url;
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
