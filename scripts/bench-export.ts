// npm run bench:export [-- --articles 100000 --q security --warm-only]
// Exports the whole bench:search corpus (verbatim_bench on the server in DATABASE_URL, built
// once and reused) as CSV over HTTP from the app in its own process, and reports rows/s, MB/s
// and the server's peak resident memory over what it held before, next to PostgreSQL's own
// `COPY (the same joined query) TO STDOUT WITH CSV` through pg-copy-streams, the floor.
// One app process exports everything with no citation kept (cold: every article's citation is
// formatted), again (warm), then a one-word search by date and by relevance, for interest.
// Then COPY, and right after it a warm export from a freshly started app (the targets are
// read from these two), and a warm export of a tenth of the corpus from another fresh app (so
// the memory of 100,000 rows and of 1,000,000 can be compared).
// Targets (issue #11): the warm export at >= 0.5 x COPY's rows/s; peak RSS growth < 100 MB.
import os from 'node:os';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/database.ts';
import { joinedExportQuery } from '../src/export/export.queries.ts';
import { parseSearchParams } from '../src/search/search.ts';
import { type AppProcess, startApp } from './bench/app-process.ts';
import { benchDatabase, numberArg, prewarm, textArg } from './bench/bench-database.ts';
import { STATEMENTS_PER_ARTICLE } from './bench/corpus.ts';
import { copyExport, httpExport, inlineParameters, type Run } from './bench/export-measure.ts';

const ARTICLES = numberArg('articles', 100_000);
const WORD = textArg('q', 'security');
const WARM_ONLY = process.argv.includes('--warm-only');
const log = (m: string) => console.error(`[bench] ${m}`);
const MB = 1e6;

const { url } = await benchDatabase('bench:export', ARTICLES, log);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
await prewarm(pool, log);
const loadBefore = os.loadavg()[0]!;

/** The export's joined query for these search parameters, as COPY takes it (parameters written in). */
function copyQuery(params: Record<string, string>): string {
  const { sql, parameters } = joinedExportQuery(parseSearchParams(params).params, undefined).compile(db);
  return inlineParameters(sql, parameters, (s) => pg.escapeLiteral(s));
}

// A fixed public origin: permalinks and the citations of articles without a URL hold it, so
// citations kept by an earlier run stay valid (a changed origin makes them again).
const APP_ENV = { PUBLIC_URL: 'https://verbatim.example' };
const runs: Run[] = [];
const record = (r: Run) => {
  runs.push(r);
  log(`${r.name}: ${r.rows.toLocaleString('en')} rows in ${r.seconds.toFixed(1)} s${r.rssGrowth === null ? '' : `, RSS +${(r.rssGrowth / MB).toFixed(0)} MB`}`);
  return r;
};
/** Runs `fn` against a new app process (so its memory starts as a freshly started server's), then stops it. */
async function withApp<T>(fn: (app: AppProcess) => Promise<T>): Promise<T> {
  const app = await startApp(url, APP_ENV);
  try {
    return await fn(app);
  } finally {
    await app.stop();
  }
}
const exportUrl = (app: AppProcess, params: Record<string, string> = {}) => `${app.base}/api/export.csv?${new URLSearchParams(params)}`;
// About a tenth of the corpus, the oldest (?to=<day>): peak memory of a fresh server for 100,000 rows, next to 1,000,000.
const sliceDay = (await pool.query<{ d: string }>(`select to_char(published_at, 'YYYY-MM-DD') as d from statement_search
  where published_at is not null order by published_at offset $1 limit 1`, [Math.floor((ARTICLES * STATEMENTS_PER_ARTICLE) / 10)])).rows[0]!.d;

try {
  const word = await withApp(async (app) => {
    if (!WARM_ONLY) {
      await pool.query('truncate article_citations');
      record(await httpExport('app, everything, cold (no citation kept)', exportUrl(app), app.child.pid!));
      record(await httpExport('app, everything, warm, second export of the process', exportUrl(app), app.child.pid!));
    }
    const copied = record(await copyExport(`COPY, q=${WORD} newest first`, pool, copyQuery({ q: WORD, sort: 'newest' })));
    record(await httpExport(`app, q=${WORD} newest first`, exportUrl(app, { q: WORD, sort: 'newest' }), app.child.pid!));
    record(await httpExport(`app, q=${WORD} by relevance`, exportUrl(app, { q: WORD }), app.child.pid!));
    return copied;
  });
  const floor = record(await copyExport('COPY, everything', pool, copyQuery({})));
  const warm = record(await withApp((app) => httpExport('app, everything, warm, fresh process', exportUrl(app), app.child.pid!)));
  const slice = record(await withApp((app) => httpExport(`app, to=${sliceDay} (a tenth), warm, fresh process`, exportUrl(app, { to: sliceDay }), app.child.pid!)));

  // The same rows in the same order as COPY's: counts and the hash of the statement ids in order.
  const problems = runs.filter((r) => r.name.startsWith('app, everything') || r.name.includes('newest first'))
    .filter((r) => { const ref = r.name.includes(`q=${WORD}`) ? word : floor; return r.rows !== ref.rows || r.idHash !== ref.idHash; })
    .map((r) => r.name);
  const relevance = runs.find((r) => r.name.includes('relevance'))!;
  if (relevance.rows !== word.rows) problems.push(relevance.name);

  const mem = Math.round(os.totalmem() / 2 ** 30);
  const version = (await pool.query<{ v: string }>(`select split_part(version(), ' ', 2) as v`)).rows[0]!.v;
  console.log(`\nCorpus: ${ARTICLES.toLocaleString('en')} articles, ${floor.rows.toLocaleString('en')} statements. Machine: ${os.cpus().length} cores, ${mem} GiB, PostgreSQL ${version}, Node ${process.version}; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after.`);
  console.log('HTTP: GET /api/export.csv from the app in its own process (production mode), read to the end by this process. COPY: the same rows as one joined query, `COPY (...) TO STDOUT WITH CSV` through pg-copy-streams. RSS: the app process, peak during the run minus before it.\n');
  console.log('| export | rows | seconds | rows/s | MB | MB/s | app CPU s | peak RSS growth | rows/s vs COPY |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of runs) {
    const ref = r.name.includes(`q=${WORD}`) ? word : floor;
    const ratio = r === ref ? '1 (floor)' : r === slice ? '' : ((r.rows / r.seconds) / (ref.rows / ref.seconds)).toFixed(2);
    console.log(`| ${r.name} | ${r.rows.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(r.rows / r.seconds).toLocaleString('en')} | ${(r.bytes / MB).toFixed(0)} | ${(r.bytes / MB / r.seconds).toFixed(1)} | ${r.serverCpu?.toFixed(1) ?? ''} | ${r.rssGrowth === null ? '' : `${(r.rssGrowth / MB).toFixed(0)} MB (peak ${(r.rssPeak! / MB).toFixed(0)} MB)`} | ${ratio} |`);
  }
  const ratio = (warm.rows / warm.seconds) / (floor.rows / floor.seconds);
  const growth = warm.rssGrowth!;
  console.log(`\nTargets (the warm export of a fresh process, COPY run just before it): >= 0.5 x COPY's rows/s: ${ratio.toFixed(2)} ${ratio >= 0.5 ? 'MET' : 'MISSED'}. Peak RSS growth < 100 MB for 1M rows: ${(growth / MB).toFixed(0)} MB ${growth < 100 * MB ? 'MET' : 'MISSED'} (${(slice.rssGrowth! / MB).toFixed(0)} MB for ${slice.rows.toLocaleString('en')} rows).`);
  console.log(problems.length ? `Rows differing from COPY's (count or order): ${problems.join('; ')}.` : 'Every export held the same rows in the same order as its COPY (by date), or the same number (by relevance).');
  process.exitCode = problems.length ? 1 : 0;
} finally {
  await db.destroy();
}
