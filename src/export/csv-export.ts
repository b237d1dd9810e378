import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { type CslItem, dateParts } from './citation.ts';
import { CitationCache } from './citation-cache.ts';
import type { ExportEncoder, ExportFormat, ExportOptions } from './export-format.ts';
import type { ExportRow } from './export.queries.ts';

/** The CSV's columns, in order, as issue #11 names them (also the header line). */
export const CSV_COLUMNS = [
  'statement_id', 'kind', 'quote_type', 'text', 'speaker', 'speaker_kind', 'role_as_printed', 'organization', 'cue',
  'article_title', 'outlet', 'agency', 'byline', 'published_date', 'url', 'accessed_date', 'start', 'end', 'paragraph',
  'review_status', 'confidence', 'verified_by', 'verified_at', 'annotation_count', 'tags', 'attribution_verdict',
  'claim_rating', 'permalink', 'citation',
] as const;

/**
 * A cell a spreadsheet would run as a formula: it starts with =, +, -, @, a tab or a carriage
 * return, also after leading blanks or quote marks (`  =1+1`, `"=cmd|...`), which spreadsheets
 * skip. OWASP "CSV Injection" guidance: such a cell is prefixed with a single quote.
 */
const FORMULA_START = /^[\s"'“”‘’«»]*[=+\-@\t\r]/u;

/** `value`, with a leading `'` when a spreadsheet would otherwise read it as a formula. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * csv-stringify's options for every line (RFC 4180: a cell holding a comma, a quote or a line
 * end is quoted, its quotes doubled; CRLF records). quote_record_delimiter: a lone CR or LF
 * inside a cell is quoted too (csv-stringify leaves it bare once record_delimiter is set, and
 * a quote spanning paragraphs split its row). Cells arrive as arrays in CSV_COLUMNS order,
 * already neutralised: csv-stringify then costs ~9 µs a row of these 29 cells, against
 * ~14 µs for keyed records with a cast function (scripts/bench-export.ts).
 */
export const CSV_OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** One CSV line (CRLF-terminated) of `cells`, by csv-stringify with CSV_OPTIONS. */
export function csvLine(cells: readonly CsvCell[]): string {
  return stringify([cells], CSV_OPTIONS);
}

/** One cell: text (neutralised), a number, or null for an empty cell. */
export type CsvCell = string | number | null;

/** A date as its UTC day, YYYY-MM-DD. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const day = (d: Date | null) => (d ? isoDay(d) : '');

/**
 * The CSL-JSON item of the article a row comes from (the source a citation cites). Its URL is
 * the article's own, else its page on this site: `<origin>/articles/<id>` (origin: PUBLIC_URL).
 */
export function articleCslItem(row: ExportRow, origin: string): CslItem {
  const articleUrl = `${origin}/articles/${row.article_id}`;
  return {
    id: `article-${row.article_id}`,
    type: 'article-newspaper',
    title: row.article_title,
    ...(row.outlet_name ? { 'container-title': row.outlet_name } : {}),
    ...(row.agency ? { publisher: row.agency } : {}),
    ...(row.byline ? { author: [{ literal: row.byline }] } : row.agency ? { author: [{ literal: row.agency }] } : {}),
    ...(row.published_at ? { issued: dateParts(row.published_at) } : {}),
    accessed: dateParts(row.ingested_at),
    URL: row.url ?? articleUrl,
  };
}

/** Turns export rows into CSV records; `citation` gives the citation of a row's article (CitationCache.get). */
export class CsvRecords {
  constructor(
    private readonly origin: string,
    private readonly citation: (row: ExportRow) => string,
  ) {}

  /** The cells of one row, in CSV_COLUMNS order, every text cell passed through neutralizeFormula. */
  cells(row: ExportRow): CsvCell[] {
    const text = (v: string | null) => (v === null ? null : neutralizeFormula(v));
    return [
      row.id, text(row.kind), text(row.quote_type), text(row.text), text(row.speaker_name), text(row.speaker_kind),
      text(row.role_text), text(row.organization), text(row.cue_text), text(row.article_title), text(row.outlet_name),
      text(row.agency), text(row.byline), day(row.published_at), text(row.url), day(row.ingested_at),
      row.start_offset, row.end_offset, row.paragraph_index, text(row.status), row.confidence, text(row.reviewed_by),
      row.reviewed_at ? row.reviewed_at.toISOString() : null, row.annotation_count, text(row.tags.join('; ')),
      text(row.verdicts.join('; ')), text(row.ratings.join('; ')), `${this.origin}/statements/${row.id}`,
      text(this.citation(row)),
    ];
  }
}

/**
 * CSV (RFC 4180: a cell is quoted when it holds a comma, a quote or a line end; CRLF records;
 * UTF-8): the byte order mark when asked, the `meta` lines as `# ` comment lines, the header
 * line (CSV_COLUMNS), then one record per row, every text cell passed through neutralizeFormula,
 * every line written by csv-stringify (csvLine).
 */
export const csvFormat: ExportFormat = {
  extension: 'csv',
  contentType: 'text/csv; charset=utf-8',
  spreadsheet: true,
  encoder(o: ExportOptions, db: Kysely<Database>): ExportEncoder {
    const citations = new CitationCache(db, o.style, (row) => articleCslItem(row, o.origin));
    const records = new CsvRecords(o.origin, (row) => citations.get(row.article_id));
    return {
      prepare: (rows) => citations.prepare(rows),
      head: () => (o.bom ? '\ufeff' : '') + (o.meta ?? []).map((line) => `# ${line}\r\n`).join('') + csvLine(CSV_COLUMNS),
      row: (row) => csvLine(records.cells(row)),
      tail: () => '',
    };
  },
};
