// npm run worker -- [--concurrency N]: stores the articles imports enqueued (and runs
// re-extractions), until stopped with Ctrl-C or SIGTERM (it finishes the articles it holds
// first). Any number of workers, on any machine that reaches DATABASE_URL, share the work.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { startQueue, stopQueue } from '../src/imports/queue.ts';
import { JOBS_PER_FETCH, runWorker } from '../src/imports/run-worker.ts';
import { countPendingStatementWords } from '../src/statements/statement-words.queries.ts';
import { scheduleStoreMaintenance } from '../src/imports/store-maintenance.ts';
import { createReaderPool } from '../src/ingest/reader-pool.ts';
import { fail } from './cli-database.ts';

const USAGE = 'usage: npm run worker -- [--concurrency N]   (N articles at once, 1-64; default: the number of cores)';
let concurrency = availableParallelism();
try {
  const { values } = parseArgs({ options: { concurrency: { type: 'string' } }, allowPositionals: false });
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) fail(`--concurrency: must be a whole number from 1 to 64, not "${values.concurrency}"\n${USAGE}`, 2);
  }
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}
const config = loadConfig();
if (!config.databaseUrl) {
  fail('a worker needs a PostgreSQL server (set DATABASE_URL): the embedded database is one process, so imports into it run inline (npm run import -- --inline FILE...)', 2);
}

const handle = await connectDatabase({ databaseUrl: config.databaseUrl, writePoolSize: concurrency + 1 });
await migrateToLatest(handle.db);
// Words a worker killed between a store's commit and its count left uncounted (see processImportRecords).
await countPendingStatementWords(handle.writeDb, null);
// Each slot reads the jobs of a fetch at once (processImportRecords): they all wait for a thread.
const readers = createReaderPool({ ...config.readers, workers: concurrency, queue: concurrency * JOBS_PER_FETCH }, (err) => console.error(`error: reader thread: ${err.message}`));
const boss = await startQueue(config.databaseUrl, config.queue, { supervise: true, onError: (err) => console.error(`error: queue: ${err.message}`) });
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`worker ${process.pid}: stopping after the articles it holds (${signal})`);
    stop.abort();
  });
}

const maintenance = scheduleStoreMaintenance(handle.writeDb, config.storeMaintenanceSeconds, (err) => console.error(`error: table maintenance: ${err.message}`));
const counts: Record<string, number> = {};
let done = 0;
console.error(`worker ${process.pid}: ${concurrency} at once, waiting for import jobs`);
try {
  await runWorker(boss, { store: { db: handle.writeDb, statementTimeoutMs: config.ingestStatementTimeoutMs, asynchronousCommit: true }, readers }, {
    concurrency,
    idlePollMs: 1000,
    onRecord: ({ state, recordId, error }) => {
      counts[state] = (counts[state] ?? 0) + 1;
      maintenance.noteRecord();
      if (error) console.error(`record ${recordId}: ${state === 'retry' ? 'will be retried' : 'failed'}: ${error}`);
      if (++done % 1000 === 0) console.error(`worker ${process.pid}: ${done} records (${JSON.stringify(counts)})`);
    },
  }, stop.signal);
} finally {
  await maintenance.stop();
  await stopQueue(boss);
  await readers.close();
  await handle.close();
}
console.error(`worker ${process.pid}: stopped after ${done} records (${JSON.stringify(counts)})`);
