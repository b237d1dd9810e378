import { exportLinks } from '../export/export-links.ts';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseId } from '../articles/articles.routes.ts';
import { publishedRange } from '../articles/published-range.ts';
import type { Database } from '../db/database.ts';
import { InputError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { idParam, isoDay, pageLimit, typedText } from '../http/schema.ts';
import { QUOTE_TYPES, type SearchFilters, STATUSES } from '../search/search.ts';
import { buildMonthChart } from '../stats/month-chart.ts';
import { getSpeakerProfile, listSpeakers, listSpeakerStatements } from './speaker-page.queries.ts';
import { outletsQuotingSpeaker, speakerMonthlyCounts } from './speaker-stats.queries.ts';
import { speakerEditLocals } from './speaker-edits.routes.ts';
import { normalizeAlias } from './speakers.ts';

const STATEMENTS_SHOWN = 200;
const OUTLETS_SHOWN = 15;
const PAGE_SIZE = 50;

const day = isoDay();
const blankAsUnset = (v: unknown) => (v === '' ? undefined : v);

/** Filters on a speaker's page: a subset of the search filters, same names as /search. */
const speakerFiltersSchema = z.strictObject({
  kind: z.preprocess(blankAsUnset, z.enum(['quote', 'claim'], { error: 'must be quote or claim' }).optional()),
  quote_type: z.preprocess(blankAsUnset, z.enum(QUOTE_TYPES, { error: `must be one of: ${QUOTE_TYPES.join(', ')}` }).optional()),
  status: z.preprocess(blankAsUnset, z.enum(STATUSES, { error: `must be one of: ${STATUSES.join(', ')}` }).optional()),
  outlet: z.preprocess(blankAsUnset, typedText(200).optional()),
  from: z.preprocess(blankAsUnset, day.optional()),
  to: z.preprocess(blankAsUnset, day.optional()),
});

function speakerFilters(query: unknown): { filters: SearchFilters; values: Record<string, string> } {
  const f = parseInput(speakerFiltersSchema, query);
  const values = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return { filters: { kind: f.kind, quoteType: f.quote_type, status: f.status, outlet: f.outlet, from: f.from, to: f.to }, values };
}

const listSchema = z.strictObject({
  q: typedText(200).optional(),
  kind: z.enum(['person', 'organization'], { error: 'must be person or organization' }).optional().or(z.literal('').transform(() => undefined)),
  after: idParam('must be a speaker id from the previous page').optional(),
  limit: pageLimit(200).optional(),
});

function parseList(query: unknown) {
  return parseInput(listSchema, query);
}

export function speakersRouter(db: Kysely<Database>): Router {
  const router = Router();

  const speakerPage = async (id: number, filters: SearchFilters = {}) => {
    const [speaker, statements, months, outlets] = await Promise.all([
      getSpeakerProfile(db, id),
      listSpeakerStatements(db, id, STATEMENTS_SHOWN, filters),
      speakerMonthlyCounts(db, id),
      outletsQuotingSpeaker(db, id, OUTLETS_SHOWN),
    ]);
    return { speaker, statements, months, outlets };
  };

  const speakerList = async (query: unknown) => {
    const p = parseList(query);
    const limit = p.limit ?? PAGE_SIZE;
    const afterRow = p.after ? await db.selectFrom('speakers').select(['id', 'canonical_name as name']).where('id', '=', p.after).executeTakeFirst() : undefined;
    if (p.after && !afterRow) throw new InputError([{ field: 'after', message: 'must be a speaker id from the previous page' }], 400);
    const speakers = await listSpeakers(db, { q: p.q ? normalizeAlias(p.q) : undefined, kind: p.kind, after: afterRow }, limit);
    return { speakers, next: speakers.length === limit ? String(speakers.at(-1)!.id) : null, q: p.q ?? '', kind: p.kind ?? '' };
  };

  router.get('/speakers', async (req, res) => {
    res.render('speakers', { title: 'Speakers', ...(await speakerList(req.query)) });
  });

  router.get('/speakers/:id', async (req, res) => {
    const id = parseId(req.params.id, `Speaker ${req.params.id}`);
    const { filters, values } = speakerFilters(req.query);
    const page = await speakerPage(id, filters);
    // A merged speaker lives on in the one it joined (kept only so the merge can be undone).
    if (page.speaker.merged_into !== null) return res.redirect(302, `/speakers/${page.speaker.merged_into}`);
    const filtered = Object.keys(values).length > 0;
    res.render('speaker', {
      title: page.speaker.canonical_name,
      ...page,
      values,
      filtered,
      exportLinks: exportLinks({ speaker_id: String(id), ...values, sort: 'newest' }),
      // Dates outside the plausible publishing years (older data may hold year 1 or 9999) are not drawn.
      chart: buildMonthChart(page.months, publishedRange(new Date())),
      truncated: page.statements.length === STATEMENTS_SHOWN,
      hiddenAliases: page.speaker.alias_count - page.speaker.aliases.length,
      hiddenRoles: page.speaker.role_count - page.speaker.roles.length,
      ...(await speakerEditLocals(db, req.user, id)),
    });
  });

  router.get('/api/speakers', async (req, res) => {
    const { speakers, next } = await speakerList(req.query);
    res.json({ speakers, next });
  });

  // Numeric ids only: other /api/speakers/... paths (autocomplete) belong to other routers.
  router.get('/api/speakers/:id', async (req, res, next) => {
    if (!/^\d+$/.test(req.params.id)) return next();
    const id = parseId(req.params.id, `Speaker ${req.params.id}`);
    res.json(await speakerPage(id, speakerFilters(req.query).filters));
  });

  return router;
}
