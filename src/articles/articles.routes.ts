import { exportLinks } from '../export/export-links.ts';
import { noQueryParameters } from '../http/parse-input.ts';
import { type Request, type Response, Router } from 'express';
import type { Kysely } from 'kysely';
import { hasRole } from '../auth/auth.ts';
import { requireRole } from '../auth/require-role.ts';
import type { Database } from '../db/database.ts';
import { DEFAULT_STYLE } from '../export/citation.ts';
import { citationsByArticle } from '../export/statement-citation.ts';
import { assertCsrf } from '../http/write-access.ts';
import { InputError, NotFoundError } from '../http/errors.ts';
import { csrf, flash, provideCsrfToken } from '../http/session.ts';
import { MAX_INT4 } from '../http/schema.ts';
import { parseArticleForm, rawArticleFromForm } from '../ingest/article-form.ts';
import { buildSubmission } from '../ingest/build-submission.ts';
import { ingestArticle } from '../ingest/ingest-article.ts';
import type { ReaderPool } from '../ingest/reader-pool.ts';
import type { StoreTarget } from '../ingest/store-transaction.ts';
import { bodyGaps } from '../annotations/body-gaps.ts';
import { loadPassageAnnotations } from '../annotations/statement-annotations.ts';
import { loadArticleView } from './article-view.ts';
import { loadHomePage } from './home-page.ts';

/** Who may add articles (form and API). */
export const ADD_ARTICLES = 'editor';

const FORM_FIELDS = ['title', 'subtitle', 'outlet', 'agency', 'byline', 'url', 'published', 'language', 'text', 'format'] as const;

function formValues(req: Request): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, typeof body[f] === 'string' ? body[f] : '']));
}

function renderForm(res: Response, status: number, values: Record<string, string>, error?: InputError) {
  const errors = Object.fromEntries((error?.issues ?? []).map((i) => [i.field, i.message]));
  res.status(status).render('article-new', { title: 'Add an article', values, errors, issues: error?.issues ?? [] });
}

/**
 * An id from the path (/articles/:id): digits, 1 to MAX_INT4 (an integer column). Anything
 * else names no stored row, so it answers 404 like an id that does not exist.
 */
export function parseId(raw: string | undefined, what: string): number {
  const id = /^\d{1,10}$/.test(raw ?? '') ? Number(raw) : 0;
  if (id < 1 || id > MAX_INT4) throw new NotFoundError(what);
  return id;
}

/** The home page, the article page and the add-article form; `origin` (PUBLIC_URL) is cited for articles without a URL of their own. */
export function articlePagesRouter(db: Kysely<Database>, store: StoreTarget, readers: ReaderPool, origin: string): Router {
  const router = Router();

  router.get('/', noQueryParameters, async (_req, res) => {
    res.render('home', { title: 'Who said what, where', ...(await loadHomePage(db)) });
  });

  router.get('/articles/new', requireRole(ADD_ARTICLES), noQueryParameters, provideCsrfToken, (_req, res) => renderForm(res, 200, {}));

  router.post('/articles', requireRole(ADD_ARTICLES), noQueryParameters, async (req, res) => {
    try {
      await parseArticleForm(req, res);
      assertCsrf(req);
      const raw = rawArticleFromForm(req);
      const result = await ingestArticle(store, await buildSubmission(raw, readers.readArticle), req.user!.id, raw.body?.field);
      flash(req, result.created ? 'success' : 'info', result.created
        ? `Article stored with ${result.statementCount} attributed statements.`
        : 'This article was already stored; here it is.');
      res.redirect(303, `/articles/${result.articleId}`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      res.locals.csrfToken = csrf.generateToken(req);
      renderForm(res, err.status, formValues(req), err);
    }
  });

  router.get('/articles/:id', noQueryParameters, async (req, res) => {
    const id = parseId(String(req.params.id), `Article ${req.params.id}`);
    const { view, bodyText } = await loadArticleView(db, id);
    // Everyone reads the shared passage annotations (highlighted by annotate.js from the
    // pieces' data-start); annotators also select passages, for which the script rebuilds
    // the body from the pieces and the blank lines between them (bodyGaps).
    const passageAnnotations = await loadPassageAnnotations(db, id, bodyText, req.user);
    // Every statement's Cite cites this article: one citation, in the default style.
    const [first] = view.statements;
    const citation = first ? (await citationsByArticle(db, origin, [{ id: first.id, articleId: id }], DEFAULT_STYLE)).get(id) : undefined;
    const canAnnotate = hasRole(req.user, 'annotator');
    const gaps = canAnnotate ? JSON.stringify(bodyGaps(bodyText, view.paragraphs)) : null;
    res.render('article', { title: view.title, article: view, exportLinks: exportLinks({ article: String(view.id), sort: 'oldest' }), canDelete: hasRole(req.user, ADD_ARTICLES), passageAnnotations, canAnnotate, gaps, citation: citation ?? null });
  });

  return router;
}
