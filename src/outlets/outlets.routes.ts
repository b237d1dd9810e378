import { Router } from 'express';
import { z } from 'zod';
import { noQueryParameters, parseInput } from '../http/parse-input.ts';
import { typedText } from '../http/schema.ts';
import type { Kysely } from 'kysely';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { getOutlet, listOutlets, recentOutletArticles, speakersQuotedBy } from './outlets.queries.ts';
import { suggestAgencies, suggestOutlets } from './source-names.queries.ts';

const LIST_LIMIT = 500;
const TOP_SPEAKERS = 25;
const RECENT_ARTICLES = 20;
const autocompleteSchema = z.strictObject({ q: typedText(200).optional() });

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

  // Before /api/outlets/:id. Errors: 400 {status, error, issues: [{field, message}]}.
  router.get('/api/outlets/autocomplete', async (req, res) => {
    const { q } = parseInput(autocompleteSchema, req.query, 400, 'q');
    res.json({ outlets: await suggestOutlets(db, q ?? '') });
  });

  router.get('/api/agencies/autocomplete', async (req, res) => {
    const { q } = parseInput(autocompleteSchema, req.query, 400, 'q');
    res.json({ agencies: await suggestAgencies(db, q ?? '') });
  });

  router.get('/api/outlets/:id', noQueryParameters, async (req, res) => {
    res.json(await outletPage(parseId(String(req.params.id), `Outlet ${req.params.id}`)));
  });

  return router;
}
