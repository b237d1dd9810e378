import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.ts';

const DEADLOCK_DETECTED = '40P01';
const SERIALIZATION_FAILURE = '40001';
/**
 * Postgres aborts one of two transactions that wait on each other; running it again after
 * the other committed succeeds. Two more attempts: a third deadlock in a row would mean
 * something other than bad timing.
 */
const ATTEMPTS = 3;

/**
 * Runs `fn` in one transaction on `db`, running it again (up to 3 attempts in all) when
 * Postgres picks it as a deadlock victim (40P01) or fails it for serialization (40001), so
 * two edits that lock the same rows in different orders (a speaker merge and an article
 * deletion, a review and a merge) both complete instead of one answering 500. `fn` must be
 * safe to run again: all its writes rolled back. Other errors are thrown as they come.
 */
export async function inWriteTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code === DEADLOCK_DETECTED || code === SERIALIZATION_FAILURE) && attempt < ATTEMPTS) continue;
      throw err;
    }
  }
}
