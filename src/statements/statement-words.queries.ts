import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Counts the words of newly stored (or re-worded) statements in statement_words, the
 * per-word statement counts near-verbatim search and clustering pick rare words by. Locks
 * the words' counter rows (in sorted order) until the transaction ends, so a store calls it
 * late: just before the cluster lock (migration 20261130090000), or leaves the counting to
 * after its commit (markWordsPending). Deleted statements are uncounted by trigger.
 */
export async function countStatementWords(db: Kysely<Database>, statementIds: number[]): Promise<void> {
  if (statementIds.length === 0) return;
  await sql`select count_statement_words(${statementIds}::int[])`.execute(db);
}

/**
 * Lists newly stored statements as not counted yet (statement_words_pending), for
 * countPendingStatementWords after the store commits: a store then holds no counter row
 * locks (migration 20261130120000). One insert.
 */
export async function markWordsPending(db: Kysely<Database>, statementIds: number[]): Promise<void> {
  if (statementIds.length === 0) return;
  await sql`insert into statement_words_pending (statement_id) select unnest(${statementIds}::int[])`.execute(db);
}

/**
 * Counts the words of pending statements (markWordsPending) and takes them off the list:
 * those of `statementIds`, or every pending one (null: the sweep after a worker died between
 * its store's commit and this count). Each is counted once, by whichever call takes it off.
 * Run it in a transaction of its own (or outside one): it locks counter rows to its end.
 * Returns how many it counted.
 */
export async function countPendingStatementWords(db: Kysely<Database>, statementIds: number[] | null): Promise<number> {
  if (statementIds?.length === 0) return 0;
  const { rows } = await sql<{ n: number }>`select count_pending_statement_words(${statementIds}::int[]) as n`.execute(db);
  return rows[0]!.n;
}
