import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';

const QUERY_CANCELED = '57014';

/**
 * Runs `fn` in a transaction whose statements Postgres cancels after `ms`: for the few
 * queries whose cost the input decides. Resolves `{ timedOut: true }` instead of throwing.
 * (Embedded PGlite ignores statement_timeout: there the query simply runs to the end.)
 */
export async function withStatementTimeout<T>(
  db: Kysely<Database>,
  ms: number,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<{ timedOut: false; value: T } | { timedOut: true }> {
  try {
    const value = await db.transaction().execute(async (trx) => {
      await sql`select set_config('statement_timeout', ${String(Math.round(ms))}, true)`.execute(trx);
      return fn(trx);
    });
    return { timedOut: false, value };
  } catch (err) {
    if ((err as { code?: string }).code === QUERY_CANCELED) return { timedOut: true };
    throw err;
  }
}
