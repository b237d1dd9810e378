import { z } from 'zod';
import { EXTRACTOR_VERSION } from '../extraction/index.ts';
import { InputError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { parseQueueQuery } from '../review/review-queue.ts';
import { parseSearchParams, type QueryValues } from '../search/search.ts';
import { DEFAULT_STYLE } from './citation.ts';
import type { ExportFormat } from './export-format.ts';
import type { ExportSelection } from './export-selection.ts';
import { citationStyleSchema } from './statement-citation.ts';

/** An export's own parameters; every other one is the listing's (the search's, or the review queue's with queue=review). */
const OWN_KEYS = ['style', 'bom', 'meta', 'queue'];
/** The listings' paging parameters: an export holds every page, so they are left out. */
const PAGING_KEYS = ['cursor', 'limit', 'facets', 'after'];

export interface ExportQuery {
  selection: ExportSelection;
  style: string;
  bom: boolean;
  meta: boolean;
  /** The listing's parameters as given (no paging ones), for the meta lines and links. */
  values: QueryValues;
}

/**
 * Parses an export's query string (GET /api/export.<ext> and `npm run export`): `style` (one of
 * `styles`), `bom=1` and `meta=1` (all three CSV only), `queue=review` (the review queue's filters
 * instead of the search's), and the listing's own parameters, parsed by the listing's parser.
 * Throws InputError (400) naming every bad parameter.
 */
export function parseExportQuery(query: Record<string, unknown>, styles: string[], format: ExportFormat): ExportQuery {
  const flag = z.enum(['0', '1'], { error: 'must be 0 or 1' }).optional();
  // Optional: an absent key is fine; any value is refused (zod 4 reads a bare z.undefined() key as required).
  const csvOnly = z.undefined({ error: 'applies to CSV only' }).optional();
  const own = z.strictObject({
    style: format.spreadsheet ? citationStyleSchema(styles).optional() : csvOnly,
    bom: format.spreadsheet ? flag : csvOnly,
    meta: format.spreadsheet ? flag : csvOnly,
    queue: z.enum(['review'], { error: 'must be review (or left out for a search)' }).optional(),
  });
  const mine: Record<string, unknown> = {};
  const listing: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (OWN_KEYS.includes(k)) mine[k] = v;
    else if (!PAGING_KEYS.includes(k)) listing[k] = v;
  }
  const repeated = Object.entries(mine).filter(([, v]) => Array.isArray(v)).map(([field]) => ({ field, message: 'must be given once' }));
  if (repeated.length) throw new InputError(repeated, 400);
  const o = parseInput(own, mine);
  const common = { style: o.style ?? DEFAULT_STYLE, bom: o.bom === '1', meta: o.meta === '1' };
  if (o.queue === 'review') {
    const { q, values } = parseQueueQuery(listing);
    return { ...common, selection: { source: 'review', queue: q }, values };
  }
  const { params, values } = parseSearchParams(listing);
  return { ...common, selection: { source: 'search', params }, values };
}

/** One line of text: line ends and other control characters become spaces. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ');

/**
 * The lines that let an export be reproduced: what was asked (the query, the filters, the
 * order), when, how many rows, by which extractor version, and the API URL that makes it
 * again. Shape: ['Verbatim export', 'query: …', …], one fact per line, no line ends inside.
 */
export function exportMetaLines(x: { query: ExportQuery; rows: number; exportedAt: Date; origin: string; path: string }): string[] {
  const { values, selection } = x.query;
  const { q, sort, mode, ...filters } = values;
  const filterText = Object.entries(filters).map(([k, v]) => `${k}=${v}`).join('; ');
  const order = selection.source === 'review'
    ? 'review queue: lowest confidence first'
    : selection.params.mode === 'similar' ? 'similarity' : selection.params.sort;
  const again = new URLSearchParams({ ...values, ...(selection.source === 'review' ? { queue: 'review' } : {}), ...(x.query.style !== DEFAULT_STYLE ? { style: x.query.style } : {}) });
  return [
    'Verbatim export',
    `source: ${selection.source === 'review' ? 'review queue' : 'search'}`,
    `query: ${q ? `${q}${mode ? ` (mode ${mode})` : ''}` : '(no words)'}`,
    `filters: ${filterText || 'none'}`,
    `order: ${order}`,
    `exported at: ${x.exportedAt.toISOString()}`,
    `rows: ${x.rows}`,
    `extractor version: ${EXTRACTOR_VERSION}`,
    `citation style: ${x.query.style}`,
    `reproduce: ${x.origin}${x.path}${again.size ? `?${again}` : ''}`,
  ].map(oneLine);
}
