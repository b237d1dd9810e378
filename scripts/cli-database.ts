import { loadConfig } from '../src/config.ts';
import { connectFromConfig, type DbHandle } from '../src/db/connect.ts';
import { DataDirLockedError, SERVER_LOCK_HOLDER } from '../src/db/embedded-lock.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { StoreTarget } from '../src/ingest/store-transaction.ts';

const STOP_FIRST = 'stop the server first (Ctrl-C in its terminal)';

/**
 * What each CLI's user can do instead while the server holds the embedded database (one
 * process only may open it): the page or API that does the same, or nothing.
 */
const WHILE_THE_SERVER_RUNS = {
  'create-user': `${STOP_FIRST}, or, while it runs, add users and change roles at /admin/users (as an admin) and change a password at /account`,
  import: `${STOP_FIRST}, or, while it runs, add articles at /articles/new or with POST /api/articles`,
  migrate: 'the server applied every migration when it started, so there is nothing to do while it runs',
  reextract: `${STOP_FIRST}, then run npm run reextract again (re-extraction has no page)`,
  export: `${STOP_FIRST}, or, while it runs, download the same export from /search (the Export links) or GET /api/export.csv`,
} as const;

export type CliCommand = keyof typeof WHILE_THE_SERVER_RUNS;

/**
 * The database the app would use (DATABASE_URL, else the embedded one in DATA_DIR),
 * migrated, with `store`: its write pool and INGEST_STATEMENT_TIMEOUT_MS, for imports.
 * When another process holds the embedded database, prints one sentence saying what to do
 * (stop the server, or the page that does the same) and exits 75 (EX_TEMPFAIL).
 */
export async function openCliDatabase(command: CliCommand): Promise<DbHandle & { store: StoreTarget }> {
  const config = loadConfig();
  let handle: DbHandle;
  try {
    handle = await connectFromConfig(config, `npm run ${command}`);
  } catch (err) {
    if (err instanceof DataDirLockedError) fail(lockedMessage(command, err), 75);
    throw err;
  }
  try {
    await migrateToLatest(handle.db);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { ...handle, store: { db: handle.writeDb, statementTimeoutMs: config.ingestStatementTimeoutMs } };
}

function lockedMessage(command: CliCommand, err: DataDirLockedError): string {
  const holder = `${err.holder ?? 'another Verbatim process'} (pid ${err.pid})`;
  const opened = `${holder} has the embedded database in ${err.dir} open, and only one process at a time can`;
  if (err.holder !== SERVER_LOCK_HOLDER) return `${opened}; wait for it to finish, then run npm run ${command} again.`;
  return `${opened}; ${WHILE_THE_SERVER_RUNS[command]}.`;
}

/** Prints a one-line error (no stack) and exits non-zero. */
export function fail(message: string, code = 1): never {
  console.error(`error: ${message}`);
  process.exit(code);
}
