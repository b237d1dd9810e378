import { Router } from 'express';
import type { Kysely } from 'kysely';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { getSpeakerProfile, listSpeakerStatements } from './speaker-page.queries.ts';

const STATEMENTS_SHOWN = 200;

export function speakersRouter(db: Kysely<Database>): Router {
  const router = Router();

  router.get('/speakers/:id', async (req, res) => {
    const id = parseId(req.params.id, `Speaker ${req.params.id}`);
    const [speaker, statements] = await Promise.all([getSpeakerProfile(db, id), listSpeakerStatements(db, id, STATEMENTS_SHOWN)]);
    res.render('speaker', { title: speaker.canonical_name, speaker, statements, truncated: speaker.statement_count > statements.length });
  });

  // Numeric ids only: other /api/speakers/... paths (autocomplete) belong to other routers.
  router.get('/api/speakers/:id', async (req, res, next) => {
    if (!/^\d+$/.test(req.params.id)) return next();
    const id = parseId(req.params.id, `Speaker ${req.params.id}`);
    const [speaker, statements] = await Promise.all([getSpeakerProfile(db, id), listSpeakerStatements(db, id, STATEMENTS_SHOWN)]);
    res.json({ speaker, statements });
  });

  return router;
}
