import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { InputError } from '../http/errors.ts';
import { buildMonthChart } from '../stats/month-chart.ts';
import { getSpeakerProfile, listSpeakers, listSpeakerStatements } from './speaker-page.queries.ts';
import { outletsQuotingSpeaker, speakerMonthlyCounts } from './speaker-stats.queries.ts';
import { normalizeAlias } from './speakers.ts';

const STATEMENTS_SHOWN = 200;
const OUTLETS_SHOWN = 15;
const PAGE_SIZE = 50;

const listSchema = z.strictObject({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  kind: z.enum(['person', 'organization'], { error: 'must be person or organization' }).optional().or(z.literal('').transform(() => undefined)),
  after: z.string().regex(/^\d+$/, 'must be a speaker id from the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

function parseList(query: unknown) {
  const parsed = listSchema.safeParse(query);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.flatMap((i) =>
        i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ field: key, message: 'unknown parameter' })) : [{ field: String(i.path[0]), message: i.message }],
      ),
      400,
    );
  }
  return parsed.data;
}

export function speakersRouter(db: Kysely<Database>): Router {
  const router = Router();

  const speakerPage = async (id: number) => {
    const [speaker, statements, months, outlets] = await Promise.all([
      getSpeakerProfile(db, id),
      listSpeakerStatements(db, id, STATEMENTS_SHOWN),
      speakerMonthlyCounts(db, id),
      outletsQuotingSpeaker(db, id, OUTLETS_SHOWN),
    ]);
    return { speaker, statements, months, outlets };
  };

  const speakerList = async (query: unknown) => {
    const p = parseList(query);
    const limit = p.limit ?? PAGE_SIZE;
    const afterRow = p.after ? await db.selectFrom('speakers').select(['id', 'canonical_name as name']).where('id', '=', Number(p.after)).executeTakeFirst() : undefined;
    if (p.after && !afterRow) throw new InputError([{ field: 'after', message: 'must be a speaker id from the previous page' }], 400);
    const speakers = await listSpeakers(db, { q: p.q ? normalizeAlias(p.q) : undefined, kind: p.kind, after: afterRow }, limit);
    return { speakers, next: speakers.length === limit ? String(speakers.at(-1)!.id) : null, q: p.q ?? '', kind: p.kind ?? '' };
  };

  router.get('/speakers', async (req, res) => {
    res.render('speakers', { title: 'Speakers', ...(await speakerList(req.query)) });
  });

  router.get('/speakers/:id', async (req, res) => {
    const page = await speakerPage(parseId(req.params.id, `Speaker ${req.params.id}`));
    res.render('speaker', {
      title: page.speaker.canonical_name,
      ...page,
      chart: buildMonthChart(page.months),
      truncated: page.speaker.statement_count > page.statements.length,
    });
  });

  router.get('/api/speakers', async (req, res) => {
    const { speakers, next } = await speakerList(req.query);
    res.json({ speakers, next });
  });

  // Numeric ids only: other /api/speakers/... paths (autocomplete) belong to other routers.
  router.get('/api/speakers/:id', async (req, res, next) => {
    if (!/^\d+$/.test(req.params.id)) return next();
    res.json(await speakerPage(parseId(req.params.id, `Speaker ${req.params.id}`)));
  });

  return router;
}
