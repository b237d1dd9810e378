import { Router } from 'express';
import { noQueryParameters } from '../http/parse-input.ts';
import type { Kysely } from 'kysely';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { loadStatementDetail, statementJson } from '../review/statement-detail.ts';

export function statementsRouter(db: Kysely<Database>): Router {
  const router = Router();

  // One statement with its article, its full attribution history (every version: status,
  // speaker, role, who, when, why, span), its suggestions and its cluster. Lists of
  // statements with filters are GET /api/search (without q: filters alone). The statement
  // page (GET /statements/:id) is the review workflow's (src/review/review.routes.ts).
  router.get('/api/statements/:id', noQueryParameters, async (req, res) => {
    const id = parseId(String(req.params.id), `Statement ${req.params.id}`);
    res.json(statementJson(await loadStatementDetail(db, id, true)));
  });

  return router;
}
