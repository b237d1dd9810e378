import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { countPendingStatementWords } from '../statements/statement-words.queries.ts';

/** Session advisory lock class: one worker at a time runs maintainStoreTables; used nowhere else. */
export const STORE_MAINTENANCE_LOCK = 0x4d61696e;

/** Tables whose rows stores rewrite, leaving dead row versions: vacuumed, then analyzed. */
const REWRITTEN = ['statement_words', 'statement_words_pending', 'quote_clusters', 'import_records', 'roles'];
/** Tables stores grow: analyzed, so that plans (cached ones too) follow their size. */
const GROWN = ['articles', 'statements', 'statement_search', 'search_postings', 'attributions', 'speakers', 'speaker_aliases'];

/**
 * One maintenance pass over the tables a bulk import writes: it first counts the words of
 * statements still pending (countPendingStatementWords), then runs VACUUM (ANALYZE) of those whose
 * rows stores rewrite (the statement_words counters above all), ANALYZE of those they grow.
 * Autovacuum does this too, but only every autovacuum_naptime (a minute) and not at all
 * where it is off (as on this project's test server): meanwhile an import that starts from
 * an empty database keeps the plans made for empty tables (prepared statements cache them
 * until an ANALYZE) and its counters' dead versions pile up (bench:ingest: 36 articles/s
 * falling to 24 within 3 minutes without it). Runs on one connection of `db`, outside any
 * transaction, under a session advisory lock taken without waiting: returns false, doing
 * nothing, when another worker is running it.
 */
export async function maintainStoreTables(db: Kysely<Database>): Promise<boolean> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${STORE_MAINTENANCE_LOCK}, 0) as locked`.execute(conn);
    if (!rows[0]?.locked) return false;
    try {
      // What a worker killed between a store's commit and its count left uncounted.
      await countPendingStatementWords(conn, null);
      await sql`vacuum (analyze) ${sql.join(REWRITTEN.map((t) => sql.table(t)))}`.execute(conn);
      await sql`analyze ${sql.join(GROWN.map((t) => sql.table(t)))}`.execute(conn);
      return true;
    } finally {
      await sql`select pg_advisory_unlock(${STORE_MAINTENANCE_LOCK}, 0)`.execute(conn);
    }
  });
}

/** A worker's schedule of maintainStoreTables passes (scheduleStoreMaintenance). */
export interface StoreMaintenance {
  /** Tells the schedule a record was processed: a pass is due only after some were. */
  noteRecord(): void;
  /** Stops the schedule, waiting for a pass that is running. */
  stop(): Promise<void>;
}

/**
 * Runs maintainStoreTables every `everySeconds` (0: never) while this worker processes
 * records: a period in which it processed none (an idle worker) runs no pass, and a pass
 * still running when the next is due makes that one wait its turn. Errors go to `onError`
 * (the next pass runs anyway).
 */
export function scheduleStoreMaintenance(db: Kysely<Database>, everySeconds: number, onError: (err: Error) => void): StoreMaintenance {
  let records = 0;
  if (everySeconds <= 0) return { noteRecord: () => void records++, stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (records === 0) return;
    records = 0;
    running = running.then(() => maintainStoreTables(db)).catch((err: Error) => onError(err));
  }, everySeconds * 1000);
  timer.unref();
  return {
    noteRecord: () => void records++,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
