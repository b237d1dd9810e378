import { contentSha256, normalizeOutletName } from '../articles/articles.ts';
import { findDuplicateArticle, insertArticle, upsertOutlet } from '../articles/articles.queries.ts';
import type { Transaction } from 'kysely';
import type { ClusteringStats } from '../clusters/assign-clusters.ts';
import type { Database } from '../db/database.ts';
import type { BuiltArticle } from './build-submission.ts';
import { persistExtraction } from './persist-extraction.ts';
import { inStoreTransaction, type StoreTarget } from './store-transaction.ts';

export interface IngestResult {
  articleId: number;
  created: boolean;
  statementCount: number;
  /** What clustering its quotes took (absent for a duplicate), for logs and benchmarks. */
  clustering?: ClusteringStats | null;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Stores an article and everything extracted from it in ONE transaction on `target.db`
 * (the write pool): either all of it lands or none. The same content (or canonical URL)
 * returns the stored article. Throws StoreTimeoutError (422 naming `bodyField`) when a step
 * outlives `target.statementTimeoutMs`.
 */
export async function ingestArticle(
  target: StoreTarget,
  /** From buildSubmission: the extraction already ran, off the main thread. */
  { submission, extraction }: BuiltArticle,
  /** Who added it (null: a CLI or the demo loader), for the audit log. */
  actorId: number | null = null,
  /** The input field the body text came from ('text', 'html', 'file'), for errors. */
  bodyField = 'text',
  /** Runs inside the store's transaction once the article is in, before its quotes are clustered (an import marks its record there). */
  withinStore?: (trx: Transaction<Database>, result: IngestResult) => Promise<void>,
): Promise<IngestResult> {
  const { db } = target;
  const sha = contentSha256(submission.bodyText);
  const existing = await findDuplicateArticle(db, sha, submission.canonicalUrl);
  if (existing) return { articleId: existing.id, created: false, statementCount: 0 };
  try {
    return await inStoreTransaction(target, bodyField, async (trx) => {
      const outletId = submission.outlet
        ? await upsertOutlet(trx, submission.outlet, normalizeOutletName(submission.outlet))
        : null;
      const article = await insertArticle(trx, submission, sha, outletId);
      const persisted = await persistExtraction(
        trx,
        { id: article.id, bodyText: submission.bodyText, publishedAt: submission.published },
        extraction,
        async (statementCount) => {
          await trx
            .insertInto('audit_log')
            .values({
              user_id: actorId,
              action: 'article.create',
              entity_type: 'article',
              entity_id: article.id,
              after: JSON.stringify({ title: submission.title, url: submission.url, sha256: sha, statements: statementCount }),
            })
            .execute();
          await withinStore?.(trx, { articleId: article.id, created: true, statementCount });
        },
      );
      return { articleId: article.id, created: true, statementCount: persisted.statementCount, clustering: persisted.clustering };
    });
  } catch (err) {
    // A concurrent request stored the same article first: answer with that one.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
      const winner = await findDuplicateArticle(db, sha, submission.canonicalUrl);
      if (winner) return { articleId: winner.id, created: false, statementCount: 0 };
    }
    throw err;
  }
}
