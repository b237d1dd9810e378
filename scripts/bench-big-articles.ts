// npm run bench:big-articles: times the stores issue 9 was about, on the server in
// DATABASE_URL (in a database of its own, verbatim_bench_big_articles, made and dropped) or, without
// one, on an in-memory embedded database: a 10,000-statement article, 5,000 near-identical
// quotes, and the same quotes again in a second article (which must find the first).
// Baseline: a 100-statement article (news-sized) stored first; each big store prints its
// time per statement and the ratio to the baseline's (about 1 means the store scales linearly).
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { connectDatabase, type DbHandle } from '../src/db/connect.ts';
import { createMigratedDatabase } from '../src/db/create-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildSubmission } from '../src/ingest/build-submission.ts';
import { ingestArticle } from '../src/ingest/ingest-article.ts';
import { createReaderPool } from '../src/ingest/reader-pool.ts';
import { nearIdenticalQuotes, reportedSpeech } from '../test/fixtures/big-articles.ts';

const config = loadConfig();
let handle: DbHandle;
if (config.databaseUrl) {
  const url = await createMigratedDatabase(config.databaseUrl, 'verbatim_bench_big_articles', { dropFirst: true });
  handle = await connectDatabase({ databaseUrl: url, writePoolSize: config.ingestPoolSize });
} else {
  handle = await connectDatabase({ dataDir: 'memory://' });
  await migrateToLatest(handle.db);
}
const store = { db: handle.writeDb, statementTimeoutMs: config.ingestStatementTimeoutMs };
// Extraction runs in the app's worker pool, as it does for the API (its time is in the totals).
const readers = createReaderPool(config.readers);
const articles = [
  ['10,000 reported-speech statements', reportedSpeech(10_000)],
  ['5,000 near-identical quotes', nearIdenticalQuotes(5000)],
  ['the same 5,000 quotes again, reworded', nearIdenticalQuotes(5000).replaceAll(',"', ' today,"')],
] as const;
try {
  console.log(`${handle.kind === 'postgres' ? 'PostgreSQL server' : 'embedded PGlite'}, statement timeout ${store.statementTimeoutMs} ms`);
  const timeStore = async (label: string, text: string) => {
    const started = performance.now();
    const r = await ingestArticle(store, await buildSubmission({ fields: { title: label }, body: { text, format: 'text', field: 'text' } }, readers.readArticle));
    const ms = performance.now() - started;
    return { r, ms, msPerStatement: ms / Math.max(1, r.statementCount) };
  };
  await timeStore('warm-up: starts the reader thread (loading jsdom takes about 1 s)', reportedSpeech(3));
  const baseline = await timeStore('baseline: 100 reported-speech statements', reportedSpeech(100));
  console.log(`baseline, 100 statements: ${(baseline.ms / 1000).toFixed(2)} s, ${baseline.msPerStatement.toFixed(2)} ms per statement`);
  for (const [label, text] of articles) {
    const { r, ms, msPerStatement } = await timeStore(label, text);
    const ratio = (msPerStatement / baseline.msPerStatement).toFixed(2);
    console.log(`${label}: ${r.statementCount} statements in ${(ms / 1000).toFixed(1)} s, ${msPerStatement.toFixed(2)} ms per statement (${ratio}× the baseline's); clustering ${JSON.stringify(r.clustering)}`);
  }
} finally {
  await readers.close();
  await handle.close();
  if (config.databaseUrl) {
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    await admin.query('drop database if exists verbatim_bench_big_articles with (force)');
    await admin.end();
  }
}
