// The bench corpus' database: verbatim_bench (or verbatim_bench_<N> for a smaller corpus) on
// the server in DATABASE_URL, built once by loadPostgres and reused by every later run.
import type pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { STATEMENTS_PER_ARTICLE } from './corpus.ts';
import { isLoaded, loadPostgres } from './load-postgres.ts';

/**
 * The URL of the corpus database of `articles` articles (STATEMENTS_PER_ARTICLE statements
 * each), building it first when it is missing or was built by another corpus version.
 * Without DATABASE_URL it prints how to run `script` and exits with status 2.
 */
export async function benchDatabase(script: string, articles: number, log: (m: string) => void): Promise<{ url: string; name: string }> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    console.error(`${script} needs a PostgreSQL server: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run ${script}\n(the corpus goes into a database of its own, verbatim_bench, created on that server).`);
    process.exit(2);
  }
  const name = articles === 100_000 ? 'verbatim_bench' : `verbatim_bench_${articles}`;
  const url = new URL(config.databaseUrl);
  url.pathname = `/${name}`;
  if (await isLoaded(url.toString(), articles)) log(`reusing ${name}`);
  else {
    log(`building ${name}: ${articles.toLocaleString('en')} articles, ${(articles * STATEMENTS_PER_ARTICLE).toLocaleString('en')} statements`);
    const t = Date.now();
    await loadPostgres(config.databaseUrl, name, articles, log);
    log(`Postgres corpus ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  return { url: url.toString(), name };
}

/** `--name N` from the command line, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** `--name text` from the command line, else `fallback`. */
export function textArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
}

/**
 * Loads every table and index of the corpus into shared buffers when pg_prewarm is there, so
 * runs measure a server that has been up a while rather than the disk.
 */
export async function prewarm(pool: pg.Pool, log: (m: string) => void): Promise<void> {
  try {
    await pool.query('create extension if not exists pg_prewarm');
    await pool.query(`select pg_prewarm(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                      where n.nspname = 'public' and c.relkind in ('r', 'i')`);
  } catch (err) {
    log(`no prewarm: ${(err as Error).message}`);
  }
}
