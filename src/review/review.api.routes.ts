import express, { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import { parseId } from '../articles/articles.routes.ts';
import { requireRole } from '../auth/require-role.ts';
import type { Database } from '../db/database.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { parseInput } from '../http/parse-input.ts';
import { writeAccess } from '../http/write-access.ts';
import { presentSuggestion } from './review.presenter.ts';
import { getSuggestionWithNames } from './review.queries.ts';
import { correctionSchema, decisionSchema, rejectSchema, type Reviewer, suggestionSchema, verifySchema } from './review.ts';
import { listReviewQueue, parseQueueQuery } from './review-queue.ts';
import { correctAttribution, rejectAttribution, verifyAttribution } from './review.service.ts';
import { loadStatementDetail, statementJson } from './statement-detail.ts';
import { acceptSuggestion, declineSuggestion, suggestCorrection } from './suggestions.service.ts';

// The review workflow's JSON API. Writes take a JSON body with the `version` they were made
// on (409 with both versions when stale); a token request needs no CSRF token. Answers are
// camelCase; errors are {status, error, issues?}.

/** Who may verify, correct, reject, and decide suggestions. */
export const REVIEW_ROLE = 'editor';
/** Who may suggest a correction (and see the queue). */
export const SUGGEST_ROLE = 'annotator';

const json = express.json({ limit: '64kb', type: 'application/json' });

export function reviewer(req: Request): Reviewer {
  return { id: req.user!.id, username: req.user!.username };
}

export function reviewApiRouter(db: Kysely<Database>): Router {
  const router = Router();
  const statementId = (req: Request) => parseId(req.params.id as string, `Statement ${req.params.id}`);
  const answer = async (id: number) => statementJson(await loadStatementDetail(db, id, true));

  router.post('/api/statements/:id/verify', ...writeAccess(REVIEW_ROLE, json), async (req, res) => {
    const id = statementId(req);
    const input = parseInput(verifySchema, req.body ?? {}, 400, 'body');
    const { unchanged } = await inWriteTransaction(db, (trx) => verifyAttribution(trx, id, input, reviewer(req)));
    // Already verified, no new reason: nothing added, 200 with the statement as it stands.
    res.status(unchanged ? 200 : 201).json({ ...(await answer(id)), unchanged });
  });

  router.post('/api/statements/:id/correct', ...writeAccess(REVIEW_ROLE, json), async (req, res) => {
    const id = statementId(req);
    const input = parseInput(correctionSchema, req.body ?? {}, 400, 'body');
    await inWriteTransaction(db, (trx) => correctAttribution(trx, id, input, reviewer(req)));
    res.status(201).json(await answer(id));
  });

  router.post('/api/statements/:id/reject', ...writeAccess(REVIEW_ROLE, json), async (req, res) => {
    const id = statementId(req);
    const input = parseInput(rejectSchema, req.body ?? {}, 400, 'body');
    await inWriteTransaction(db, (trx) => rejectAttribution(trx, id, input, reviewer(req)));
    res.status(201).json(await answer(id));
  });

  router.post('/api/statements/:id/suggestions', ...writeAccess(SUGGEST_ROLE, json), async (req, res) => {
    const id = statementId(req);
    const input = parseInput(suggestionSchema, req.body ?? {}, 400, 'body');
    const row = await inWriteTransaction(db, (trx) => suggestCorrection(trx, id, input, reviewer(req)));
    res.status(201).location(`/statements/${id}#suggestion-${row.id}`).json({ suggestion: presentSuggestion(await getSuggestionWithNames(db, row.id)) });
  });

  router.post('/api/suggestions/:id/accept', ...writeAccess(REVIEW_ROLE, json), async (req, res) => {
    const id = parseId(req.params.id as string, `Suggestion ${req.params.id}`);
    const { reason } = parseInput(decisionSchema, req.body ?? {}, 400, 'body');
    const { suggestion } = await inWriteTransaction(db, (trx) => acceptSuggestion(trx, id, reason, reviewer(req)));
    res.status(201).json({ suggestion: presentSuggestion(await getSuggestionWithNames(db, id)), ...(await answer(suggestion.statement_id)) });
  });

  router.post('/api/suggestions/:id/decline', ...writeAccess(REVIEW_ROLE, json), async (req, res) => {
    const id = parseId(req.params.id as string, `Suggestion ${req.params.id}`);
    const { reason } = parseInput(decisionSchema, req.body ?? {}, 400, 'body');
    await inWriteTransaction(db, (trx) => declineSuggestion(trx, id, reason, reviewer(req)));
    res.json({ suggestion: presentSuggestion(await getSuggestionWithNames(db, id)) });
  });

  router.get('/api/review', requireRole(SUGGEST_ROLE), async (req, res) => {
    const { q } = parseQueueQuery(req.query);
    const { rows, next } = await listReviewQueue(db, q);
    res.json({
      items: rows.map((r) => ({
        statementId: r.statement_id,
        articleId: r.article_id,
        kind: r.kind,
        text: r.text,
        version: r.version,
        confidence: r.confidence,
        speaker: r.speaker_id === null ? null : { id: r.speaker_id, name: r.speaker_name },
        mention: r.mention_text,
        roleText: r.role_text,
        cue: r.cue_text,
        article: { id: r.article_id, title: r.article_title, outlet: r.outlet_name },
        links: { statement: `/statements/${r.statement_id}`, api: `/api/statements/${r.statement_id}` },
      })),
      next,
    });
  });

  return router;
}
