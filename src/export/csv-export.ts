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

/** An ASCII letter or digit (a UTF-16 code unit): no formula, blank or quote mark starts so. */
const isPlainStart = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * `value`, with a leading `'` when a spreadsheet would otherwise read it as a formula. Most
 * cells start with a letter or digit and skip the pattern (it cost ~1 s of a 1M-row export).
 */
export function neutralizeFormula(value: string): string {
  return isPlainStart(value.charCodeAt(0)) || !FORMULA_START.test(value) ? value : `'${value}`;
}

/**
 * csv-stringify's options for every line (RFC 4180: a cell holding a comma, a quote or a line
 * end is quoted, its quotes doubled; CRLF records). quote_record_delimiter: a lone CR or LF
 * inside a cell is quoted too (csv-stringify leaves it bare once record_delimiter is set, and
 * a quote spanning paragraphs split its row). Cells arrive as arrays in CSV_COLUMNS order,
 * already neutralised: csv-stringify then costs ~4-5 µs a row of these 29 cells given some
 * tens of rows a call (each call normalises its options again), against ~14 µs a row for
 * keyed records with a cast function (scripts/bench-export.ts).
 */
export const CSV_OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** The CSV lines (each CRLF-terminated) of `records`, by csv-stringify with CSV_OPTIONS; '' for none. */
export function csvLines(records: readonly (readonly CsvCell[])[]): string {
  return records.length ? stringify(records as CsvCell[][], CSV_OPTIONS) : '';
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
    accessed: dateParts(row.accessed_at),
    URL: row.url ?? articleUrl,
  };
}

/** A text cell: null stays empty, text is neutralised. */
const text = (v: string | null): CsvCell => (v === null ? null : neutralizeFormula(v));

/** A list cell: its items joined by `; ` (neutralised), empty for none (most rows have no annotation). */
const list = (items: string[]): CsvCell => (items.length ? neutralizeFormula(items.join('; ')) : null);

/** The cells a row takes from its article: title, outlet, agency, byline, published, url, accessed, citation. */
type ArticleCells = [CsvCell, CsvCell, CsvCell, CsvCell, CsvCell, CsvCell, CsvCell, CsvCell];

/**
 * Turns export rows into CSV records; `citation` gives the citation of a row's article
 * (CitationCache.get). An article's cells are made once for its run of rows (an article's
 * statements come together): its dates' toISOString alone cost 1.5 s of a 1M-row export.
 */
export class CsvRecords {
  private articleId = -1;
  private article: ArticleCells = [null, null, null, null, null, null, null, null];

  constructor(
    private readonly origin: string,
    private readonly citation: (row: ExportRow) => string,
  ) {}

  /** The cells of one row, in CSV_COLUMNS order, every text cell passed through neutralizeFormula. */
  cells(row: ExportRow): CsvCell[] {
    if (row.article_id !== this.articleId) {
      this.articleId = row.article_id;
      this.article = [
        text(row.article_title), text(row.outlet_name), text(row.agency), text(row.byline), day(row.published_at),
        text(row.url), day(row.accessed_at), text(this.citation(row)),
      ];
    }
    const [title, outlet, agency, byline, published, url, accessed, citation] = this.article;
    return [
      row.id, text(row.kind), text(row.quote_type), text(row.text), text(row.speaker_name), text(row.speaker_kind),
      text(row.role_text), text(row.organization), text(row.cue_text), title, outlet, agency, byline, published, url, accessed,
      row.start_offset, row.end_offset, row.paragraph_index, text(row.status), row.confidence, text(row.reviewed_by),
      row.reviewed_at ? row.reviewed_at.toISOString() : null, row.annotation_count, list(row.tags),
      list(row.verdicts), list(row.ratings), `${this.origin}/statements/${row.id}`, citation,
    ];
  }
}

/**
 * CSV (RFC 4180: a cell is quoted when it holds a comma, a quote or a line end; CRLF records;
 * UTF-8): the byte order mark when asked, the `meta` lines as `# ` comment lines, the header
 * line (CSV_COLUMNS), then one record per row, every text cell passed through neutralizeFormula,
 * every line written by csv-stringify (csvLines).
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
      head: () => (o.bom ? '\ufeff' : '') + (o.meta ?? []).map((line) => `# ${line}\r\n`).join('') + csvLines([CSV_COLUMNS]),
      rows: (rows) => csvLines(rows.map((row) => records.cells(row))),
      tail: () => '',
    };
  },
};
