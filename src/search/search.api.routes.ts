import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { parseInput } from '../http/parse-input.ts';
import { typedText } from '../http/schema.ts';
import { suggestSpeakers } from './autocomplete.queries.ts';
import { runSearch } from './run-search.ts';
import { presentSearch, searchUrl } from './search.presenter.ts';
import { parseSearchParams } from './search.ts';

const autocompleteSchema = z.strictObject({ q: typedText(300).optional() });

export function searchApiRouter(db: Kysely<Database>): Router {
  const router = Router();

  // Same parameters as /search; JSON out. Errors: 400 {status, error, issues: [{field, message}]}.
  router.get('/api/search', async (req, res) => {
    const { params, values } = parseSearchParams(req.query as Record<string, unknown>);
    const view = presentSearch(await runSearch(db, params), params, values);
    res.json({
      query: values,
      mode: view.mode,
      sort: view.mode === 'similar' ? 'similarity' : view.sort,
      total: view.total,
      rankCapped: view.rankCapped,
      fallbackTimedOut: view.fallbackTimedOut,
      fallbackNote: view.fallbackNote,
      hits: view.hits.map(({ text, html, diff, ...hit }) => ({ ...hit, text, html, ...(diff ? { diff } : {}) })),
      facets: view.facets,
      nextCursor: view.nextCursor,
      next: view.nextCursor ? searchUrl(values, { cursor: view.nextCursor }, '/api/search') : null,
      page: searchUrl(values),
    });
  });

  router.get('/api/speakers/autocomplete', async (req, res) => {
    const { q } = parseInput(autocompleteSchema, req.query, 400, 'q');
    res.json({ speakers: await suggestSpeakers(db, q ?? '') });
  });

  return router;
}
