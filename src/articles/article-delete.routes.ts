import express, { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireRole } from '../auth/require-role.ts';
import type { Database } from '../db/database.ts';
import { parseInput, noQueryParameters } from '../http/parse-input.ts';
import { flash, provideCsrfToken } from '../http/session.ts';
import { writeAccess } from '../http/write-access.ts';
import { InputError } from '../http/errors.ts';
import { inStoreTransaction, type StoreTarget, StoreTimeoutError } from '../ingest/store-transaction.ts';
import { articleDeletionSummary, deleteArticle } from './article-delete.queries.ts';
import { ADD_ARTICLES, parseId } from './articles.routes.ts';

/** Who may delete an article: whoever may add one. */
export const DELETE_ARTICLES = ADD_ARTICLES;

// Nothing but the page's CSRF token: the confirmation is the page step, not a field.
const formSchema = z.strictObject({ _csrf: z.string().optional() });
const apiSchema = z.strictObject({});

/**
 * Deleting an article (editor+): GET /articles/:id/delete (confirmation: title and what goes
 * with it), POST /articles/:id/delete (redirects home), DELETE /api/articles/:id (200
 * {deleted: summary}). Runs as a store does (the write pool, its statement timeout, a
 * deadlock retried): it deletes statements, as re-extraction does.
 */
export function articleDeletionRouter(db: Kysely<Database>, store: StoreTarget): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const json = express.json({ limit: '10kb', type: 'application/json' });
  const remove = async (articleId: number, userId: number) => {
    try {
      return await inStoreTransaction(store, 'article', (trx) => deleteArticle(trx, articleId, userId));
    } catch (err) {
      if (!(err instanceof StoreTimeoutError)) throw err;
      throw new InputError([{ field: 'article', message: 'deleting this article took too long (one step was cancelled), so nothing was deleted; try again later' }], 503);
    }
  };

  router.get('/articles/:id/delete', requireRole(DELETE_ARTICLES), noQueryParameters, provideCsrfToken, async (req, res) => {
    const id = parseId(String(req.params.id), `Article ${req.params.id}`);
    const article = await articleDeletionSummary(db, id);
    res.render('article-delete', { title: `Delete “${article.title}”`, article });
  });

  router.post('/articles/:id/delete', ...writeAccess(DELETE_ARTICLES, form), async (req, res) => {
    const id = parseId(String(req.params.id), `Article ${req.params.id}`);
    parseInput(formSchema, req.body ?? {}, 400, 'body');
    const deleted = await remove(id, req.user!.id);
    const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
    flash(req, 'success', `Deleted “${deleted.title}” with ${count(deleted.statementCount, 'statement')} and ${count(deleted.annotationCount, 'annotation')} (kept in the audit log).`);
    res.redirect(303, '/');
  });

  router.delete('/api/articles/:id', ...writeAccess(DELETE_ARTICLES, json), async (req, res) => {
    const id = parseId(String(req.params.id), `Article ${req.params.id}`);
    parseInput(apiSchema, req.body ?? {}, 400, 'body');
    parseInput(apiSchema, req.query);
    res.json({ deleted: await remove(id, req.user!.id) });
  });

  return router;
}
