import express, { type Request, Router } from 'express';
import { noQueryParameters } from '../http/parse-input.ts';
import type { Kysely } from 'kysely';
import { requireRole } from '../auth/require-role.ts';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { InputError, NotFoundError } from '../http/errors.ts';
import { writeAccess } from '../http/write-access.ts';
import { parseSearchQuery, parseWrite } from './annotation-input.ts';
import { createAnnotation, editAnnotation, hideAnnotation, removeAnnotation } from './annotation-writes.ts';
import { createAnnotationSchema, deleteAnnotationSchema, editAnnotationSchema, hideAnnotationSchema } from './annotations.ts';
import { canSee, findAnnotation, listAnnotationVersions, searchAnnotations } from './annotations.queries.ts';
import { annotationPage, webAnnotation } from './web-annotation.ts';

// The JSON API for annotations: W3C Web Annotation JSON-LD out, simple camelCase JSON in.

export const ANNOTATE = 'annotator';
export const MODERATE = 'editor';
const DEFAULT_LIMIT = 20;

const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new InputError([{ field: 'Content-Type', message: 'send application/json' }], 415);
}

/** The annotation `id` if `viewer` may see it, else 404. */
export async function getVisibleAnnotation(db: Kysely<Database>, req: Request, id: number) {
  const found = await findAnnotation(db, id);
  if (!found || !canSee(req.user, found)) throw new NotFoundError(`Annotation ${id}`);
  return found;
}

/**
 * `origin` (config.publicOrigin: PUBLIC_URL or the listen address) makes the JSON-LD ids
 * absolute; never the request's Host header, which any client may forge.
 */
export function annotationsApiRouter(db: Kysely<Database>, origin: string): Router {
  const router = Router();
  const json = express.json({ limit: '300kb', type: 'application/json' });
  const idOf = (req: Request) => parseId(req.params.id as string, `Annotation ${req.params.id}`);

  router.get('/api/annotations', async (req, res) => {
    const { filters, values } = parseSearchQuery(req.query as Record<string, unknown>);
    const limit = filters.limit ?? DEFAULT_LIMIT;
    const rows = await searchAnnotations(db, req.user, { ...filters, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const self = `/api/annotations?${new URLSearchParams(values)}`;
    const next = rows.length > limit ? `/api/annotations?${new URLSearchParams({ ...values, before: String(page.at(-1)!.id) })}` : null;
    res.type(JSON_LD).json(annotationPage(page, origin, self, next));
  });

  router.get('/api/annotations/:id', noQueryParameters, async (req, res) => {
    const found = await getVisibleAnnotation(db, req, idOf(req));
    res.type(JSON_LD).json(webAnnotation(found, origin));
  });

  router.get('/api/annotations/:id/versions', noQueryParameters, async (req, res) => {
    const found = await getVisibleAnnotation(db, req, idOf(req));
    res.json({ id: found.id, versions: await listAnnotationVersions(db, found.id) });
  });

  router.post('/api/annotations', ...writeAccess(ANNOTATE, json), async (req, res) => {
    requireJson(req);
    const input = parseWrite(createAnnotationSchema, req.body);
    const created = await db.transaction().execute((trx) => createAnnotation(trx, req.user!, input));
    res.status(201).location(`/api/annotations/${created.id}`).type(JSON_LD).json(webAnnotation(created, origin));
  });

  router.patch('/api/annotations/:id', ...writeAccess(ANNOTATE, json), async (req, res) => {
    requireJson(req);
    const id = idOf(req);
    const input = parseWrite(editAnnotationSchema, req.body);
    const updated = await db.transaction().execute((trx) => editAnnotation(trx, req.user!, id, input));
    res.type(JSON_LD).json(webAnnotation(updated, origin));
  });

  router.delete('/api/annotations/:id', ...writeAccess(ANNOTATE, json), async (req, res) => {
    requireJson(req);
    const id = idOf(req);
    const { version } = parseWrite(deleteAnnotationSchema, req.body);
    await db.transaction().execute((trx) => removeAnnotation(trx, req.user!, id, version));
    res.json({ id, deleted: true });
  });

  router.post('/api/annotations/:id/hide', ...writeAccess(MODERATE, json), async (req, res) => {
    requireJson(req);
    const id = idOf(req);
    const { hidden } = parseWrite(hideAnnotationSchema, req.body);
    const updated = await db.transaction().execute((trx) => hideAnnotation(trx, req.user!, id, hidden));
    res.type(JSON_LD).json(webAnnotation(updated, origin));
  });

  return router;
}
