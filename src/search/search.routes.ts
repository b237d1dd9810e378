import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { DEFAULT_STYLE } from '../export/citation.ts';
import { exportLinks } from '../export/export-links.ts';
import { citationsByArticle } from '../export/statement-citation.ts';
import { InputError } from '../http/errors.ts';
import { runSearch } from './run-search.ts';
import { presentSearch } from './search.presenter.ts';
import { parseSearchParams, QUOTE_TYPES, type QueryValues, SORTS, sortInForce, STATUSES } from './search.ts';

/** What the user typed, to put back in the form when the search cannot run. */
function typedValues(query: Record<string, unknown>): QueryValues {
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The sort a search that could not run would use: the typed one if it is one, else the default for its words. */
function typedSort(form: QueryValues): string {
  if (form.mode === 'similar') return 'similarity';
  const typed = SORTS.find((s) => s === form.sort);
  return sortInForce(form.q?.trim() ?? '', typed);
}

function selectOptions(form: QueryValues) {
  return {
    quoteTypes: QUOTE_TYPES.map((value) => ({ value, selected: form.quote_type === value })),
    statuses: STATUSES.map((value) => ({ value, selected: form.status === value })),
  };
}

/** The search page; `origin` (PUBLIC_URL) is cited for articles without a URL of their own. */
export function searchPagesRouter(db: Kysely<Database>, origin: string): Router {
  const router = Router();

  router.get('/search', async (req, res) => {
    const query = req.query as Record<string, unknown>;
    try {
      const { params, values } = parseSearchParams(query);
      const view = presentSearch(await runSearch(db, params), params, values);
      // Each hit's Cite shows its article's citation in the default style (one per article).
      const citations = await citationsByArticle(db, origin, view.hits, DEFAULT_STYLE);
      const hits = view.hits.map((h) => ({ ...h, citation: citations.get(h.articleId) ?? null }));
      const title = params.q ? `${params.q.slice(0, 60)} · Search` : 'Search';
      // The same selection as a file: every match, not this page (no cursor, limit or facets).
      const exportValues = Object.fromEntries(Object.entries(values).filter(([k]) => !['cursor', 'limit', 'facets'].includes(k)));
      const sortShown = view.mode === 'similar' ? 'similarity' : view.sort;
      res.render('search', { title, view: { ...view, hits }, exportLinks: view.blank ? null : exportLinks(exportValues), form: values, sortShown, options: selectOptions(values), showFilters: Object.keys(values).some((k) => !['q', 'mode', 'sort', 'copies'].includes(k)) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const form = typedValues(query);
      res.status(err.status).render('search', { title: 'Search', view: null, form, sortShown: typedSort(form), options: selectOptions(form), issues: err.issues, showFilters: true });
    }
  });

  return router;
}
