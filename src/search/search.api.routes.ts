import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { keepKeys } from '../http/camel-case-json.ts';
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
      query: keepKeys(values),
      mode: view.mode,
      sort: view.mode === 'similar' ? 'similarity' : view.sort,
      // total counts what is listed: with groupsCopies, each group of copies once.
      total: view.total,
      groupsCopies: view.groupedCopies,
      range: view.range,
      rankCapped: view.rankCapped,
      fallbackTimedOut: view.fallbackTimedOut,
      fallbackNote: view.fallbackNote,
      notes: view.notes,
      hits: view.hits.map(({ text, html, diff, copies, ...hit }) => ({
        ...hit, text, html, ...(diff ? { diff } : {}),
        copies: copies ? { count: copies.count, outlets: copies.outlets, clusterUrl: copies.clusterUrl } : null,
      })),
      facets: view.facets,
      nextCursor: view.nextCursor,
      next: view.nextCursor ? searchUrl(values, { cursor: view.nextCursor }, '/api/search') : null,
      prevCursor: view.prevCursor,
      // The page before; the first page is the search without a cursor.
      prev: view.prevUrl ? searchUrl(values, view.prevCursor ? { cursor: view.prevCursor } : {}, '/api/search') : null,
      page: searchUrl(values),
    });
  });

  router.get('/api/speakers/autocomplete', async (req, res) => {
    const { q } = parseInput(autocompleteSchema, req.query, 400, 'q');
    res.json({ speakers: await suggestSpeakers(db, q ?? '') });
  });

  return router;
}
