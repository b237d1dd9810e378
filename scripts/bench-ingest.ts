// npx tsx scripts/bench-ingest.ts: times the stores issue 9 was about, on the server in
// DATABASE_URL (in a database of its own, verbatim_bench_ingest, made and dropped) or, without
// one, on an in-memory embedded database: a 10,000-statement article, 5,000 near-identical
// quotes, and the same quotes again in a second article (which must find the first).
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
  const url = await createMigratedDatabase(config.databaseUrl, 'verbatim_bench_ingest', { dropFirst: true });
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
  for (const [label, text] of articles) {
    const started = performance.now();
    const r = await ingestArticle(store, await buildSubmission({ fields: { title: label }, body: { text, format: 'text', field: 'text' } }, readers.readArticle));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${label}: ${r.statementCount} statements in ${seconds} s; clustering ${JSON.stringify(r.clustering)}`);
  }
} finally {
  await readers.close();
  await handle.close();
  if (config.databaseUrl) {
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    await admin.query('drop database if exists verbatim_bench_ingest with (force)');
    await admin.end();
  }
}
