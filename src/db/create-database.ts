import pg from 'pg';
import { connectDatabase } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Creates database `name` on the server at `serverUrl` (dropping an old one first when
 * asked), migrates it, and returns its URL. For the test template and the bench corpus.
 */
export async function createMigratedDatabase(serverUrl: string, name: string, options: { dropFirst?: boolean } = {}): Promise<string> {
  const quoted = pg.escapeIdentifier(name);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (options.dropFirst) await admin.query(`drop database if exists ${quoted} with (force)`);
    await admin.query(`create database ${quoted}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await connectDatabase({ databaseUrl: url.toString() });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return url.toString();
}
