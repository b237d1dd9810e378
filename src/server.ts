import v8 from 'node:v8';
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { connectFromConfig, type DbHandle } from './db/connect.ts';
import { DataDirLockedError, SERVER_LOCK_HOLDER } from './db/embedded-lock.ts';
import { migrateToLatest } from './db/migrate.ts';
import { bootstrapAdmin } from './auth/bootstrap-admin.ts';
import { createReaderPool } from './ingest/reader-pool.ts';
import { seedDemoArticle } from './ingest/seed-demo.ts';
import { createLogger, type Logger } from './logger.ts';

/** How long in-flight requests get to finish after SIGTERM before connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  server: Server;
  url: string;
  /** Created on a first embedded run, for the user to log in with (printed once). */
  firstAdmin: { username: string; password: string } | null;
  stop(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const handle: DbHandle = await connectFromConfig(config, SERVER_LOCK_HOLDER, (err) => logger.warn({ err }, 'idle database connection lost'));
  const readers = createReaderPool(config.readers, (err) => logger.error({ err }, 'reader worker failed'));
  let firstAdmin: RunningServer['firstAdmin'] = null;
  try {
    await migrateToLatest(handle.db);
    if (handle.kind === 'embedded' && config.seedDemo) {
      await seedDemoArticle({ db: handle.writeDb, statementTimeoutMs: config.ingestStatementTimeoutMs }, readers, logger);
      firstAdmin = await bootstrapAdmin(handle.db);
    }
  } catch (err) {
    await readers.close();
    await handle.close();
    throw err;
  }
  const app = createApp({ db: handle.db, pool: handle.pool, writeDb: handle.writeDb, dbKind: handle.kind, config, logger, readers });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting, let in-flight requests finish, then stop the workers and the database.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(timer);
      await readers.close();
      await handle.close();
    })());
  return { server, url, firstAdmin, stop };
}

/**
 * V8 lets its old generation grow to up to four times what survived the last full collection
 * before it collects again: a 1M-row export (whose pages survive a scavenge or two) then
 * peaked at 200-250 MB over the server's resting size. At twice (100%), the peak growth is
 * 60-70 MB and the CPU time the same within the noise; at 1.3 times, 15-30 MB for ~10% more
 * CPU (scripts/bench-export.ts and /proc VmHWM, Node 20). V8's own flag, set for the server
 * process only, before it serves anything.
 */
const HEAP_GROWING_PERCENT = 100;

async function main(): Promise<void> {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config);
  let running: RunningServer;
  try {
    running = await startServer(config, logger);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(75);
    }
    throw err;
  }
  logger.info({ database: config.databaseUrl ? 'postgres' : `embedded (${config.dataDir})` }, 'database ready');
  console.log(`Verbatim is running at ${running.url}`);
  if (running.firstAdmin) {
    const { username, password } = running.firstAdmin;
    console.log(`First run: log in as "${username}" with password "${password}" to add articles (shown once; change it on the page /account once logged in).`);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('src/server.ts')) {
  await main();
}
