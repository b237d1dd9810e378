// npm run bench:ingest -- [--articles N] [--processes 1,2,4] [--concurrency C] [--profile N] [--corpus FILE]
// Bulk ingestion end to end (issue 14), on the server in DATABASE_URL, in a database of its
// own (verbatim_bench_ingest_<pid>, made afresh for each run and dropped at the end): N articles
// (default 20,000) made from the PolNeAR dev texts (read in place, never copied), enqueued
// as `npm run import` does, stored by 1, 2 and 4 `npm run worker` processes; next to the
// ceiling (reading and extraction alone, 1 and 2 threads, no database) and the floor (a raw
// COPY of the texts). Then where one record's time goes (a serial profile) and the CPU split
// between workers and Postgres. Prints a markdown table; ratios are to the 1-thread ceiling.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { ceilingOneThread, ceilingThreads, copyFloor, type Rate } from './bench/ingest-bounds.ts';
import { DEFAULT_CORPUS, loadCorpus } from './bench/ingest-corpus.ts';
import { profileRecords } from './bench/ingest-profile.ts';
import { BENCH_DATABASE, endToEnd } from './bench/ingest-workers.ts';

const TARGET = 200; // articles/s with 2 workers (issue 14)
const USAGE = 'usage: npm run bench:ingest -- [--articles N] [--processes 1,2,4] [--concurrency C] [--profile N] [--corpus FILE]';
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '20000' },
    processes: { type: 'string', default: '1,2,4' },
    // 2 per process: while one article waits on Postgres the other extracts, and 4 processes
    // x 2 = 8 stores at once is already 4 per core.
    concurrency: { type: 'string', default: '2' },
    profile: { type: 'string', default: '300' },
    corpus: { type: 'string', default: DEFAULT_CORPUS },
  },
});
const whole = (s: string, name: string) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name}: must be a whole number, not "${s}"\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const n = whole(values.articles, 'articles');
const concurrency = whole(values.concurrency, 'concurrency');
const profileCount = whole(values.profile, 'profile');
const processCounts = values.processes.split(',').map((p) => whole(p.trim(), 'processes'));
const config = loadConfig();
if (!config.databaseUrl) {
  console.error(`bench:ingest needs a PostgreSQL server: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:ingest\n(it makes and drops a database of its own, ${BENCH_DATABASE}).`);
  process.exit(2);
}
const corpus = loadCorpus(values.corpus);
// Ctrl-C or SIGTERM: exit, so that the 'exit' handlers stop the workers this run spawned.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const log = (m: string) => console.error(`[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(1)}] ${m}`);
const f = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

log(`${n} articles from ${corpus.length} corpus texts; ${availableParallelism()} cores`);
const rows: { label: string; rate: Rate; note: string }[] = [];
const one = ceilingOneThread(corpus, n);
rows.push({ label: 'ceiling: read + extract, 1 thread, in-process', rate: one, note: 'no database' });
log('ceiling, 1 thread: done');
rows.push({ label: 'ceiling: read + extract, 2 reader threads', rate: await ceilingThreads(corpus, n, 2), note: 'no database' });
log('ceiling, 2 threads: done');
const serverUrl = config.databaseUrl;
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${BENCH_DATABASE}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
await admin.query(`create database ${BENCH_DATABASE}`);
rows.push({ label: 'floor: raw COPY of the texts into a plain table', rate: await copyFloor(benchUrl.toString(), corpus, n), note: 'no extraction, no index' });
log('floor: done');

const runs: Awaited<ReturnType<typeof endToEnd>>[] = [];
let profile: Awaited<ReturnType<typeof profileRecords>> | null = null;
try {
  for (const p of processCounts) {
    log(`end to end, ${p} worker process(es) x ${concurrency}: enqueueing and running`);
    const r = await endToEnd(serverUrl, corpus, n, p, concurrency);
    runs.push(r);
    const cpuTotal = r.cpu.workers + r.cpu.postgres + r.cpu.other;
    rows.push({
      label: `end to end: ${p} worker process${p > 1 ? 'es' : ''} x ${concurrency}`,
      rate: { articles: r.stored, statements: r.statements, seconds: r.seconds, cpuSeconds: r.cpu.workers + r.cpu.postgres },
      note: `CPU: workers ${f((100 * r.cpu.workers) / cpuTotal)}%, Postgres ${f((100 * r.cpu.postgres) / cpuTotal)}%, other ${f((100 * r.cpu.other) / cpuTotal)}%; idle ${f(r.cpu.idle, 0)} s; start-up ${f(r.startupSeconds, 1)} s${r.duplicates + r.failed ? `; ${r.duplicates} duplicates, ${r.failed} failed` : ''}`,
    });
    log(`  ${r.stored} stored in ${f(r.seconds, 1)} s (enqueue ${f(r.enqueueSeconds, 1)} s)`);
  }
  profile = profileCount > 0 ? await profileRecords(serverUrl, corpus, Math.min(profileCount, n)) : null;
} finally {
  await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
  await admin.end();
}

console.log(`\n### Bulk ingestion, ${f(n)} articles (PolNeAR dev texts repeated), ${availableParallelism()} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
// CPU ms per article (the workers' threads and Postgres' processes) does not depend on what
// else runs on the machine; 2 cores / that is the rate this machine would give with nothing else running.
console.log('| run | articles/s | statements/s | seconds | vs ceiling | CPU ms/article | articles/s per 2 free cores | notes |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
const ceiling = one.articles / one.seconds;
for (const { label, rate, note } of rows) {
  const aps = rate.articles / rate.seconds;
  const cpuMs = rate.cpuSeconds === undefined ? undefined : (1000 * rate.cpuSeconds) / rate.articles;
  const free = cpuMs === undefined ? '–' : f(Math.min(2000 / cpuMs, label.includes('1 thread') ? 1000 / cpuMs : Infinity));
  console.log(`| ${label} | ${f(aps)} | ${rate.statements ? f(rate.statements / rate.seconds) : '–'} | ${f(rate.seconds, 1)} | ${(aps / ceiling).toFixed(2)} | ${cpuMs === undefined ? '–' : f(cpuMs, 1)} | ${free} | ${note} |`);
}
for (const r of runs) console.log(`| enqueue (import's batches + pg-boss jobs), before the ${r.processes}-process run | ${f(n / r.enqueueSeconds)} | – | ${f(r.enqueueSeconds, 1)} | ${(n / r.enqueueSeconds / ceiling).toFixed(2)} | – | – | timed apart |`);
console.log('\nWhat the busy backends were doing (samples every 0.5 s, pg_stat_activity):\n');
for (const r of runs) {
  const total = Object.values(r.waits).reduce((a, b) => a + b, 0) || 1;
  const top = Object.entries(r.waits).sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log(`- ${r.processes} process${r.processes > 1 ? 'es' : ''}: ${top.map(([k, v]) => `${k} ${f((100 * v) / total)}%`).join(', ')}`);
}
const two = runs.find((r) => r.processes === 2);
if (two) {
  const aps = two.stored / two.seconds;
  console.log(`\nTarget: >= ${TARGET} articles/s with 2 workers: ${f(aps)} articles/s, ${aps >= TARGET ? 'met' : 'MISSED'}.`);
}
if (profile) {
  const p = profile.perRecord;
  console.log(`\n### One record, serially (${profile.records} records, 1 reader thread): ${f(p.total, 1)} ms`);
  console.log(`read + extract ${f(p.read, 1)} ms (${f((100 * p.read) / p.total)}%), SQL ${f(p.sql, 1)} ms (${f((100 * p.sql) / p.total)}%), other JS ${f(p.other, 1)} ms\n`);
  console.log('| statement | calls/record | ms/record |');
  console.log('|---|---:|---:|');
  for (const s of profile.statements.slice(0, 15)) console.log(`| \`${s.sql.replaceAll('|', '\\|')}\` | ${f(s.perRecord, 1)} | ${f(s.ms, 2)} |`);
}
