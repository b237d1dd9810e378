import { Router } from 'express';
import { noQueryParameters } from '../http/parse-input.ts';
import type { Kysely } from 'kysely';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { getOutlet, listOutlets, recentOutletArticles, speakersQuotedBy } from './outlets.queries.ts';

const LIST_LIMIT = 500;
const TOP_SPEAKERS = 25;
const RECENT_ARTICLES = 20;

export function outletsRouter(db: Kysely<Database>): Router {
  const router = Router();

  const outletPage = async (id: number) => {
    const [outlet, speakers, articles] = await Promise.all([
      getOutlet(db, id),
      speakersQuotedBy(db, id, TOP_SPEAKERS),
      recentOutletArticles(db, id, RECENT_ARTICLES),
    ]);
    return { outlet, speakers, articles };
  };

  router.get('/outlets', noQueryParameters, async (_req, res) => {
    res.render('outlets', { title: 'Outlets', outlets: await listOutlets(db, LIST_LIMIT) });
  });

  router.get('/outlets/:id', noQueryParameters, async (req, res) => {
    const page = await outletPage(parseId(String(req.params.id), `Outlet ${req.params.id}`));
    res.render('outlet', { title: page.outlet.name, ...page });
  });

  router.get('/api/outlets', noQueryParameters, async (_req, res) => {
    res.json({ outlets: await listOutlets(db, LIST_LIMIT) });
  });

  router.get('/api/outlets/:id', noQueryParameters, async (req, res) => {
    res.json(await outletPage(parseId(String(req.params.id), `Outlet ${req.params.id}`)));
  });

  return router;
}
