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
 * csv-stringify's options for the header line, and for any record: the reference csvLine is
 * held to. quote_record_delimiter: a lone CR or LF inside a cell is quoted too (csv-stringify
 * leaves it bare once record_delimiter is set, and a quote spanning paragraphs split its row).
 */
export const CSV_OPTIONS = { columns: [...CSV_COLUMNS], header: true, record_delimiter: 'windows', quote_record_delimiter: true, cast: { string: neutralizeFormula } } as const;

/** A cell to quote: one holding a comma, a quote or a line end, CR or LF (RFC 4180 section 2). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record of `record`'s cells in CSV_COLUMNS order, CRLF-terminated, every string cell
 * neutralised (neutralizeFormula) and quoted as RFC 4180 says (a cell with a comma, a quote or
 * a line end in double quotes, its quotes doubled); null is an empty cell. The same bytes as
 * csv-stringify with CSV_OPTIONS (a property test holds them equal), at a fifth of its cost:
 * csv-stringify spent 13 µs on a row of these 29 cells, twice what Postgres took to read it
 * (issue #11's throughput target; scripts/bench-export.ts).
 */
export function csvLine(record: CsvRecord): string {
  let line = '';
  for (let i = 0; i < CSV_COLUMNS.length; i++) {
    const value = record[CSV_COLUMNS[i]!];
    const text = value === null ? '' : typeof value === 'string' ? neutralizeFormula(value) : String(value);
    line += (i ? ',' : '') + (NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  }
  return `${line}\r\n`;
}

/** One row's cells, keyed by CSV_COLUMNS. */
export type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string | number | null>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** The CSL-JSON item of the article a row comes from (the source a citation cites). */
export function articleCslItem(row: ExportRow, articleUrl: string): CslItem {
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

  /** The record of one row, keyed by CSV_COLUMNS. */
  record(row: ExportRow): CsvRecord {
    return {
      statement_id: row.id,
      kind: row.kind,
      quote_type: row.quote_type,
      text: row.text,
      speaker: row.speaker_name,
      speaker_kind: row.speaker_kind,
      role_as_printed: row.role_text,
      organization: row.organization,
      cue: row.cue_text,
      article_title: row.article_title,
      outlet: row.outlet_name,
      agency: row.agency,
      byline: row.byline,
      published_date: day(row.published_at),
      url: row.url,
      accessed_date: day(row.ingested_at),
      start: row.start_offset,
      end: row.end_offset,
      paragraph: row.paragraph_index,
      review_status: row.status,
      confidence: row.confidence,
      verified_by: row.reviewed_by,
      verified_at: row.reviewed_at ? row.reviewed_at.toISOString() : null,
      annotation_count: row.annotation_count,
      tags: row.tags.join('; '),
      attribution_verdict: row.verdicts.join('; '),
      claim_rating: row.ratings.join('; '),
      permalink: `${this.origin}/statements/${row.id}`,
      citation: this.citation(row),
    };
  }
}

/**
 * CSV (RFC 4180: a cell is quoted when it holds a comma, a quote or a line end; CRLF records;
 * UTF-8): the byte order mark when asked, the `meta` lines as `# ` comment lines, the header
 * line (CSV_COLUMNS, by csv-stringify), then one record per row (csvLine), every string cell
 * passed through neutralizeFormula.
 */
export const csvFormat: ExportFormat = {
  extension: 'csv',
  contentType: 'text/csv; charset=utf-8',
  spreadsheet: true,
  encoder(o: ExportOptions, db: Kysely<Database>): ExportEncoder {
    const citations = new CitationCache(db, o.style, (row) => articleCslItem(row, `${o.origin}/articles/${row.article_id}`));
    const records = new CsvRecords(o.origin, (row) => citations.get(row.article_id));
    return {
      prepare: (rows) => citations.prepare(rows),
      head: () => (o.bom ? '\ufeff' : '') + (o.meta ?? []).map((line) => `# ${line}\r\n`).join('') + stringify([], CSV_OPTIONS),
      row: (row) => csvLine(records.record(row)),
      tail: () => '',
    };
  },
};
