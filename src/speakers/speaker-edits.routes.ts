import express, { type Request, type Response, Router } from 'express';
import type { Kysely } from 'kysely';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { InputError, NotFoundError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { csrf, flash, provideCsrfToken } from '../http/session.ts';
import { writeAccess } from '../http/write-access.ts';
import { hasRole, type SessionUser } from '../auth/auth.ts';
import { requireRole } from '../auth/require-role.ts';
import { getSpeakerProfile, listSpeakers } from './speaker-page.queries.ts';
import { deleteFormSchema, DELETE_SPEAKERS, EDIT_SPEAKERS, editFormSchema, emptyFormSchema, mergeFormSchema, mergePageSchema, noQuery } from './speaker-edits.ts';
import { countStatementsNaming, deleteSpeaker, editSpeaker } from './speaker-edits.queries.ts';
import { mergeSpeakers } from './speaker-merge.queries.ts';
import { listMergesInto, undoSpeakerMerge } from './speaker-unmerge.queries.ts';
import { normalizeAlias } from './speakers.ts';

const CANDIDATES_SHOWN = 30;

/**
 * What the speaker page shows of editing, by the viewer's role: the edit and merge forms
 * and the merges into this speaker (editor+), the delete form (admin, when no statement
 * names the speaker).
 */
export async function speakerEditLocals(db: Kysely<Database>, user: SessionUser | undefined, speakerId: number) {
  if (!hasRole(user, EDIT_SPEAKERS)) return { canEdit: false, canDelete: false, merges: [] };
  const merges = await listMergesInto(db, speakerId);
  const canDelete = hasRole(user, DELETE_SPEAKERS) && (await countStatementsNaming(db, speakerId)) === 0;
  return { canEdit: true, canDelete, merges };
}

/**
 * The page side of speaker editing: the forms on the speaker page post here and redirect
 * (303) back with a flash message; a form with bad input re-renders with its errors.
 * POST /speakers/:id/edit, GET+POST /speakers/:id/merge (search, confirm, merge),
 * POST /speaker-merges/:id/undo, POST /speakers/:id/delete (admin).
 */
export function speakerEditPagesRouter(db: Kysely<Database>): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });

  const rerender = (req: Request, res: Response, view: string, err: InputError, locals: Record<string, unknown>) => {
    res.locals.csrfToken = csrf.generateToken(req);
    const errors = Object.fromEntries(err.issues.map((i) => [i.field, i.message]));
    res.status(err.status).render(view, { ...locals, errors, issues: err.issues });
  };

  router.post('/speakers/:id/edit', ...writeAccess(EDIT_SPEAKERS, form), noQuery, async (req, res) => {
    const speakerId = parseId(String(req.params.id), `Speaker ${req.params.id}`);
    try {
      const { version, name, kind } = parseInput(editFormSchema, req.body ?? {}, 400, 'body');
      const speaker = await inWriteTransaction(db, (trx) => editSpeaker(trx, { speakerId, version, name, kind, userId: req.user!.id }));
      flash(req, 'success', `Saved: ${speaker.name} (${speaker.kind}).`);
      res.redirect(303, `/speakers/${speakerId}`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const speaker = await getSpeakerProfile(db, speakerId);
      const values = { name: String(req.body?.name ?? ''), kind: String(req.body?.kind ?? ''), version: String(req.body?.version ?? '') };
      rerender(req, res, 'speaker-edit', err, { title: `Edit ${speaker.canonical_name}`, speaker, values });
    }
  });

  const findProfile = (id: number) => getSpeakerProfile(db, id).catch((err) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });

  const mergePage = async (req: Request, res: Response, keptId: number, query: unknown, error?: InputError) => {
    const { q, other } = parseInput(mergePageSchema, query);
    const speaker = await getSpeakerProfile(db, keptId);
    const chosen = other !== undefined && other !== keptId ? await findProfile(other) : undefined;
    const candidates = q && !chosen
      ? (await listSpeakers(db, { q: normalizeAlias(q) }, CANDIDATES_SHOWN + 1)).filter((c) => c.id !== keptId).slice(0, CANDIDATES_SHOWN)
      : [];
    const locals = { title: `Merge into ${speaker.canonical_name}`, speaker, chosen, candidates, q: q ?? '', searched: q !== undefined && q !== '' };
    if (error) return rerender(req, res, 'speaker-merge', error, locals);
    res.render('speaker-merge', locals);
  };

  router.get('/speakers/:id/merge', requireRole(EDIT_SPEAKERS), provideCsrfToken, async (req, res) => {
    await mergePage(req, res, parseId(String(req.params.id), `Speaker ${req.params.id}`), req.query);
  });

  router.post('/speakers/:id/merge', ...writeAccess(EDIT_SPEAKERS, form), noQuery, async (req, res) => {
    const keptId = parseId(String(req.params.id), `Speaker ${req.params.id}`);
    try {
      const input = parseInput(mergeFormSchema, req.body ?? {}, 400, 'body');
      const merge = await inWriteTransaction(db, (trx) =>
        mergeSpeakers(trx, { keptId, otherId: input.otherSpeakerId, version: input.version, otherVersion: input.otherVersion, userId: req.user!.id }),
      );
      flash(req, 'success', `Merged: ${merge.movedAttributionIds.length} attribution rows, ${merge.movedAliasIds.length} aliases and ${merge.movedRoleIds.length} roles moved here. The merge can be undone below.`);
      res.redirect(303, `/speakers/${keptId}`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const other = /^\d{1,10}$/.test(String(req.body?.otherSpeakerId ?? '')) ? String(req.body.otherSpeakerId) : undefined;
      await mergePage(req, res, keptId, other ? { other } : {}, err);
    }
  });

  router.post('/speaker-merges/:id/undo', ...writeAccess(EDIT_SPEAKERS, form), noQuery, async (req, res) => {
    const mergeId = parseId(String(req.params.id), `Speaker merge ${req.params.id}`);
    parseInput(emptyFormSchema, req.body ?? {}, 400, 'body');
    const merge = await inWriteTransaction(db, (trx) => undoSpeakerMerge(trx, mergeId, req.user!.id));
    const reviews = merge.movedReviews.length;
    const followed = reviews === 0 ? '' : ` ${reviews} review${reviews === 1 ? '' : 's'} made during the merge went back with its attributions.`;
    flash(req, 'success', `Merge undone: speaker ${merge.mergedSpeakerId} stands on its own again.${followed}`);
    res.redirect(303, `/speakers/${merge.keptSpeakerId}`);
  });

  router.post('/speakers/:id/delete', ...writeAccess(DELETE_SPEAKERS, form), noQuery, async (req, res) => {
    const speakerId = parseId(String(req.params.id), `Speaker ${req.params.id}`);
    const { version } = parseInput(deleteFormSchema, req.body ?? {}, 400, 'body');
    const deleted = await inWriteTransaction(db, (trx) => deleteSpeaker(trx, speakerId, req.user!.id, version));
    flash(req, 'success', `Speaker “${deleted.name}” deleted.`);
    res.redirect(303, '/speakers');
  });

  return router;
}
