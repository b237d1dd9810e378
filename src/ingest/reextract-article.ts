import { type Kysely, sql } from 'kysely';
import { refreshClusterStats } from '../clusters/clusters.queries.ts';
import type { Database } from '../db/database.ts';
import type { IngestPool } from './ingest-pool.ts';
import { persistExtraction } from './persist-extraction.ts';

export interface ReextractResult {
  articleId: number;
  removed: number;
  kept: number;
  added: number;
}

/**
 * Runs the current extractor over a stored article (in a worker), then stores the result in
 * one transaction. Statements a person
 * has touched (any attribution version that is not the machine's, or an annotation) are
 * kept as they are; the machine's own are replaced, and new ones overlapping a kept
 * statement of the same kind are dropped.
 */
export async function reextractArticle(
  db: Kysely<Database>,
  articleId: number,
  /** Where the extractor runs (the ingest pool's workers); its InputError (over budget) is passed on. */
  ingest: Pick<IngestPool, 'extract'>,
): Promise<ReextractResult> {
  // The body text is immutable (a trigger refuses changes), so it can be extracted before the
  // transaction: no row lock or connection is held while a worker runs.
  const { body_text: bodyText } = await db.selectFrom('articles').select('body_text').where('id', '=', articleId).executeTakeFirstOrThrow();
  const result = await ingest.extract(bodyText, `article ${articleId}`);
  return db.transaction().execute(async (trx) => {
    const article = await trx
      .selectFrom('articles')
      .select(['id', 'body_text', 'published_at'])
      .where('id', '=', articleId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const humanTouched = sql<boolean>`exists (select 1 from attributions h where h.statement_id = statements.id and (h.status <> 'machine' or h.created_by is not null))
      or exists (select 1 from annotations n where n.statement_id = statements.id)`;
    const removed = await trx
      .deleteFrom('statements')
      .where('article_id', '=', articleId)
      .where(sql<boolean>`not (${humanTouched})`)
      .returning('cluster_id')
      .execute();
    await refreshClusterStats(trx, [...new Set(removed.map((r) => r.cluster_id).filter((c): c is number => c !== null))]);
    const kept = await trx.selectFrom('statements').select(['kind', 'start_offset', 'end_offset']).where('article_id', '=', articleId).execute();
    const overlapsKept = (s: { kind: string; start: number; end: number }) =>
      kept.some((k) => k.kind === s.kind && s.start < k.end_offset && k.start_offset < s.end);
    const fresh = result.statements.filter((s) => !overlapsKept(s));
    const persisted = await persistExtraction(
      trx,
      { id: article.id, bodyText: article.body_text, publishedAt: article.published_at },
      { ...result, statements: fresh },
    );
    return { articleId, removed: removed.length, kept: kept.length, added: persisted.statementCount };
  });
}
