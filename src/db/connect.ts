import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { acquireDataDirLock } from './embedded-lock.ts';
import { preparingPool } from './prepared-statements.ts';

export interface DbHandle {
  /** For reads and short writes (sessions, reviews, annotations). */
  db: Kysely<Database>;
  /** The pool behind `db`, shared with the session store. */
  pool: pg.Pool;
  /**
   * For stores (ingest, re-extraction). On a server this is a pool of its own, so stores
   * waiting on each other's locks or running long never hold the connections reads need.
   * Embedded, it is `db`: PGlite has one session, so a store and a read still queue behind
   * each other there.
   */
  writeDb: Kysely<Database>;
  kind: 'postgres' | 'embedded';
  close(): Promise<void>;
  /**
   * Embedded only: the whole data directory as an uncompressed tar (PGlite's dumpDataDir),
   * which `loadDataDir` starts another in-memory database from (the tests' template).
   */
  dumpDataDir?(): Promise<Blob>;
}

/** Connections for reads on a server (the pool behind `db`). */
export const READ_POOL_SIZE = 10;
/** Connections for stores on a server, unless the caller says otherwise (INGEST_POOL_SIZE). */
export const DEFAULT_WRITE_POOL_SIZE = 4;

const PG_DATE_OID = 1082;
// `date` columns stay 'YYYY-MM-DD' strings: a Date would shift them by the local time zone.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * `dataDir: 'memory://'` gives a throwaway in-memory embedded database (tests); with
 * `loadDataDir` (a `dumpDataDir()` tar) it starts as a copy of that one instead of an
 * empty cluster, which skips initdb: about 1 s of CPU instead of 5 here.
 */
/** `lockHolder`: what this process is, written in the embedded data directory's lock (see embedded-lock.ts). */
export type ConnectOptions = { databaseUrl: string; writePoolSize?: number } | { dataDir: string; loadDataDir?: Blob; lockHolder?: string };

const IN_MEMORY = 'memory://';

/** A real server when a URL is given, else embedded Postgres (PGlite) persisted in dataDir. */
export async function connectDatabase(options: ConnectOptions, onIdleError?: (err: Error) => void): Promise<DbHandle> {
  if ('databaseUrl' in options) {
    const pool = serverPool(options.databaseUrl, READ_POOL_SIZE, onIdleError);
    const writePool = serverPool(options.databaseUrl, options.writePoolSize ?? DEFAULT_WRITE_POOL_SIZE, onIdleError);
    try {
      await pool.query('select 1');
    } catch (err) {
      await Promise.all([pool.end(), writePool.end()]);
      throw err;
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    const writeDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(writePool) }) });
    return {
      db,
      pool,
      writeDb,
      kind: 'postgres',
      close: async () => {
        await Promise.all([destroyOnce(db, pool), destroyOnce(writeDb, writePool)]);
      },
    };
  }
  return connectEmbedded(options.dataDir, options.loadDataDir, options.lockHolder);
}

function serverPool(connectionString: string, max: number, onIdleError?: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString, types, max });
  // An idle client that loses its server connection (restart, DROP DATABASE ... FORCE)
  // must not crash the process: the pool drops it and opens a new one when needed.
  pool.on('error', (err) => onIdleError?.(err));
  return pool;
}

async function connectEmbedded(dataDir: string, loadDataDir: Blob | undefined, lockHolder: string | undefined): Promise<DbHandle> {
  const inMemory = dataDir === IN_MEMORY;
  const dir = inMemory ? IN_MEMORY : path.resolve(dataDir);
  const release = inMemory ? () => {} : acquireDataDirLock(dir, lockHolder);
  let lite: PGlite;
  try {
    lite = await PGlite.create(inMemory ? IN_MEMORY : path.join(dir, 'pgdata'), { extensions: { pg_trgm, unaccent }, loadDataDir });
  } catch (err) {
    release();
    throw err;
  }
  // PGlite has one session: the pool holds one connection and queries queue behind it.
  const pool = new pg.Pool({ ...createPgConfig(lite), types, max: 1 } as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    writeDb: db,
    kind: 'embedded',
    async close() {
      await destroyOnce(db, pool);
      await lite.close();
      release();
    },
    async dumpDataDir() {
      // Written pages reach the files first, so a copy starts without replaying the WAL.
      await lite.exec('checkpoint');
      return lite.dumpDataDir('none');
    },
  };
}

/** Closing twice (a failed start, then shutdown) must not throw. */
async function destroyOnce(db: Kysely<Database>, pool: pg.Pool): Promise<void> {
  if (!pool.ended) await db.destroy();
}

/**
 * The database the configuration names: DATABASE_URL, else the embedded one in DATA_DIR,
 * whose lock says the process is `lockHolder`.
 */
export function connectFromConfig(
  config: { databaseUrl: string | undefined; dataDir: string; ingestPoolSize: number },
  lockHolder: string,
  onIdleError?: (err: Error) => void,
): Promise<DbHandle> {
  return connectDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl, writePoolSize: config.ingestPoolSize } : { dataDir: config.dataDir, lockHolder },
    onIdleError,
  );
}
