import type { CslItem } from './citation.ts';
import { articleCslItem, isoDay } from './csv-export.ts';
import type { ExportFormat } from './export-format.ts';
import type { ExportRow } from './export.queries.ts';

/** Where a reference manager is told the record comes from: CSL `source` (Zotero's "Library Catalog"), RIS `DB`. */
export const RECORD_SOURCE = 'Verbatim';

/**
 * `text` on one line with single spaces: every run of blanks and line breaks (space, tab, CR,
 * LF, VT, FF, NEL, U+2028, U+2029) becomes one space, and none is left at either end; other
 * spaces (no-break, ideographic) are kept. For RIS and BibTeX, which can carry neither: RIS
 * ends a field at a line end (a line without a tag is read back as the previous field's
 * continuation, joined by a space), and citation-js' RIS reader cuts a value at two spaces
 * and a dash (`  - `, its tag separator); BibTeX reads any run of blanks or a line end inside
 * a field as one space.
 */
export function flatText(text: string): string {
  return text.replace(/[ \t\n\v\f\r\u0085\u2028\u2029]+/gu, ' ').trim();
}

/** `item` with `change` applied to every text it shows a reader (title, outlet, publisher, names, note, source); ids, dates and URLs kept. */
export function mapItemText(item: CslItem, change: (text: string) => string): CslItem {
  const out: CslItem = { ...item };
  for (const key of ['title', 'container-title', 'publisher', 'note', 'source'] as const) {
    const value = item[key];
    if (value !== undefined) out[key] = change(value);
  }
  if (item.author) out.author = item.author.map((a) => ({ literal: change(a.literal) }));
  return out;
}

/** `text` as a sentence: a full stop added unless it already ends with one (a role such as "Acme Inc."). */
const sentence = (text: string) => (/[.!?…]$/u.test(text) ? text : `${text}.`);

/**
 * The note of a statement's reference item: who said what, how sure Verbatim is, and where it
 * was printed, on one line but for the quote's own line breaks (CSL-JSON keeps them; RIS and
 * BibTeX cannot, see flatText):
 *   `“<quote>” — <speaker>, <role as printed>. Review status: <status>[ by <user>][ on <YYYY-MM-DD>][ (confidence <0..1>)]. Source article: <URL>`
 * A claim (reported speech) is written without quote marks; a statement with no speaker says
 * "speaker unknown"; no role, no ", <role>". The review status is the current attribution's
 * (machine, verified, corrected, rejected); the confidence is the extractor's, shown while a
 * machine attribution is unreviewed. `articleUrl` is the article's own URL (its page on
 * Verbatim when it has none).
 */
export function statementNote(row: ExportRow, articleUrl: string): string {
  const said = row.kind === 'quote' ? `“${row.text}”` : row.text;
  const who = [row.speaker_name ?? 'speaker unknown', row.role_text].filter(Boolean).join(', ');
  const review = [
    `Review status: ${row.status}`,
    row.reviewed_by ? ` by ${row.reviewed_by}` : '',
    row.reviewed_at ? ` on ${isoDay(row.reviewed_at)}` : '',
    row.status === 'machine' && row.confidence !== null ? ` (confidence ${row.confidence})` : '',
  ].join('');
  return `${sentence(`${said} — ${who}`)} ${review}. Source article: ${articleUrl}`;
}

/**
 * The CSL-JSON item of ONE STATEMENT, which the reference-manager exports (CSL-JSON, RIS,
 * BibTeX) are made of: the source article's item (articleCslItem: type article-newspaper, the
 * article's title, the outlet as container-title, byline or agency as author, published date
 * as `issued`, when the page was fetched (else the day Verbatim stored it) as `accessed`) made the statement's own:
 * - `id` `statement-<id>` and `citation-key` `verbatim<id>` (unique and stable: a statement id never changes);
 * - `URL`: the statement's permalink `<origin>/statements/<id>`;
 * - `note`: statementNote (quote, speaker, role as printed, review status, the article's own URL);
 * - `source`: RECORD_SOURCE.
 * `origin` is PUBLIC_URL (`https://host`, no trailing slash).
 */
export function statementCslItem(row: ExportRow, origin: string): CslItem {
  const article = articleCslItem(row, origin);
  return {
    ...article,
    id: `statement-${row.id}`,
    'citation-key': `verbatim${row.id}`,
    URL: `${origin}/statements/${row.id}`,
    source: RECORD_SOURCE,
    note: statementNote(row, article.URL!),
  };
}

/**
 * A format whose file is its items one after the other, nothing before or after (RIS,
 * BibTeX): `write` turns one statement's item (statementCslItem) into its text. An empty
 * selection is an empty file. No comment lines: `bom` and `meta` are refused (export-query.ts).
 */
export function itemPerStatementFormat(extension: string, contentType: string, write: (item: CslItem) => string): ExportFormat {
  return {
    extension,
    contentType,
    spreadsheet: false,
    encoder: (o) => ({ head: () => '', rows: (rows) => rows.map((row) => write(statementCslItem(row, o.origin))).join(''), tail: () => '' }),
  };
}
