import express, { type Request, Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireRole } from '../auth/require-role.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { noQueryParameters, parseInput } from '../http/parse-input.ts';
import { idParam } from '../http/schema.ts';
import { flash } from '../http/session.ts';
import { writeAccess } from '../http/write-access.ts';
import { importPageView, presentImport, problemPageView } from './import-admin.ts';
import { listImportProgress, listProblemRecords, PROBLEMS_SHOWN, type ProblemRecord } from './import-list.queries.ts';
import { retryFailedRecord } from './import-retry.ts';
import { importProgress } from './imports.queries.ts';
import type { RecordContext } from './process-record.ts';

/** Who sees imports and retries their failed records (pages and API). */
export const MANAGE_IMPORTS = 'admin';

// Ids in the path: a malformed one is a bad request naming the parameter, not a missing page.
const importPath = z.strictObject({ id: idParam('must be an import id (a whole number from 1)') });
const recordPath = importPath.extend({ recordId: idParam('must be a record id (a whole number from 1)') });
const emptyForm = z.strictObject({ _csrf: z.string().optional() });
const emptyJson = z.strictObject({});

/** An import's figures and its failed and rejected records (at most PROBLEMS_SHOWN); NotFoundError if there is no such import. */
async function loadImport(db: Kysely<Database>, id: number) {
  const progress = await importProgress(db, id);
  if (!progress) throw new NotFoundError(`Import ${id}`);
  return { progress, records: await listProblemRecords(db, id), recordsTotal: progress.failed + progress.rejected };
}

/** What a retry came to, for the page's flash message. */
function retryMessage(r: ProblemRecord): { kind: 'success' | 'error'; text: string } {
  const which = `Record ${r.id} (${r.position ? `${r.source}, ${r.position}` : r.source})`;
  if (r.state === 'stored') return { kind: 'success', text: `${which} retried: stored as article ${r.articleId}.` };
  if (r.state === 'duplicate') return { kind: 'success', text: `${which} retried: a duplicate of article ${r.articleId}, nothing new stored.` };
  return { kind: 'error', text: `${which} failed again: ${r.errorField ? `${r.errorField}: ` : ''}${r.error ?? 'no error was noted'}.` };
}

/**
 * The imports admin (issue 14): GET /admin/imports (the newest imports), GET
 * /admin/imports/:id (one, with its failed and rejected records and their Retry buttons),
 * POST /admin/imports/:id/records/:recordId/retry; and the JSON the pages poll: GET
 * /api/imports ({imports}), GET /api/imports/:id ({import, records, recordsTotal}), POST
 * /api/imports/:id/records/:recordId/retry ({record}: its state after the retry).
 */
export function importsRouter(db: Kysely<Database>, ctx: RecordContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const json = express.json({ limit: '10kb' });
  const retry = (req: Request) => {
    const { id, recordId } = parseInput(recordPath, req.params);
    parseInput(req.path.startsWith('/api/') ? emptyJson : emptyForm, req.body ?? {}, 400, 'body');
    return retryFailedRecord(ctx, id, recordId, req.user!.id);
  };

  router.get('/admin/imports', requireRole(MANAGE_IMPORTS), noQueryParameters, async (_req, res) => {
    const imports = (await listImportProgress(db)).map(importPageView);
    res.render('admin-imports', { title: 'Imports', imports, polling: imports.some((i) => i.unfinished) });
  });

  router.get('/admin/imports/:id', requireRole(MANAGE_IMPORTS), async (req, res) => {
    const { id } = parseInput(importPath, req.params);
    parseInput(emptyJson, req.query);
    const { progress, records, recordsTotal } = await loadImport(db, id);
    const view = importPageView(progress);
    res.render('admin-import', {
      title: `Import ${id}`,
      imp: view,
      records: records.map(problemPageView),
      recordsTotal,
      recordsCapped: recordsTotal > records.length,
      cap: PROBLEMS_SHOWN,
    });
  });

  router.post('/admin/imports/:id/records/:recordId/retry', ...writeAccess(MANAGE_IMPORTS, form), async (req, res) => {
    const record = await retry(req);
    const message = retryMessage(record);
    flash(req, message.kind, message.text);
    res.redirect(303, `/admin/imports/${record.importId}`);
  });

  router.get('/api/imports', requireRole(MANAGE_IMPORTS), noQueryParameters, async (_req, res) => {
    res.json({ imports: (await listImportProgress(db)).map(presentImport) });
  });

  router.get('/api/imports/:id', requireRole(MANAGE_IMPORTS), async (req, res) => {
    const { id } = parseInput(importPath, req.params);
    parseInput(emptyJson, req.query);
    const { progress, records, recordsTotal } = await loadImport(db, id);
    res.json({ import: presentImport(progress), records, recordsTotal });
  });

  router.post('/api/imports/:id/records/:recordId/retry', ...writeAccess(MANAGE_IMPORTS, json), async (req, res) => {
    res.json({ record: await retry(req) });
  });

  return router;
}
