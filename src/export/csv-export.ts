import { stringify } from 'csv-stringify/sync';
import { type CslItem, dateParts, formatCitation } from './citation.ts';
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

/**
 * Turns export rows into CSV records. Citations are made once per article and style (an
 * article's quotes share their source) and kept for the last `cacheSize` articles, so a
 * million-row export formats each article once, in bounded memory.
 */
export class CsvRecords {
  private readonly citations = new Map<number, string>();

  constructor(
    private readonly origin: string,
    private readonly style: string,
    private readonly cacheSize = 5000,
  ) {}

  private citation(row: ExportRow): string {
    let text = this.citations.get(row.article_id);
    if (text === undefined) {
      text = formatCitation(articleCslItem(row, `${this.origin}/articles/${row.article_id}`), this.style);
      if (this.citations.size >= this.cacheSize) this.citations.delete(this.citations.keys().next().value!);
      this.citations.set(row.article_id, text);
    }
    return text;
  }

  /** The record of one row, keyed by CSV_COLUMNS. */
  record(row: ExportRow): Record<(typeof CSV_COLUMNS)[number], string | number | null> {
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
 * CSV (RFC 4180 by csv-stringify: a cell is quoted when it holds a comma, a quote or a line
 * end; CRLF records; UTF-8): the byte order mark when asked, the `meta` lines as `# ` comment
 * lines, the header line (CSV_COLUMNS), then one record per row, every string cell passed
 * through neutralizeFormula.
 */
export const csvFormat: ExportFormat = {
  extension: 'csv',
  contentType: 'text/csv; charset=utf-8',
  spreadsheet: true,
  encoder(o: ExportOptions): ExportEncoder {
    const records = new CsvRecords(o.origin, o.style);
    const options = {
      columns: [...CSV_COLUMNS],
      record_delimiter: 'windows' as const,
      cast: { string: neutralizeFormula, boolean: (b: boolean) => (b ? 'true' : 'false') },
    };
    return {
      head: () => (o.bom ? '\ufeff' : '') + (o.meta ?? []).map((line) => `# ${line}\r\n`).join('') + stringify([], { ...options, header: true }),
      row: (row) => stringify([records.record(row)], options),
      tail: () => '',
    };
  },
};
