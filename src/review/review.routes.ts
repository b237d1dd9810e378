import { exportLinks } from '../export/export-links.ts';
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { loadStatementAnnotations } from '../annotations/statement-annotations.ts';
import { parseId } from '../articles/articles.routes.ts';
import { hasRole } from '../auth/auth.ts';
import { requireRole, safeNextPath } from '../auth/require-role.ts';
import type { Database } from '../db/database.ts';
import { DEFAULT_STYLE } from '../export/citation.ts';
import { statementCitation } from '../export/statement-citation.ts';
import { badgeLegend } from '../statements/badge-words.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { InputError, NotFoundError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { flash } from '../http/session.ts';
import { writeAccess } from '../http/write-access.ts';
import { REVIEW_ROLE, reviewer, SUGGEST_ROLE } from './review.api.routes.ts';
import { correctionFromForm, decisionFromForm, rejectFromForm, verifyFromForm } from './review-forms.ts';
import { listReviewQueue, parseQueueQuery } from './review-queue.ts';
import { correctAttribution, rejectAttribution, verifyAttribution } from './review.service.ts';
import { REJECT_KIND_LABELS, REJECT_KINDS, type RejectKind } from './review.ts';
import { loadStatementDetail } from './statement-detail.ts';
import { acceptSuggestion, declineSuggestion, suggestCorrection } from './suggestions.service.ts';

// Pages of the review workflow: the statement page (quote in context, full history,
// suggestions, review forms for the user's role), the review queue, and the form posts,
// which redirect (303) with a flash message, or show the page again with the problems.

const form = express.urlencoded({ extended: false, limit: '64kb' });
/** The statement page's query: `review=correct|suggest` opens it for that form (its first field focused). */
const statementPageQuery = z.strictObject({ review: z.enum(['correct', 'suggest'], { error: 'must be correct or suggest' }).optional() });
/** The queue filter's fields and their inputs' ids (review.hbs). */
const FILTER_IDS = { article: 'q-article', outlet: 'q-outlet', speaker: 'q-speaker', minConfidence: 'q-min', maxConfidence: 'q-max' };
const rejectLabel = (kind: string | null) => (kind === null ? null : REJECT_KIND_LABELS[kind as RejectKind] ?? kind);

/** The statement page, its forms and the review queue; `origin` (PUBLIC_URL) is cited for articles without a URL of their own. */
export function reviewPagesRouter(db: Kysely<Database>, origin: string): Router {
  const router = Router();

  const renderStatement = async (req: Request, res: Response, id: number, status = 200, error?: InputError, focus?: 'correct' | 'suggest') => {
    const [detail, annotations, citation] = await Promise.all([
      loadStatementDetail(db, id, true),
      loadStatementAnnotations(db, id, req.user),
      statementCitation(db, origin, id, DEFAULT_STYLE),
    ]);
    const s = detail.statement;
    res.status(status).render('statement', {
      title: `Statement ${id}`,
      ...detail,
      annotations,
      citation,
      pending: detail.suggestions.filter((g) => g.status === 'pending'),
      decided: detail.suggestions.filter((g) => g.status !== 'pending'),
      history: [...detail.attributions].reverse().map((v) => ({ ...v, rejectLabel: rejectLabel(v.rejectReason) })),
      canReview: hasRole(req.user, REVIEW_ROLE),
      canSuggest: hasRole(req.user, SUGGEST_ROLE),
      rejected: s.status === 'rejected',
      rejectKinds: REJECT_KINDS.map((value) => ({ value, label: REJECT_KIND_LABELS[value] })),
      focusCorrect: focus === 'correct',
      focusSuggest: focus === 'suggest',
      speakerChoices: detail.articleSpeakers.filter((sp) => sp.id !== s.speaker?.id),
      issues: error?.issues ?? [],
      legend: badgeLegend(),
    });
  };

  router.get('/statements/:id', async (req, res) => {
    const id = parseId(req.params.id, `Statement ${req.params.id}`);
    const { review } = parseInput(statementPageQuery, req.query);
    await renderStatement(req, res, id, 200, undefined, review);
  });

  /** A form post: runs `write` in a transaction, then redirects with `done`, or shows the page with the problems. */
  const post = (statementOf: (req: Request) => Promise<number>, write: (trx: Kysely<Database>, req: Request) => Promise<string>) =>
    async (req: Request, res: Response) => {
      const id = await statementOf(req);
      try {
        const done = await inWriteTransaction(db, (trx) => write(trx, req));
        flash(req, 'success', done);
        const back = (req.body as Record<string, unknown> | undefined)?.back;
        res.redirect(303, back ? safeNextPath(back) : `/statements/${id}`);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        await renderStatement(req, res, id, err.status, err);
      }
    };
  const statementParam = async (req: Request) => parseId(req.params.id as string, `Statement ${req.params.id}`);
  const suggestionStatement = async (req: Request) => {
    const id = parseId(req.params.id as string, `Suggestion ${req.params.id}`);
    const row = await db.selectFrom('attribution_suggestions').select('statement_id').where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`Suggestion ${id}`);
    return row.statement_id;
  };
  const suggestionId = (req: Request) => parseId(req.params.id as string, `Suggestion ${req.params.id}`);

  router.post('/statements/:id/verify', ...writeAccess(REVIEW_ROLE, form), post(statementParam, async (trx, req) => {
    const { unchanged } = await verifyAttribution(trx, await statementParam(req), verifyFromForm(req.body), reviewer(req));
    return unchanged ? 'Already verified: nothing was added.' : 'Attribution verified.';
  }));
  router.post('/statements/:id/correct', ...writeAccess(REVIEW_ROLE, form), post(statementParam, async (trx, req) => {
    await correctAttribution(trx, await statementParam(req), correctionFromForm(req.body), reviewer(req));
    return 'Correction saved as a new version.';
  }));
  router.post('/statements/:id/reject', ...writeAccess(REVIEW_ROLE, form), post(statementParam, async (trx, req) => {
    await rejectAttribution(trx, await statementParam(req), rejectFromForm(req.body), reviewer(req));
    return 'Attribution rejected.';
  }));
  router.post('/statements/:id/suggestions', ...writeAccess(SUGGEST_ROLE, form), post(statementParam, async (trx, req) => {
    await suggestCorrection(trx, await statementParam(req), correctionFromForm(req.body), reviewer(req));
    return 'Suggestion sent: an editor will accept or decline it.';
  }));
  router.post('/suggestions/:id/accept', ...writeAccess(REVIEW_ROLE, form), post(suggestionStatement, async (trx, req) => {
    await acceptSuggestion(trx, suggestionId(req), decisionFromForm(req.body).reason, reviewer(req));
    return 'Suggestion accepted: the correction is the current version.';
  }));
  router.post('/suggestions/:id/decline', ...writeAccess(REVIEW_ROLE, form), post(suggestionStatement, async (trx, req) => {
    await declineSuggestion(trx, suggestionId(req), decisionFromForm(req.body).reason, reviewer(req));
    return 'Suggestion declined.';
  }));

  router.get('/review', requireRole(SUGGEST_ROLE), async (req, res) => {
    let parsed: ReturnType<typeof parseQueueQuery>;
    try {
      parsed = parseQueueQuery(req.query);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // A bad filter: the queue page again, the filter as typed, its problems on the form.
      const typed = Object.fromEntries(Object.entries(req.query).filter(([k, v]) => k !== 'after' && typeof v === 'string')) as Record<string, string>;
      res.status(err.status).render('review', {
        title: 'Review queue',
        rows: [],
        values: typed,
        errors: Object.fromEntries(err.issues.map((i) => [i.field, i.message])),
        issues: err.issues,
        filterIds: FILTER_IDS,
        canReview: hasRole(req.user, REVIEW_ROLE),
      });
      return;
    }
    const { q, values } = parsed;
    const { rows, next } = await listReviewQueue(db, q);
    const query = new URLSearchParams(values);
    if (next) query.set('after', next);
    res.render('review', {
      title: 'Review queue',
      rows: rows.map((r) => ({ ...r, confidencePercent: r.confidence === null ? null : Math.round(r.confidence * 100) })),
      values,
      next: next ? `/review?${query}` : null,
      back: req.originalUrl,
      exportLinks: rows.length ? exportLinks({ queue: 'review', ...values }) : null,
      canReview: hasRole(req.user, REVIEW_ROLE),
    });
  });

  return router;
}
