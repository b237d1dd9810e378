import express, { type Request, type Response, Router } from 'express';
import { noQueryParameters } from '../http/parse-input.ts';
import type { Kysely } from 'kysely';
import { requireRole } from '../auth/require-role.ts';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { HttpError, InputError } from '../http/errors.ts';
import { flash } from '../http/session.ts';
import { writeAccess } from '../http/write-access.ts';
import { type FormValues, formValues, inputFromForm, parseSearchQuery, parseWrite } from './annotation-input.ts';
import { createAnnotation, editAnnotation, hideAnnotation, removeAnnotation } from './annotation-writes.ts';
import { presentAnnotation } from './annotation.presenter.ts';
import { createAnnotationSchema, editAnnotationSchema } from './annotations.ts';
import { type AnnotationRecord, findAnnotation, listAnnotationVersions, searchAnnotations } from './annotations.queries.ts';
import { ANNOTATE, getVisibleAnnotation, MODERATE } from './annotations.api.routes.ts';

// The annotation pages: search, and the forms (create from the statement and article pages,
// edit, delete, hide), which post here and redirect back (303) with a flash message.

const PAGE_SIZE = 30;

/** Where an annotation is shown: its statement, or its passage on the article page. */
export function annotationLocation(r: Pick<AnnotationRecord, 'id' | 'statement_id' | 'article_id'>): string {
  return r.statement_id !== null ? `/statements/${r.statement_id}#annotation-${r.id}` : `/articles/${r.article_id}#annotation-${r.id}`;
}

/** Re-renders the form (create or edit) with the user's values and the problems found. */
function renderForm(res: Response, status: number, values: FormValues, extra: Record<string, unknown>, error?: InputError) {
  const errors = Object.fromEntries((error?.issues ?? []).map((i) => [i.field.split('.')[0], i.message]));
  res.status(status).render('annotation-form', {
    title: extra.editing ? 'Edit annotation' : 'New annotation',
    values,
    errors,
    issues: error?.issues ?? [],
    ...extra,
  });
}

function redirectBack(req: Request, res: Response, r: AnnotationRecord, message: string) {
  flash(req, 'success', message);
  res.redirect(303, annotationLocation(r));
}

export function annotationPagesRouter(db: Kysely<Database>): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '300kb' });
  const idOf = (req: Request) => parseId(req.params.id as string, `Annotation ${req.params.id}`);

  router.get('/annotations', async (req, res) => {
    try {
      const { filters, values } = parseSearchQuery(req.query as Record<string, unknown>);
      const rows = await searchAnnotations(db, req.user, { ...filters, limit: PAGE_SIZE + 1 });
      const page = rows.slice(0, PAGE_SIZE);
      const next = rows.length > PAGE_SIZE ? `/annotations?${new URLSearchParams({ ...values, before: String(page.at(-1)!.id) })}` : null;
      const annotations = page.map((r) => ({ ...presentAnnotation(r, req.user), location: annotationLocation(r) }));
      res.render('annotations', { title: 'Annotations', form: values, annotations, next, searched: Object.keys(values).length > 0 });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      res.status(err.status).render('annotations', { title: 'Annotations', form: {}, issues: err.issues, annotations: [] });
    }
  });

  router.post('/annotations', ...writeAccess(ANNOTATE, form), async (req, res) => {
    const values = formValues(req);
    try {
      const input = parseWrite(createAnnotationSchema, inputFromForm(values, 'create'));
      const created = await db.transaction().execute((trx) => createAnnotation(trx, req.user!, input));
      redirectBack(req, res, created, 'Annotation saved.');
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      renderForm(res, err.status, values, { creating: true }, err);
    }
  });

  router.get('/annotations/:id/edit', requireRole(ANNOTATE), noQueryParameters, async (req, res) => {
    const found = await getVisibleAnnotation(db, req, idOf(req));
    if (found.user_id !== req.user!.id) throw new HttpError(403, 'Only the author may change or delete an annotation');
    const view = presentAnnotation(found, req.user);
    const values: FormValues = {
      note: view.note,
      tags: view.tags.join(', '),
      verdict: view.verdict ?? '',
      claimRating: view.claimRating ?? '',
      ratingExplanation: view.ratingExplanation,
      evidenceUrls: view.evidenceUrls.join('\n'),
      visibility: view.visibility,
      version: String(view.version),
    };
    const versions = await listAnnotationVersions(db, found.id);
    renderForm(res, 200, values, { editing: true, annotation: view, location: annotationLocation(found), versions });
  });

  router.post('/annotations/:id', ...writeAccess(ANNOTATE, form), async (req, res) => {
    const id = idOf(req);
    const values = formValues(req);
    try {
      const input = parseWrite(editAnnotationSchema, inputFromForm(values, 'edit'));
      const updated = await db.transaction().execute((trx) => editAnnotation(trx, req.user!, id, input));
      redirectBack(req, res, updated, 'Annotation updated.');
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const found = await findAnnotation(db, id);
      const annotation = found && found.user_id === req.user!.id ? presentAnnotation(found, req.user) : { id, ratable: true };
      renderForm(res, err.status, values, { editing: true, annotation: { ...annotation, version: undefined } }, err);
    }
  });

  router.post('/annotations/:id/delete', ...writeAccess(ANNOTATE, form), async (req, res) => {
    const id = idOf(req);
    const { version } = formValues(req);
    const input = parseWrite(editAnnotationSchema.pick({ version: true }), { version: /^\d{1,10}$/.test(version ?? '') ? Number(version) : version });
    const removed = await db.transaction().execute((trx) => removeAnnotation(trx, req.user!, id, input.version));
    flash(req, 'success', 'Annotation deleted.');
    res.redirect(303, annotationLocation(removed).replace(/#.*$/, ''));
  });

  router.post('/annotations/:id/hide', ...writeAccess(MODERATE, form), async (req, res) => {
    const id = idOf(req);
    const { hidden } = formValues(req);
    if (hidden !== 'true' && hidden !== 'false') throw new InputError([{ field: 'hidden', message: 'must be true or false' }]);
    const updated = await db.transaction().execute((trx) => hideAnnotation(trx, req.user!, id, hidden === 'true'));
    redirectBack(req, res, updated, hidden === 'true' ? 'Annotation hidden: only its author and editors see it now.' : 'Annotation shown again.');
  });

  return router;
}
