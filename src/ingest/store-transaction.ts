import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { InputError } from '../http/errors.ts';

/** Where a store runs and how long each of its SQL statements may take. */
export interface StoreTarget {
  /** The write side of the DbHandle (`writeDb`): its own pool on a server. */
  db: Kysely<Database>;
  /** `statement_timeout` for every statement of the transaction, in ms (INGEST_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
}

/** A store cancelled by its statement timeout: 422 naming the field the text came from. */
export class StoreTimeoutError extends InputError {
  constructor(timeoutMs: number, field: string) {
    const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
    super([{
      field,
      message: `storing this article took longer than ${seconds} (one step was cancelled), so nothing was stored; try again later or split the article into shorter ones`,
    }]);
  }
}

const QUERY_CANCELED = '57014';
const DEADLOCK_DETECTED = '40P01';
const SERIALIZATION_FAILURE = '40001';
/**
 * Postgres aborts one of two transactions that wait on each other; running it again after
 * the other committed succeeds. Two more attempts: a third deadlock in a row would mean
 * something other than bad timing.
 */
const ATTEMPTS = 3;

/**
 * Runs `fn` in one transaction on `target.db` with `SET LOCAL statement_timeout`, so a
 * store stuck behind locks or on a runaway query ends instead of holding its locks.
 * A deadlock victim is retried (`fn` must be safe to run again: all its writes roll back).
 * Throws StoreTimeoutError (422, naming `field`) when a statement is cancelled; the
 * transaction rolled back, so nothing is half-stored. Embedded PGlite ignores
 * statement_timeout: there a store runs to its end.
 */
export async function inStoreTransaction<T>(
  target: StoreTarget,
  field: string,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.db.transaction().execute(async (trx) => {
        await sql`select set_config('statement_timeout', ${String(target.statementTimeoutMs)}, true)`.execute(trx);
        return fn(trx);
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === QUERY_CANCELED) throw new StoreTimeoutError(target.statementTimeoutMs, field);
      if ((code === DEADLOCK_DETECTED || code === SERIALIZATION_FAILURE) && attempt < ATTEMPTS) continue;
      throw err;
    }
  }
}
