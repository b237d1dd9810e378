import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Counts the words of newly stored (or re-worded) statements in statement_words, the
 * per-word statement counts near-verbatim search and clustering pick rare words by. Locks
 * the words' counter rows (in sorted order) until the transaction ends, so a store calls it
 * late: just before the cluster lock (migration 20261130090000). Deleted statements are
 * uncounted by trigger.
 */
export async function countStatementWords(db: Kysely<Database>, statementIds: number[]): Promise<void> {
  if (statementIds.length === 0) return;
  await sql`select count_statement_words(${statementIds}::int[])`.execute(db);
}
