import { contentSha256, normalizeOutletName } from '../articles/articles.ts';
import { findDuplicateArticles, insertArticles, upsertOutlets } from '../articles/articles.queries.ts';
import type { Transaction } from 'kysely';
import type { ClusteringStats } from '../clusters/assign-clusters.ts';
import type { Database } from '../db/database.ts';
import { unnestInsert } from '../db/unnest-insert.ts';
import type { BuiltArticle } from './build-submission.ts';
import { persistExtractions } from './persist-extraction.ts';
import { countPendingStatementWords } from '../statements/statement-words.queries.ts';
import { inStoreTransaction, type StoreTarget } from './store-transaction.ts';

export interface IngestResult {
  articleId: number;
  created: boolean;
  statementCount: number;
  /** What clustering its quotes took (absent for a duplicate), for logs and benchmarks. */
  clustering?: ClusteringStats | null;
}

/** One article to store: built (extraction done), who added it, and where its text came from. */
export interface ArticleToIngest {
  /** From buildSubmission: the extraction already ran, off the main thread. */
  built: BuiltArticle;
  /** Who added it (null: a CLI or the demo loader), for the audit log. */
  actorId: number | null;
  /** The input field the body text came from ('text', 'html', 'file'), for errors. */
  bodyField: string;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Stores articles and everything extracted from them in ONE transaction on `target.db`
 * (the write pool): either all of them land or none (persistExtractions: each article as if
 * stored after the one before it). An article whose content (or canonical URL) is stored
 * already, or comes earlier in the list, is not stored again: its result names that article
 * with created false. Returns one IngestResult per item, in order. Throws StoreTimeoutError
 * (422 naming the first item's `bodyField`) when a step outlives `target.statementTimeoutMs`,
 * and a unique violation (23505) when a concurrent store took one of the articles first:
 * nothing is stored then, and storing the articles one at a time (ingestArticle) sorts it out.
 */
export async function ingestArticles(
  target: StoreTarget,
  items: ArticleToIngest[],
  /** Runs inside the store's transaction once the articles are in, before their quotes are clustered (an import marks its records there); given the new ones' results. */
  withinStore?: (trx: Transaction<Database>, stored: { index: number; result: IngestResult }[]) => Promise<void>,
  /**
   * deferWordCounts (queue workers): count the new statements' words right after the
   * commit, in a short transaction of their own under the same statement timeout, so the
   * store holds no counter row locks (persistExtractions). If that count fails, the articles stay stored and the error is
   * thrown; store maintenance counts what was left (countPendingStatementWords).
   */
  { deferWordCounts = false }: { deferWordCounts?: boolean } = {},
): Promise<IngestResult[]> {
  const keys = items.map(({ built }) => ({ sha: contentSha256(built.submission.bodyText), canonicalUrl: built.submission.canonicalUrl }));
  const existing = await findDuplicateArticles(target.db, keys);
  // An earlier item with the same content or canonical URL: this one duplicates it.
  const firstOf = keys.map((k, i) => keys.findIndex((o, j) => j < i && !existing[j] && (o.sha === k.sha || (k.canonicalUrl !== null && o.canonicalUrl === k.canonicalUrl))));
  const fresh = items.map((_, i) => i).filter((i) => !existing[i] && firstOf[i] === -1);
  const results: IngestResult[] = items.map((_, i) => ({ articleId: existing[i]?.id ?? 0, created: false, statementCount: 0 }));
  const pending: number[] = [];
  if (fresh.length > 0) {
    await inStoreTransaction(target, items[0]!.bodyField, async (trx) => {
      const submissions = fresh.map((i) => items[i]!.built.submission);
      const outletIds = await upsertOutlets(trx, submissions.filter((s) => s.outlet).map((s) => ({ name: s.outlet!, normalizedName: normalizeOutletName(s.outlet!) })));
      const articleIds = await insertArticles(
        trx,
        submissions.map((s, k) => ({ submission: s, sha: keys[fresh[k]!]!.sha, outletId: s.outlet ? outletIds.get(normalizeOutletName(s.outlet))! : null })),
      );
      const persisted = await persistExtractions(
        trx,
        fresh.map((i, k) => ({
          article: { id: articleIds[k]!, bodyText: items[i]!.built.submission.bodyText, publishedAt: items[i]!.built.submission.published },
          result: items[i]!.built.extraction,
        })),
        async (statementCounts) => {
          await unnestInsert('audit_log', {
            user_id: ['int', fresh.map((i) => items[i]!.actorId)],
            action: ['text', fresh.map(() => 'article.create')],
            entity_type: ['text', fresh.map(() => 'article')],
            entity_id: ['int', articleIds],
            after: ['jsonb', fresh.map((i, k) => {
              const s = items[i]!.built.submission;
              return JSON.stringify({ title: s.title, url: s.url, sha256: keys[i]!.sha, statements: statementCounts[k] });
            })],
          }).execute(trx);
          await withinStore?.(trx, fresh.map((i, k) => ({ index: i, result: { articleId: articleIds[k]!, created: true, statementCount: statementCounts[k]! } })));
        },
        { deferWordCounts },
      );
      // Set again if the transaction is retried (a deadlock victim runs it again).
      pending.splice(0, pending.length, ...(deferWordCounts ? persisted.flatMap((p) => p.statementIds) : []));
      fresh.forEach((i, k) => (results[i] = { articleId: articleIds[k]!, created: true, statementCount: persisted[k]!.statementCount, clustering: persisted[k]!.clustering }));
    });
  }
  // Its own transaction, with the store's statement timeout: counter rows are locked only while it runs.
  if (pending.length) await inStoreTransaction(target, items[0]!.bodyField, (trx) => countPendingStatementWords(trx, pending));
  for (const [i, first] of firstOf.entries()) if (first !== -1) results[i] = { articleId: results[first]!.articleId, created: false, statementCount: 0 };
  return results;
}

/**
 * Stores one article and everything extracted from it in one transaction (ingestArticles).
 * The same content (or canonical URL) returns the stored article, also when a concurrent
 * store took it first. Throws StoreTimeoutError (422 naming `bodyField`) when a step
 * outlives `target.statementTimeoutMs`.
 */
export async function ingestArticle(
  target: StoreTarget,
  /** From buildSubmission: the extraction already ran, off the main thread. */
  built: BuiltArticle,
  /** Who added it (null: a CLI or the demo loader), for the audit log. */
  actorId: number | null = null,
  /** The input field the body text came from ('text', 'html', 'file'), for errors. */
  bodyField = 'text',
  /** Runs inside the store's transaction once the article is in, before its quotes are clustered (an import marks its record there). */
  withinStore?: (trx: Transaction<Database>, result: IngestResult) => Promise<void>,
): Promise<IngestResult> {
  try {
    const [result] = await ingestArticles(target, [{ built, actorId, bodyField }], withinStore && ((trx, [stored]) => withinStore(trx, stored!.result)));
    return result!;
  } catch (err) {
    // A concurrent request stored the same article first: answer with that one.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
      const [winner] = await findDuplicateArticles(target.db, [{ sha: contentSha256(built.submission.bodyText), canonicalUrl: built.submission.canonicalUrl }]);
      if (winner) return { articleId: winner.id, created: false, statementCount: 0 };
    }
    throw err;
  }
}
