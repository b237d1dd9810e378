import { loadConfig } from '../src/config.ts';
import { connectFromConfig, type DbHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { StoreTarget } from '../src/ingest/store-transaction.ts';

/**
 * The database the app would use (DATABASE_URL, else the embedded one in DATA_DIR),
 * migrated, with `store`: its write pool and INGEST_STATEMENT_TIMEOUT_MS, for imports.
 */
export async function openCliDatabase(): Promise<DbHandle & { store: StoreTarget }> {
  const config = loadConfig();
  const handle = await connectFromConfig(config);
  try {
    await migrateToLatest(handle.db);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { ...handle, store: { db: handle.writeDb, statementTimeoutMs: config.ingestStatementTimeoutMs } };
}

/** Prints a one-line error (no stack) and exits non-zero. */
export function fail(message: string, code = 1): never {
  console.error(`error: ${message}`);
  process.exit(code);
}
