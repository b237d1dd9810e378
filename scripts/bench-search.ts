// npm run bench:search [-- --articles 100000 --requests 400 --only 'facet']
// Builds (or reuses) a synthetic corpus in its own database (verbatim_bench on the server in
// DATABASE_URL) and in SQLite FTS5, then times a fixed query mix: through HTTP (the real app
// in a child process, loaded by autocannon) at 8 and 32 clients, as raw SQL through pg, and
// in SQLite.
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startApp } from './bench/app-process.ts';
import { benchDatabase, numberArg, prewarm, textArg } from './bench/bench-database.ts';
import { STATEMENTS_PER_ARTICLE } from './bench/corpus.ts';
import { httpLoad } from './bench/http-load.ts';
import { load, type LoadResult } from './bench/load-runner.ts';
import { FRAGMENT_WORDS, queryMix } from './bench/query-mix.ts';
import { rawRunner } from './bench/raw-search.ts';
import { measureFragmentRecall, measureRecall } from './bench/recall.ts';
import { openSqlite, sqliteRunner } from './bench/sqlite.ts';

const ARTICLES = numberArg('articles', 100_000);
const REQUESTS = numberArg('requests', 400);
const ONLY = textArg('only', '');
const log = (m: string) => console.error(`[bench] ${m}`);

const { url: benchUrl } = await benchDatabase('bench:search', ARTICLES, log);
const sqlite = openSqlite(path.resolve('data/bench'), ARTICLES, log);

const pool = new pg.Pool({ connectionString: benchUrl, max: 10 });
await prewarm(pool, log);
const { types, similarQuotes, fragments } = await queryMix(pool, ARTICLES * STATEMENTS_PER_ARTICLE);

const app = await startApp(benchUrl);
const base = app.base;

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
const fragmentRecall = await measureFragmentRecall(base, fragments);
await app.stop();
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
console.log(`Fragments (${FRAGMENT_WORDS} words from the middle of a statement of 24+ words, one word replaced): source statement in the top ${fragmentRecall.k} for ${fragmentRecall.found}/${fragmentRecall.total} (${(fragmentRecall.recall * 100).toFixed(0)}%), ranked first for ${fragmentRecall.first}/${fragmentRecall.total}.`);
const errors = rows.reduce((n, r) => n + r.http8.errors + r.http32.errors + r.raw8.errors + r.raw1.errors + r.sqlite.errors, 0);
console.log(`Errors: ${errors}.`);

async function serverVersion(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: benchUrl });
  await c.connect();
  const v = (await c.query<{ v: string }>(`select split_part(version(), ' ', 2) as v`)).rows[0]?.v;
  await c.end();
  return v ? `PostgreSQL ${v}` : undefined;
}
process.exit(errors === 0 ? 0 : 1);
