// npm run bench:search [-- --articles 100000 --requests 400 --only 'facet']
// Builds (or reuses) a synthetic corpus in its own database (verbatim_bench on the server in
// DATABASE_URL) and in SQLite FTS5, then times a fixed query mix: through HTTP (the real app
// in a child process, loaded by autocannon) at 8 and 32 clients, as raw SQL through pg, and
// in SQLite.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { STATEMENTS_PER_ARTICLE } from './bench/corpus.ts';
import { httpLoad } from './bench/http-load.ts';
import { isLoaded, loadPostgres } from './bench/load-postgres.ts';
import { load, type LoadResult } from './bench/load-runner.ts';
import { queryMix } from './bench/query-mix.ts';
import { rawRunner } from './bench/raw-search.ts';
import { measureRecall } from './bench/recall.ts';
import { openSqlite, sqliteRunner } from './bench/sqlite.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ARTICLES = arg('articles', 100_000);
const REQUESTS = arg('requests', 400);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]! : '';
const DB_NAME = ARTICLES === 100_000 ? 'verbatim_bench' : `verbatim_bench_${ARTICLES}`;
const log = (m: string) => console.error(`[bench] ${m}`);

const config = loadConfig();
if (!config.databaseUrl) {
  console.error('bench:search needs a PostgreSQL server: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:search\n(the corpus goes into a database of its own, verbatim_bench, created on that server).');
  process.exit(2);
}
const benchUrl = new URL(config.databaseUrl);
benchUrl.pathname = `/${DB_NAME}`;

if (await isLoaded(benchUrl.toString(), ARTICLES)) log(`reusing ${DB_NAME}`);
else {
  log(`building ${DB_NAME}: ${ARTICLES.toLocaleString('en')} articles, ${(ARTICLES * STATEMENTS_PER_ARTICLE).toLocaleString('en')} statements`);
  const t = Date.now();
  await loadPostgres(config.databaseUrl, DB_NAME, ARTICLES, log);
  log(`Postgres corpus ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
const sqlite = openSqlite(path.resolve('data/bench'), ARTICLES, log);

const pool = new pg.Pool({ connectionString: benchUrl.toString(), max: 10 });
// Measure with a warm cache (as a server that has been up a while): load the tables and
// indexes into shared buffers when pg_prewarm is there.
try {
  await pool.query('create extension if not exists pg_prewarm');
  await pool.query(`select pg_prewarm(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('r', 'i')`);
} catch (err) {
  log(`no prewarm: ${(err as Error).message}`);
}
const { types, similarQuotes } = await queryMix(pool, ARTICLES * STATEMENTS_PER_ARTICLE);

// The app, as deployed: its own process, production mode, requests logged at warn only.
const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  env: { ...process.env, DATABASE_URL: benchUrl.toString(), PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', SESSION_SECRET: randomBytes(24).toString('hex') },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
  if (i > 100) throw new Error('the app did not start');
  await new Promise((r) => setTimeout(r, 200));
}

async function warm(params: Record<string, string>): Promise<void> {
  const res = await fetch(`${base}/api/search?${new URLSearchParams(params)}`);
  if (res.status !== 200) throw new Error(`warm-up: HTTP ${res.status}`);
  await res.arrayBuffer();
}
const raw = rawRunner(pool);
const lite = sqliteRunner(sqlite);

interface Row { type: string; fullText: boolean; http8: LoadResult; http32: LoadResult; raw8: LoadResult; raw1: LoadResult; sqlite: LoadResult }
const rows: Row[] = [];
for (const t of types.filter((x) => x.name.includes(ONLY))) {
  for (const v of t.variants) await warm(v); // warm caches the same for everyone
  const http8 = await httpLoad(base, t.variants, 8, REQUESTS);
  const http32 = await httpLoad(base, t.variants, 32, REQUESTS * 2);
  const raw8 = await load(t.variants, raw, 8, REQUESTS);
  const raw1 = await load(t.variants, raw, 1, Math.min(REQUESTS, 120));
  const sqliteResult = await load(t.variants, async (v) => lite(v), 1, Math.min(REQUESTS, 120));
  rows.push({ type: t.name, fullText: t.fullText, http8, http32, raw8, raw1, sqlite: sqliteResult });
  log(`${t.name}: HTTP@8 p50 ${http8.p50.toFixed(1)} p95 ${http8.p95.toFixed(1)} ms; raw p50 ${raw8.p50.toFixed(1)}; SQLite p50 ${sqliteResult.p50.toFixed(1)}`);
}
const recall = await measureRecall(pool, base, similarQuotes);
server.kill('SIGTERM');
await pool.end();
sqlite.close();

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const mem = Math.round(os.totalmem() / 2 ** 30);
console.log(`\nCorpus: ${ARTICLES.toLocaleString('en')} articles, ${(ARTICLES * STATEMENTS_PER_ARTICLE).toLocaleString('en')} statements, 20,000 speakers. Machine: ${os.cpus().length} cores, ${mem} GiB, ${(await serverVersion()) ?? 'PostgreSQL'}, Node ${process.version}.`);
console.log(`Latencies in ms (p50 / p95). HTTP: GET /api/search against the app in its own process; raw: the same SQL through pg (pool of 10), no app; SQLite: FTS5, one connection, so compared with raw SQL from 1 client.\n`);
console.log('| query | HTTP 8 clients | req/s | HTTP 32 clients | req/s | errors | raw SQL 8 clients | app/raw p50 | raw SQL 1 client | SQLite FTS5 | Postgres/SQLite p50 |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.type} | ${ms(r.http8.p50)} / ${ms(r.http8.p95)} | ${r.http8.rps.toFixed(0)} | ${ms(r.http32.p50)} / ${ms(r.http32.p95)} | ${r.http32.rps.toFixed(0)} | ${r.http8.errors + r.http32.errors} | ${ms(r.raw8.p50)} / ${ms(r.raw8.p95)} | ${(r.http8.p50 / r.raw8.p50).toFixed(2)} | ${ms(r.raw1.p50)} / ${ms(r.raw1.p95)} | ${ms(r.sqlite.p50)} / ${ms(r.sqlite.p95)} | ${(r.raw1.p50 / r.sqlite.p50).toFixed(1)} |`);
}
const worstFullText = Math.max(...rows.filter((r) => r.fullText).map((r) => r.http8.p95));
const similar = rows.find((r) => !r.fullText) ?? rows[0]!;
console.log(`\nTargets: full-text p95 at 8 clients <= 50 ms: worst ${ms(worstFullText)} ms ${worstFullText <= 50 ? 'MET' : 'MISSED'}. Near-verbatim p95 <= 40 ms: ${ms(similar.http8.p95)} ms ${similar.http8.p95 <= 40 ? 'MET' : 'MISSED'}; recall of similarity() > 0.5 matches: ${(recall.recall * 100).toFixed(1)}% (${recall.found}/${recall.expected} over ${similarQuotes.length} reworded quotes) ${recall.recall >= 0.95 ? 'MET' : 'MISSED'}.`);
const errors = rows.reduce((n, r) => n + r.http8.errors + r.http32.errors + r.raw8.errors + r.raw1.errors + r.sqlite.errors, 0);
console.log(`Errors: ${errors}.`);

async function serverVersion(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: benchUrl.toString() });
  await c.connect();
  const v = (await c.query<{ v: string }>(`select split_part(version(), ' ', 2) as v`)).rows[0]?.v;
  await c.end();
  return v ? `PostgreSQL ${v}` : undefined;
}
process.exit(errors === 0 ? 0 : 1);
