import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { formatTime } from '../auth/users.ts';
import { requireRole } from '../auth/require-role.ts';
import type { Database } from '../db/database.ts';
import { parseInput } from '../http/parse-input.ts';
import { idParam, isoDay, pageLimit, typedText } from '../http/schema.ts';
import { type AuditFilters, listAuditEntries } from './audit-list.queries.ts';

/** Who reads the audit log. */
export const READ_AUDIT = 'admin';

/** An empty field of the filter form means "any". */
const blankIsAny = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const filtersSchema = z
  .strictObject({
    user: blankIsAny(typedText(40)),
    entityType: blankIsAny(z.string().regex(/^[a-z_]{1,40}$/, 'must be an entity type such as user, article or api_token')),
    entityId: blankIsAny(idParam('must be an id (a whole number from 1)')),
    from: blankIsAny(isoDay()),
    to: blankIsAny(isoDay()),
    before: blankIsAny(idParam('must be an entry id')),
    limit: blankIsAny(pageLimit(200)),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { message: 'must not be after to', path: ['from'] });

/**
 * The page shows this many characters of a before/after image: a deleted article's image
 * holds its whole body text and annotations. The full entry is one link away (the API).
 */
const SHOWN_JSON_CHARS = 800;

/** A JSON value, compact and cut to SHOWN_JSON_CHARS, for the page (escaped there like any text). */
function compact(value: unknown): string {
  if (value === null || value === undefined) return '';
  const json = JSON.stringify(value);
  return json.length > SHOWN_JSON_CHARS ? `${[...json.slice(0, SHOWN_JSON_CHARS)].slice(0, -1).join('')} …` : json;
}

/** The admin's audit log: the /admin/audit page and GET /api/audit, with the same filters. */
export function auditRouter(db: Kysely<Database>): Router {
  const router = Router();

  router.get('/admin/audit', requireRole(READ_AUDIT), async (req, res) => {
    const { limit = 50, ...filters } = parseInput(filtersSchema, req.query);
    const { entries, nextBefore } = await listAuditEntries(db, filters as AuditFilters, limit);
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, before: nextBefore, limit: req.query.limit ? limit : undefined })) {
      if (v !== undefined && v !== null) next.set(k, String(v));
    }
    res.render('admin-audit', {
      title: 'Audit log',
      filters,
      entries: entries.map((e) => ({ ...e, createdText: formatTime(e.createdAt), beforeJson: compact(e.before), afterJson: compact(e.after), fullUrl: `/api/audit?before=${e.id + 1}&limit=1` })),
      nextUrl: nextBefore === null ? null : `/admin/audit?${next}`,
    });
  });

  router.get('/api/audit', requireRole(READ_AUDIT), async (req, res) => {
    const { limit = 50, ...filters } = parseInput(filtersSchema, req.query);
    res.json(await listAuditEntries(db, filters as AuditFilters, limit));
  });

  return router;
}
