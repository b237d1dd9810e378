import { type Request, type Response, Router } from 'express';
import type { Kysely } from 'kysely';
import { hasRole } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';
import { RoleRequiredError } from '../auth/role-required.ts';
import { HttpError } from '../http/errors.ts';
import { SUGGEST_ROLE } from '../review/review.api.routes.ts';
import type { ExportFormat } from './export-format.ts';
import { isoDay } from './csv-export.ts';
import { EXPORT_FORMATS } from './export-formats.ts';
import { exportMetaLines, parseExportQuery } from './export-query.ts';
import { countSelection } from './export-selection.ts';
import { writeExport } from './run-export.ts';

/**
 * GET /api/export.<extension> (csv, csljson, ris, bib)?<search parameters>&style=&bom=1&meta=1,
 * or ?queue=review&<review queue filters>: every statement of the listing, in its order, one
 * row or item each, streamed page by page with backpressure (writeExport). A client that goes
 * away stops the export at once: no query of it is left running. The review queue needs the role
 * its page needs. `serverCursor`: read from a server-side cursor (a real server, not the embedded one).
 */
export function exportRouter(db: Kysely<Database>, origin: string, styles: string[], serverCursor = false): Router {
  const router = Router();

  const exportAs = (format: ExportFormat) => async (req: Request, res: Response) => {
    const query = parseExportQuery(req.query as Record<string, unknown>, styles, format);
    if (query.selection.source === 'review') {
      if (!req.user) throw new HttpError(401, 'Log in first (POST /api/login): the review queue needs it');
      if (!hasRole(req.user, SUGGEST_ROLE)) throw new RoleRequiredError(SUGGEST_ROLE, req.user.role, 'The review queue');
    }
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const meta = query.meta
      ? exportMetaLines({ query, rows: await countSelection(db, query.selection), exportedAt: new Date(), origin, path: req.path })
      : null;
    const day = isoDay(new Date());
    res.status(200).type(format.contentType).set('Content-Disposition', `attachment; filename="verbatim-export-${day}.${format.fileExtension ?? format.extension}"`);
    await writeExport({ db, selection: query.selection, format, options: { origin, style: query.style, bom: query.bom, meta }, viewer: req.user, signal: gone.signal, serverCursor }, res);
    res.end();
  };
  for (const format of Object.values(EXPORT_FORMATS)) router.get(`/api/export.${format.extension}`, exportAs(format));

  return router;
}
