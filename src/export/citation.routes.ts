import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { parseInput } from '../http/parse-input.ts';
import { DEFAULT_STYLE } from './citation.ts';
import { citationStyleSchema, statementCitation } from './statement-citation.ts';

/**
 * GET /api/statements/:id/citation?style=NAME → 200 `{ statementId, style, citation, styles }`:
 * the citation of the statement's source article in `style` (default DEFAULT_STYLE, APA 7),
 * made as the CSV export's `citation` column is, and every style that can be asked for
 * (`styles`, loadCitationStyles' names), for a style picker. Public, like the pages.
 * Errors: 400 naming `style` (unknown style) or any unknown parameter; 404, no such statement.
 */
export function citationRouter(db: Kysely<Database>, origin: string, styles: string[]): Router {
  const router = Router();
  const query = z.strictObject({ style: citationStyleSchema(styles).optional() });

  router.get('/api/statements/:id/citation', async (req, res) => {
    const id = parseId(req.params.id, `Statement ${req.params.id}`);
    const style = parseInput(query, req.query).style ?? DEFAULT_STYLE;
    res.json({ statementId: id, style, citation: await statementCitation(db, origin, id, style), styles });
  });

  return router;
}
