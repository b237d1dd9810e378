import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { InputError } from '../http/errors.ts';

/** Where a store runs and how long each of its SQL statements may take. */
export interface StoreTarget {
  /** The write side of the DbHandle (`writeDb`): its own pool on a server. */
  db: Kysely<Database>;
  /** `statement_timeout` for every statement of the transaction, in ms (INGEST_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /**
   * Commit without waiting for the WAL to reach disk (`synchronous_commit = off` for the
   * store's transaction), which takes the disk flush out of the time a store holds the
   * cluster lock. A server crash may then lose the last stores, each whole, never half of
   * one. For queue workers: the job's completion commits synchronously after the store,
   * and WAL is flushed in order, so a completed job's store is on disk; a lost store's job
   * was not completed and runs again.
   */
  asynchronousCommit?: boolean;
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

/**
 * Runs `fn` in one transaction on `target.db` with `SET LOCAL statement_timeout`, so a
 * store stuck behind locks or on a runaway query ends instead of holding its locks.
 * A deadlock victim is retried (inWriteTransaction: `fn` must be safe to run again).
 * Throws StoreTimeoutError (422, naming `field`) when a statement is cancelled; the
 * transaction rolled back, so nothing is half-stored. Embedded PGlite ignores
 * statement_timeout: there a store runs to its end.
 */
export async function inStoreTransaction<T>(
  target: StoreTarget,
  field: string,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await inWriteTransaction(target.db, async (trx) => {
      await sql`select set_config('statement_timeout', ${String(target.statementTimeoutMs)}, true),
        set_config('synchronous_commit', ${target.asynchronousCommit ? 'off' : 'on'}, true)`.execute(trx);
      return fn(trx);
    });
  } catch (err) {
    if ((err as { code?: string }).code === QUERY_CANCELED) throw new StoreTimeoutError(target.statementTimeoutMs, field);
    throw err;
  }
}
