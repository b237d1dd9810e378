import { type Kysely, sql } from 'kysely';
import { assignClusters, lockClusterChanges } from '../clusters/assign-clusters.ts';
import { countPendingStatementWords, countStatementWords } from '../statements/statement-words.queries.ts';
import { refreshClusterStats } from '../clusters/clusters.queries.ts';
import type { Database } from '../db/database.ts';
import { splitParagraphs } from '../extraction/paragraphs.ts';
import { InputError } from '../http/errors.ts';
import { normalizeStatementText, statementFingerprint } from '../statements/normalize.ts';
import { codePointLength, codePointSlicer, unitIndexOfCodePoints } from '../text/code-points.ts';
import { articleBody, findSameSpan, type LockedStatement } from './review.queries.ts';

// A corrected quote span: checked against the article body, then written to the statement
// row with the text, normalized words and fingerprint ingest would have given it.

export interface SpanFix {
  start: number;
  end: number;
  text: string;
  normalized: string;
  fingerprint: string;
  paragraphIndex: number;
}

/**
 * Checks a span [start, end) in code points for `statement`: inside its article's body,
 * end after start, some words in it, and no other statement of the same kind and span in
 * the article. Returns what the statement row becomes. InputError 422 naming quoteStart or
 * quoteEnd otherwise.
 */
export async function checkSpan(db: Kysely<Database>, statement: LockedStatement, start: number, end: number): Promise<SpanFix> {
  const body = await articleBody(db, statement.article_id);
  const length = codePointLength(body);
  if (start >= length) throw new InputError([{ field: 'quoteStart', message: `must lie inside the article text (0 to ${length - 1})` }]);
  if (end > length) throw new InputError([{ field: 'quoteEnd', message: `must lie inside the article text (at most ${length})` }]);
  if (end <= start) throw new InputError([{ field: 'quoteEnd', message: 'must be greater than quoteStart' }]);
  const text = codePointSlicer(body)(start, end);
  if (text.trim() === '') throw new InputError([{ field: 'quoteStart', message: 'the span holds no words' }]);
  const other = await findSameSpan(db, statement, start, end);
  if (other !== undefined) throw new InputError([{ field: 'quoteStart', message: `statement ${other} of this article already has this span` }]);
  const normalized = normalizeStatementText(text);
  const startUnit = unitIndexOfCodePoints(body)[start]!;
  const paragraph = splitParagraphs(body).filter((p) => p.start <= startUnit).at(-1);
  return { start, end, text, normalized, fingerprint: statementFingerprint(normalized), paragraphIndex: paragraph?.index ?? 0 };
}

/**
 * Writes the span to the statement (its search row and postings follow by trigger, its word
 * counts here) and, if
 * the words changed, moves it out of its cluster and clusters it again (a bounded number of
 * queries, as for one new quote). Call after every other statement write of the transaction.
 */
export async function applySpan(db: Kysely<Database>, statement: LockedStatement, fix: SpanFix): Promise<void> {
  const wordsChanged = fix.fingerprint !== statement.fingerprint;
  // statement_words counts statements per word (near-verbatim search picks rare words by
  // it); deletes are uncounted by trigger and stores count their inserts
  // (countStatementWords), so a new text is uncounted and counted here, in sorted word order.
  if (wordsChanged) {
    // A statement whose store left its counting to after its commit is counted first, so
    // the uncount below takes off what was counted.
    await countPendingStatementWords(db, [statement.id]);
    await sql`
      update statement_words sw set doc_count = greatest(sw.doc_count - 1, 0)
      from (select w from statements s cross join lateral unnest(tsvector_to_array(s.search_vector)) as w where s.id = ${statement.id} order by w) d
      where sw.word = d.w`.execute(db);
  }
  await db
    .updateTable('statements')
    .set({
      text: fix.text,
      start_offset: fix.start,
      end_offset: fix.end,
      normalized_text: fix.normalized,
      fingerprint: fix.fingerprint,
      paragraph_index: fix.paragraphIndex,
      ...(wordsChanged ? { cluster_id: null } : {}),
    })
    .where('id', '=', statement.id)
    .execute();
  if (!wordsChanged) return;
  await countStatementWords(db, [statement.id]);
  await lockClusterChanges(db);
  if (statement.kind === 'quote') {
    await assignClusters(db, statement.article_id, [{ id: statement.id, normalizedText: fix.normalized, fingerprint: fix.fingerprint }]);
  }
  if (statement.cluster_id !== null) await refreshClusterStats(db, [statement.cluster_id]);
}

/** After a speaker or status change: the statement's cluster recounts its speakers and conflicts. */
export async function refreshStatementCluster(db: Kysely<Database>, statementId: number): Promise<void> {
  const row = await db.selectFrom('statements').select('cluster_id').where('id', '=', statementId).executeTakeFirst();
  if (!row?.cluster_id) return;
  await lockClusterChanges(db);
  await refreshClusterStats(db, [row.cluster_id]);
}
