import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { formatCitation } from './citation.ts';
import { articleCslItem } from './csv-export.ts';
import { type ExportRow, exportRowsByIds } from './export.queries.ts';

// "Cite" on a statement (issue #11 point 6) cites the article the statement comes from, by
// the very functions the CSV's `citation` column uses (exportRowsByIds → articleCslItem →
// formatCitation), so a copied citation and an exported one never disagree.

/**
 * The `style` parameter: one of `styles` (loadCitationStyles' names), refused otherwise
 * with "must be one of: apa, harvard1, …" (the message GET /api/export.csv gives).
 */
export function citationStyleSchema(styles: string[]) {
  return z.enum(styles as [string, ...string[]], { error: `must be one of: ${styles.join(', ')}` });
}

/**
 * The citation of the article `row` comes from, in `style`, exactly as the CSV's `citation`
 * column makes it: the article's own URL, or its page at `origin` (PUBLIC_URL) when it has none.
 */
export function rowCitation(row: ExportRow, origin: string, style: string): string {
  return formatCitation(articleCslItem(row, origin), style);
}

/**
 * The citation, in CSL style `style`, of the article of each of `statements` ({ id, articleId },
 * e.g. a page of search hits), keyed by article id. Each article is read and formatted once,
 * through one of its statements (formatting costs ~1 ms): a page of 100 hits from 30 articles
 * formats 30 citations in one query. `style` must be a loaded style (formatCitation throws
 * otherwise). Statements that no longer exist are left out.
 */
export async function citationsByArticle(
  db: Kysely<Database>,
  origin: string,
  statements: readonly { id: number; articleId: number }[],
  style: string,
): Promise<Map<number, string>> {
  const onePerArticle = new Map<number, number>();
  for (const s of statements) if (!onePerArticle.has(s.articleId)) onePerArticle.set(s.articleId, s.id);
  const rows = await exportRowsByIds(db, [...onePerArticle.values()], undefined);
  return new Map(rows.map((row) => [row.article_id, rowCitation(row, origin, style)]));
}

/**
 * The citation of statement `id`'s article in `style`, as the CSV's `citation` column has it.
 * Throws NotFoundError (404) when there is no such statement.
 */
export async function statementCitation(db: Kysely<Database>, origin: string, id: number, style: string): Promise<string> {
  const [row] = await exportRowsByIds(db, [id], undefined);
  if (!row) throw new NotFoundError(`Statement ${id}`);
  return rowCitation(row, origin, style);
}
