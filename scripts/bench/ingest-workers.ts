// One end-to-end run of the ingest benchmark: a fresh database, the articles enqueued as
// `npm run import` enqueues them (timed on its own), then P worker processes
// (scripts/worker.ts, as deployed) until importProgress says the import finished; with the
// CPU seconds each side used (/proc), to say where the time went.
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase } from '../../src/db/connect.ts';
import { createMigratedDatabase } from '../../src/db/create-database.ts';
import { enqueueImport } from '../../src/imports/enqueue-import.ts';
import { createImport, importProgress } from '../../src/imports/imports.queries.ts';
import { startQueue, stopQueue } from '../../src/imports/queue.ts';
import { machineCpuSeconds, processCpuSeconds } from './ingest-bounds.ts';
import { benchRecords, type SourceArticle } from './ingest-corpus.ts';

// The pid in the name: another run (or another checkout's) on the same server never drops this one's.
export const BENCH_DATABASE = `verbatim_bench_ingest_${process.pid}`;
/** A run that stores nothing for this long is given up (a worker died, or the queue is stuck). */
const STALL_MS = 120_000;
// Extra node flags for the worker processes, space-separated, e.g.
// BENCH_WORKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (a CPU profile per thread; node
// refuses profiling flags in NODE_OPTIONS).
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);

export interface EndToEnd {
  processes: number;
  concurrency: number;
  enqueueSeconds: number;
  /** From spawning the workers until the import finished (their start-up included). */
  seconds: number;
  /** From spawning until every worker said it was waiting for jobs. */
  startupSeconds: number;
  stored: number;
  duplicates: number;
  failed: number;
  statements: number;
  /** CPU seconds over `seconds`: the workers (every thread), this database's backends (not the server's shared WAL writer and checkpointer, which other databases use too), and the rest of the machine. */
  cpu: { workers: number; postgres: number; other: number; idle: number };
  /**
   * What this database's busy backends were doing, sampled every 0.5 s (pg_stat_activity):
   * 'running' (on CPU), 'Lock:advisory' (the cluster or speaker-name locks), 'Lock:transactionid'
   * (a row another store holds: statement_words counters), 'IO:…', 'idle in transaction' (waiting
   * on the worker's JS or reader thread)... with the count of samples.
   */
  waits: Record<string, number>;
}

/** Runs `processes` workers of `concurrency` each over `n` articles in a fresh database on `serverUrl`. */
export async function endToEnd(serverUrl: string, corpus: readonly SourceArticle[], n: number, processes: number, concurrency: number): Promise<EndToEnd> {
  const config = loadConfig();
  const url = await createMigratedDatabase(serverUrl, BENCH_DATABASE, { dropFirst: true });
  const handle = await connectDatabase({ databaseUrl: url });
  const boss = await startQueue(url, config.queue, { supervise: false, onError: (err) => console.error(`queue: ${err.message}`) });
  const workers: ChildProcess[] = [];
  // Stopped with Ctrl-C or killed: the workers go too (they would wait for jobs forever).
  const killWorkers = () => workers.forEach((w) => w.exitCode === null && w.kill('SIGKILL'));
  process.once('exit', killWorkers);
  try {
    const importId = await createImport(handle.db, { kind: 'import', label: `bench-ingest ${n}`, fingerprint: null });
    let t = performance.now();
    await enqueueImport(handle.writeDb, importId, benchRecords(corpus, n), { boss });
    const enqueueSeconds = (performance.now() - t) / 1000;

    const pgCpu = new Map<number, { first: number; last: number }>();
    const waits: Record<string, number> = {};
    const sampleWaits = async () => {
      const { rows } = await handle.pool.query<{ what: string; n: number }>(
        `select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'running') else state end as what, count(*)::int as n
         from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and state <> 'idle' and query not like '%pg_stat_activity%' group by 1`, [BENCH_DATABASE]);
      for (const r of rows) waits[r.what] = (waits[r.what] ?? 0) + r.n;
    };
    const samplePostgres = async () => {
      const { rows } = await handle.pool.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [BENCH_DATABASE]);
      for (const { pid } of rows) {
        const now = processCpuSeconds(pid);
        const seen = pgCpu.get(pid);
        if (seen) seen.last = Math.max(seen.last, now);
        else pgCpu.set(pid, { first: now, last: now });
      }
    };
    await samplePostgres();
    // Backends the workers open are new: all their CPU counts (first = 0).
    const before = new Set(pgCpu.keys());
    const machineBefore = machineCpuSeconds();
    const selfBefore = process.cpuUsage();

    t = performance.now();
    let waiting = 0;
    let startupSeconds = 0;
    for (let p = 0; p < processes; p++) {
      const child = spawn(process.execPath, [...WORKER_NODE_ARGS, '--import', 'tsx', 'scripts/worker.ts', '--concurrency', String(concurrency)], {
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          if (line.includes('waiting for import jobs')) {
            if (++waiting === processes) startupSeconds = (performance.now() - t) / 1000;
          } else if (!/: \d+ records \(/.test(line)) console.error(`  [worker ${p + 1}] ${line}`);
        }
      });
      workers.push(child);
    }
    const workerCpu = new Map<number, number>();
    let lastDone = -1;
    let lastMove = performance.now();
    for (;;) {
      await sleep(500);
      await samplePostgres();
      await sampleWaits();
      for (const w of workers) workerCpu.set(w.pid!, Math.max(workerCpu.get(w.pid!) ?? 0, processCpuSeconds(w.pid!)));
      const progress = (await importProgress(handle.db, importId))!;
      if (progress.finishedAt) {
        const seconds = (performance.now() - t) / 1000;
        const machine = machineCpuSeconds();
        const self = process.cpuUsage(selfBefore);
        let postgres = 0;
        for (const [pid, c] of pgCpu) postgres += c.last - (before.has(pid) ? c.first : 0);
        const workersCpu = [...workerCpu.values()].reduce((a, b) => a + b, 0);
        const busy = machine.busy - machineBefore.busy;
        return {
          processes, concurrency, enqueueSeconds, seconds, startupSeconds,
          stored: progress.stored, duplicates: progress.duplicates, failed: progress.failed + progress.rejected, statements: progress.statements,
          waits,
          cpu: { workers: workersCpu, postgres, other: Math.max(0, busy - workersCpu - postgres - (self.user + self.system) / 1e6), idle: machine.idle - machineBefore.idle },
        };
      }
      const done = progress.records - progress.queued;
      if (done !== lastDone) [lastDone, lastMove] = [done, performance.now()];
      if (performance.now() - lastMove > STALL_MS) throw new Error(`no record stored for ${STALL_MS / 1000} s (${done} of ${n} done): giving up`);
      if (workers.every((w) => w.exitCode !== null)) throw new Error(`every worker exited (${done} of ${n} done)`);
    }
  } finally {
    process.off('exit', killWorkers);
    await Promise.all(workers.map((w) => stopChild(w)));
    await stopQueue(boss);
    await handle.close();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
