import type { Kysely } from 'kysely';
import { otherAttributions } from '../clusters/clusters.queries.ts';
import type { Database } from '../db/database.ts';
import { listArticleStatements } from '../statements/statements.queries.ts';
import { type ArticleView, presentArticle } from './article.presenter.ts';
import { getArticle } from './articles.queries.ts';

/** Everything the article page and GET /api/articles/:id show. */
export async function loadArticleView(db: Kysely<Database>, id: number): Promise<{ view: ArticleView; bodyText: string }> {
  const [article, rows] = await Promise.all([getArticle(db, id), listArticleStatements(db, id)]);
  const others = await otherAttributions(db, rows.filter((r) => r.cluster_id !== null).map((r) => r.id));
  return { view: presentArticle(article, rows, others), bodyText: article.body_text };
}
