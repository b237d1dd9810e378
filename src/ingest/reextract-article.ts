import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { lockClusterChanges } from '../clusters/assign-clusters.ts';
import { refreshClusterStats } from '../clusters/clusters.queries.ts';
import { NotFoundError } from '../http/errors.ts';
import { deleteUnneededSpeakers, speakersOfArticle } from '../speakers/speaker-cleanup.queries.ts';
import { speakerNameCandidates } from '../speakers/speaker-edits.queries.ts';
import { lockSpeakerNames } from '../speakers/speakers.queries.ts';
import type { ReaderPool } from './reader-pool.ts';
import { collectSpeakers, persistExtraction } from './persist-extraction.ts';
import { inStoreTransaction, type StoreTarget } from './store-transaction.ts';

export interface ReextractResult {
  articleId: number;
  removed: number;
  kept: number;
  added: number;
  /** Speakers only the replaced statements named, deleted with them (deleteUnneededSpeakers). */
  speakersDeleted: number;
}

/**
 * Runs the current extractor over a stored article (in a worker of `readers`, whose InputError
 * over the time budget is passed on), then stores the result in one transaction on
 * `target.db`, with its statement timeout (StoreTimeoutError naming the field 'article' when
 * exceeded). Statements a person has touched (any attribution version that is not the
 * machine's, an annotation, or a suggestion, pending or decided) are kept as they are; the machine's own are replaced, and new
 * ones overlapping a kept statement of the same kind are dropped. The speakers the replaced
 * statements named that nothing names any more, and no person curated, are deleted
 * (deleteUnneededSpeakers). NotFoundError: no such article.
 */
export async function reextractArticle(
  target: StoreTarget,
  articleId: number,
  readers: Pick<ReaderPool, 'extract'>,
  /** Runs inside the store's transaction at its end (a re-extraction job marks its record there). */
  withinStore?: (trx: Transaction<Database>, result: ReextractResult) => Promise<void>,
): Promise<ReextractResult> {
  const stored = await target.db.selectFrom('articles').select(['body_text', 'language']).where('id', '=', articleId).executeTakeFirst();
  if (!stored) throw new NotFoundError(`Article ${articleId}`);
  // The body text never changes: extracted before the transaction holds a connection.
  const result = await readers.extract(stored.body_text, 'article', stored.language);
  return inStoreTransaction(target, 'article', async (trx) => {
    const article = await trx
      .selectFrom('articles')
      .select(['id', 'body_text', 'published_at'])
      .where('id', '=', articleId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    // Locks in the order every store takes them (speaker names, then statement words):
    // the delete below takes word locks, and resolving speakers after it could deadlock
    // with a store holding those names and waiting for the words.
    // The names of the speakers the old statements named too, for the cleanup at the end.
    const previous = await speakersOfArticle(trx, articleId);
    await lockSpeakerNames(trx, [...collectSpeakers(result.statements).values(), ...(await speakerNameCandidates(trx, previous))]);
    const humanTouched = sql<boolean>`exists (select 1 from attributions h where h.statement_id = statements.id and (h.status <> 'machine' or h.created_by is not null))
      or exists (select 1 from annotations n where n.statement_id = statements.id)
      or exists (select 1 from attribution_suggestions g where g.statement_id = statements.id)`;
    const removed = await trx
      .deleteFrom('statements')
      .where('article_id', '=', articleId)
      .where(sql<boolean>`not (${humanTouched})`)
      .returning('cluster_id')
      .execute();
    const kept = await trx.selectFrom('statements').select(['kind', 'start_offset', 'end_offset']).where('article_id', '=', articleId).execute();
    const overlapsKept = (s: { kind: string; start: number; end: number }) =>
      kept.some((k) => k.kind === s.kind && s.start < k.end_offset && k.start_offset < s.end);
    const fresh = result.statements.filter((s) => !overlapsKept(s));
    const persisted = await persistExtraction(
      trx,
      { id: article.id, bodyText: article.body_text, publishedAt: article.published_at, keepsStatements: kept.length > 0 },
      { ...result, statements: fresh },
    );
    // After every statement write (see lockClusterChanges), the clusters that lost members.
    await lockClusterChanges(trx);
    await refreshClusterStats(trx, [...new Set(removed.map((r) => r.cluster_id).filter((c): c is number => c !== null))]);
    const deleted = await deleteUnneededSpeakers(trx, previous.map((s) => s.id));
    const outcome = { articleId, removed: removed.length, kept: kept.length, added: persisted.statementCount, speakersDeleted: deleted.length };
    await withinStore?.(trx, outcome);
    return outcome;
  });
}
