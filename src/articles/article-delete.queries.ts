import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import { lockClusterChanges } from '../clusters/assign-clusters.ts';
import { refreshClusterStats } from '../clusters/clusters.queries.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../http/errors.ts';

// Deleting an article added by mistake. Its statements, attributions (every version),
// suggestions, search rows and cluster memberships go with it through the foreign keys'
// cascades; its annotations too, but their full rows are kept in the audit entry.

/** What goes with an article: shown on the confirmation page and returned by the delete. */
export interface ArticleDeletionSummary {
  id: number;
  title: string;
  outletName: string | null;
  publishedAt: Date | null;
  statementCount: number;
  /** Annotations on the article's passages and on its statements. */
  annotationCount: number;
}

/** The article's annotations: on its passages, or on one of its statements. */
function annotationsOf(db: Kysely<Database>, articleId: number) {
  return db
    .selectFrom('annotations')
    .where((eb) =>
      eb.or([
        eb('article_id', '=', articleId),
        eb('statement_id', 'in', eb.selectFrom('statements').select('id').where('article_id', '=', articleId)),
      ]),
    );
}

/** The confirmation page's counts. NotFoundError: no such article. */
export async function articleDeletionSummary(db: Kysely<Database>, articleId: number): Promise<ArticleDeletionSummary> {
  const row = await db
    .selectFrom('articles as a')
    .leftJoin('outlets as o', 'o.id', 'a.outlet_id')
    .select(['a.id', 'a.title', 'o.name as outletName', 'a.published_at as publishedAt'])
    .select(sql<number>`(select count(*)::int from statements s where s.article_id = a.id)`.as('statementCount'))
    .where('a.id', '=', articleId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Article ${articleId}`);
  const annotations = await annotationsOf(db, articleId).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { ...row, annotationCount: annotations.n };
}

/**
 * Deletes the article and everything hanging on it, in the caller's transaction. The row
 * lock comes first (a re-extraction of the article waits, or has finished), then the
 * statement deletes (word counters), then the cluster lock to recount the clusters that
 * lost members (emptied ones are deleted). Speakers stay, even those left without
 * statements. One audit entry: before = the article's fields (body text included), its
 * counts and the full rows (and versions) of the annotations deleted with it; after = null.
 * Throws NotFoundError. Returns the summary of what was deleted.
 */
export async function deleteArticle(db: Kysely<Database>, articleId: number, userId: number): Promise<ArticleDeletionSummary> {
  const article = await db.selectFrom('articles').selectAll().where('id', '=', articleId).forUpdate().executeTakeFirst();
  if (!article) throw new NotFoundError(`Article ${articleId}`);
  const summary = await articleDeletionSummary(db, articleId);
  const annotations = await annotationsOf(db, articleId)
    .select([
      'id', 'user_id', 'statement_id', 'article_id', 'selector_exact', 'selector_prefix', 'selector_suffix', 'position_start', 'position_end',
      'body', 'tags', 'verdict', 'claim_rating', 'rating_explanation', 'evidence_urls', 'visibility', 'version', 'hidden_by', 'hidden_at',
      'created_at', 'updated_at',
    ])
    .orderBy('id')
    .execute();
  const annotationVersions = annotations.length
    ? await db.selectFrom('annotation_versions').selectAll().where('annotation_id', '=', sql<number>`any(${annotations.map((a) => a.id)}::int[])`).orderBy('annotation_id').orderBy('version').execute()
    : [];
  const clusters = await db
    .selectFrom('statements')
    .select('cluster_id')
    .distinct()
    .where('article_id', '=', articleId)
    .where('cluster_id', 'is not', null)
    .execute();
  await db.deleteFrom('articles').where('id', '=', articleId).execute();
  await lockClusterChanges(db);
  await refreshClusterStats(db, clusters.map((c) => c.cluster_id!));
  await recordAudit(db, {
    userId,
    action: 'delete',
    entityType: 'article',
    entityId: articleId,
    before: { article, outletName: summary.outletName, statementCount: summary.statementCount, annotations, annotationVersions },
    after: null,
  });
  return summary;
}
