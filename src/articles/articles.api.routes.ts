import express, { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { writeAccess } from '../http/write-access.ts';
import { InputError } from '../http/errors.ts';
import { parseInput, noQueryParameters } from '../http/parse-input.ts';
import { pageLimit } from '../http/schema.ts';
import { assertUtf8 } from '../ingest/decode-upload.ts';
import { buildSubmission } from '../ingest/build-submission.ts';
import { ingestArticle } from '../ingest/ingest-article.ts';
import type { ReaderPool } from '../ingest/reader-pool.ts';
import type { StoreTarget } from '../ingest/store-transaction.ts';
import type { ArticleView } from './article.presenter.ts';
import { loadArticleView } from './article-view.ts';
import { listRecentArticles } from './articles.queries.ts';
import { articleFieldsSchema } from './articles.ts';
import { ADD_ARTICLES, parseId } from './articles.routes.ts';

/** JSON bodies larger than this are refused with 413 before parsing. */
const MAX_JSON_BYTES = '6mb';

/** The body: text or html, and the article's fields (checked by articleFieldsSchema, 422); nothing else. */
const bodySchema = z
  .strictObject({
    text: z.string().optional(),
    html: z.string().optional(),
    ...Object.fromEntries(articleFieldsSchema.keyof().options.map((key) => [key, z.unknown().optional()])),
  })
  .refine((b) => !(b.text && b.html), { message: 'give either text or html, not both', path: ['text'] });

const listSchema = z.strictObject({ limit: pageLimit(200).optional() });

function articleJson(view: ArticleView, bodyText: string) {
  const { paragraphs: _paragraphs, ...rest } = view;
  return { ...rest, bodyText };
}

export function articlesApiRouter(db: Kysely<Database>, store: StoreTarget, readers: ReaderPool): Router {
  const router = Router();
  const json = express.json({
    limit: MAX_JSON_BYTES,
    type: 'application/json',
    verify: (_req, _res, buf) => assertUtf8('body', buf),
  });

  router.get('/api/articles', async (req, res) => {
    const { limit = 50 } = parseInput(listSchema, req.query);
    res.json({ articles: await listRecentArticles(db, limit) });
  });

  router.get('/api/articles/:id', noQueryParameters, async (req, res) => {
    const id = parseId(String(req.params.id), `Article ${req.params.id}`);
    const { view, bodyText } = await loadArticleView(db, id);
    res.json({ article: articleJson(view, bodyText) });
  });

  router.post('/api/articles', ...writeAccess(ADD_ARTICLES, json), async (req, res) => {
    if (!req.is('application/json')) {
      throw new InputError([{ field: 'Content-Type', message: 'send the article as application/json' }], 415);
    }
    const { text, html, ...fields } = parseInput(bodySchema, req.body, 400, 'body');
    const body = html !== undefined ? { text: html, format: 'html' as const, field: 'html' } : { text: text ?? '', format: 'json' as const, field: 'text' };
    const result = await ingestArticle(store, await buildSubmission({ fields, body }, readers.readArticle), req.user!.id, body.field);
    res.status(result.created ? 201 : 200).location(`/api/articles/${result.articleId}`).json({
      id: result.articleId,
      created: result.created,
      duplicate: !result.created,
      statementCount: result.statementCount,
      url: `/articles/${result.articleId}`,
    });
  });

  return router;
}
