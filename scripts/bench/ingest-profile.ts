// Where one record's time goes: records processed one at a time in this process, exactly as
// a worker processes them (processImportRecords, JOBS_PER_FETCH at a time), with reading+extraction timed apart and
// every SQL statement timed by Kysely's log, grouped by its text. Serial, so the times add up.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { createMigratedDatabase } from '../../src/db/create-database.ts';
import { preparingPool } from '../../src/db/prepared-statements.ts';
import { enqueueImport } from '../../src/imports/enqueue-import.ts';
import { createImport } from '../../src/imports/imports.queries.ts';
import { processImportRecords } from '../../src/imports/process-record.ts';
import { JOBS_PER_FETCH } from '../../src/imports/run-worker.ts';
import { maintainStoreTables } from '../../src/imports/store-maintenance.ts';
import { createReaderPool } from '../../src/ingest/reader-pool.ts';
import { BENCH_DATABASE } from './ingest-workers.ts';
import { benchRecords, type SourceArticle } from './ingest-corpus.ts';

export interface Profile {
  records: number;
  /** Milliseconds per record: all of it, reading+extraction (in a reader thread), SQL, and the rest (JS between statements). */
  perRecord: { total: number; read: number; sql: number; other: number };
  /** The costliest statements: text (shortened), calls per record, ms per record. */
  statements: { sql: string; perRecord: number; ms: number }[];
}

/** A statement's group: its text with whitespace collapsed and parameter lists shortened. */
function statementKey(sql: string): string {
  return sql.replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)+/g, '$n…').replace(/\(\$\d+\)/g, '($n)').slice(0, 110);
}

/** Processes articles 0..n-1 (after `skip` warm-up ones) in a fresh database; see Profile. */
export async function profileRecords(serverUrl: string, corpus: readonly SourceArticle[], n: number, skip = 20): Promise<Profile> {
  const config = loadConfig();
  const url = await createMigratedDatabase(serverUrl, BENCH_DATABASE, { dropFirst: true });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const stats = new Map<string, { calls: number; ms: number }>();
  let measuring = false;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    log: (event) => {
      if (!measuring) return;
      const key = statementKey(event.query.sql);
      const s = stats.get(key) ?? { calls: 0, ms: 0 };
      s.calls++;
      s.ms += event.queryDurationMillis;
      stats.set(key, s);
    },
  });
  const readers = createReaderPool({ ...config.readers, workers: 1, queue: JOBS_PER_FETCH });
  let readMs = 0;
  const ctx = {
    store: { db, statementTimeoutMs: config.ingestStatementTimeoutMs },
    readers: {
      ...readers,
      readArticle: async (task: Parameters<typeof readers.readArticle>[0]) => {
        const t = performance.now();
        try {
          return await readers.readArticle(task);
        } finally {
          if (measuring) readMs += performance.now() - t;
        }
      },
    },
  };
  try {
    const importId = await createImport(db, { kind: 'import', label: 'bench-ingest profile', fingerprint: null });
    const ids: number[] = [];
    await enqueueImport(db, importId, benchRecords(corpus, n + skip), { boss: null, onQueued: async (batch) => void ids.push(...batch) });
    const batches = (from: number, to: number) =>
      Array.from({ length: Math.ceil((to - from) / JOBS_PER_FETCH) }, (_, b) => ids.slice(from + b * JOBS_PER_FETCH, Math.min(to, from + (b + 1) * JOBS_PER_FETCH)));
    for (const batch of batches(0, skip)) await processImportRecords(ctx, batch); // warm-up: reader thread, prepared statements
    // Planner statistics follow the tables as a worker keeps them (maintainStoreTables every
    // STORE_MAINTENANCE_SECONDS), here after the warm-up and then every 50 records, untimed.
    await maintainStoreTables(db);
    let totalMs = 0;
    for (const [i, batch] of batches(skip, ids.length).entries()) {
      if (i > 0 && (i * JOBS_PER_FETCH) % 48 === 0) await maintainStoreTables(db);
      measuring = true;
      const started = performance.now();
      await processImportRecords(ctx, batch);
      totalMs += performance.now() - started;
      measuring = false;
    }
    const sqlMs = [...stats.values()].reduce((a, s) => a + s.ms, 0);
    const records = ids.length - skip;
    return {
      records,
      perRecord: { total: totalMs / records, read: readMs / records, sql: sqlMs / records, other: (totalMs - readMs - sqlMs) / records },
      statements: [...stats.entries()]
        .map(([sql, s]) => ({ sql, perRecord: s.calls / records, ms: s.ms / records }))
        .sort((a, b) => b.ms - a.ms),
    };
  } finally {
    await readers.close();
    await db.destroy();
  }
}
