import express, { Router } from 'express';
import type { Kysely } from 'kysely';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { parseInput } from '../http/parse-input.ts';
import { writeAccess } from '../http/write-access.ts';
import { deleteApiSchema, DELETE_SPEAKERS, EDIT_SPEAKERS, editApiSchema, emptyApiSchema, mergeApiSchema, noQuery } from './speaker-edits.ts';
import { deleteSpeaker, editSpeaker } from './speaker-edits.queries.ts';
import { mergeSpeakers } from './speaker-merge.queries.ts';
import { undoSpeakerMerge } from './speaker-unmerge.queries.ts';

/**
 * The JSON API for editing speakers (editor+; deleting: admin):
 * - PATCH /api/speakers/:id {version, name?, kind?} → 200 {speaker}
 * - POST /api/speakers/:id/merge {otherSpeakerId, version, otherVersion} → 201 {merge}
 * - POST /api/speaker-merges/:id/undo {} → 200 {merge} (merge.movedReviews: the reviews made
 *   during the merge that went back to the merged speaker, [{attributionId, statementId, version}])
 * - DELETE /api/speakers/:id (body or query: {version?}) → 200 {deleted}
 * A stale version answers 409 with {current, submitted}; unknown fields 400.
 */
export function speakerEditsApiRouter(db: Kysely<Database>): Router {
  const router = Router();
  const json = express.json({ limit: '10kb', type: 'application/json' });
  const body = (req: express.Request) => req.body ?? {};

  router.patch('/api/speakers/:id', ...writeAccess(EDIT_SPEAKERS, json), noQuery, async (req, res) => {
    const speakerId = parseId(String(req.params.id), `Speaker ${req.params.id}`);
    const input = parseInput(editApiSchema, body(req), 400, 'body');
    const speaker = await inWriteTransaction(db, (trx) => editSpeaker(trx, { speakerId, ...input, userId: req.user!.id }));
    res.json({ speaker });
  });

  router.post('/api/speakers/:id/merge', ...writeAccess(EDIT_SPEAKERS, json), noQuery, async (req, res) => {
    const keptId = parseId(String(req.params.id), `Speaker ${req.params.id}`);
    const input = parseInput(mergeApiSchema, body(req), 400, 'body');
    const merge = await inWriteTransaction(db, (trx) =>
      mergeSpeakers(trx, { keptId, otherId: input.otherSpeakerId, version: input.version, otherVersion: input.otherVersion, userId: req.user!.id }),
    );
    res.status(201).json({ merge, undo: `/api/speaker-merges/${merge.id}/undo` });
  });

  router.post('/api/speaker-merges/:id/undo', ...writeAccess(EDIT_SPEAKERS, json), noQuery, async (req, res) => {
    const mergeId = parseId(String(req.params.id), `Speaker merge ${req.params.id}`);
    parseInput(emptyApiSchema, body(req), 400, 'body');
    const merge = await inWriteTransaction(db, (trx) => undoSpeakerMerge(trx, mergeId, req.user!.id));
    res.json({ merge });
  });

  router.delete('/api/speakers/:id', ...writeAccess(DELETE_SPEAKERS, json, true), async (req, res) => {
    const speakerId = parseId(String(req.params.id), `Speaker ${req.params.id}`);
    const fromBody = parseInput(deleteApiSchema, body(req), 400, 'body');
    const fromQuery = parseInput(deleteApiSchema, req.query);
    const version = fromBody.version ?? fromQuery.version;
    const deleted = await inWriteTransaction(db, (trx) => deleteSpeaker(trx, speakerId, req.user!.id, version));
    res.json({ deleted });
  });

  return router;
}
