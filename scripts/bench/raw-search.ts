// The app's queries with no app: runSearch's SQL, step for step, sent through a pg.Pool
// by Kysely's Postgres driver (a thin layer over pool.query) as prepared statements, as the
// app sends them, with no HTTP server, Express, presenter or JSON. Calling runSearch itself
// keeps the two from drifting apart.
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { preparingPool } from '../../src/db/prepared-statements.ts';
import { runSearch } from '../../src/search/run-search.ts';
import { parseSearchParams } from '../../src/search/search.ts';
import type { Params } from './query-mix.ts';

export function rawRunner(pool: pg.Pool) {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return async function rawSearch(query: Params): Promise<number> {
    const { params } = parseSearchParams(query);
    return (await runSearch(db, params)).hits.length;
  };
}
