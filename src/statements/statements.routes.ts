import { Router } from 'express';
import type { Kysely } from 'kysely';
import { loadArticleView } from '../articles/article-view.ts';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { findStatementArticleId, listAttributionHistory } from './statements.queries.ts';

export function statementsRouter(db: Kysely<Database>): Router {
  const router = Router();

  // One statement with its article, its attribution history and its cluster. Lists of
  // statements with filters are GET /api/search (without q: filters alone).
  router.get('/api/statements/:id', async (req, res) => {
    const id = parseId(req.params.id, `Statement ${req.params.id}`);
    const articleId = await findStatementArticleId(db, id);
    if (articleId === undefined) throw new NotFoundError(`Statement ${id}`);
    const [{ view }, history] = await Promise.all([loadArticleView(db, articleId), listAttributionHistory(db, id)]);
    const statement = view.statements.find((s) => s.id === id)!;
    res.json({
      statement,
      article: { id: view.id, title: view.title, outlet: view.outlet, agency: view.agency, publishedAt: view.publishedAt, url: view.url, link: `/articles/${view.id}#s-${id}` },
      attributions: history,
      cluster: statement.clusterId ? `/api/clusters/${statement.clusterId}` : null,
    });
  });

  // The statement's spot in its article, for links that only know the statement.
  router.get('/statements/:id', async (req, res) => {
    const id = parseId(req.params.id, `Statement ${req.params.id}`);
    const articleId = await findStatementArticleId(db, id);
    if (articleId === undefined) throw new NotFoundError(`Statement ${id}`);
    res.redirect(302, `/articles/${articleId}#s-${id}`);
  });

  return router;
}
