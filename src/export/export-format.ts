import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ExportRow } from './export.queries.ts';

/** What every format of an export is given. */
export interface ExportOptions {
  /** The site's public origin (PUBLIC_URL), for permalinks: `https://host`. */
  origin: string;
  /** A citation style name from loadCitationStyles (citation.ts). */
  style: string;
  /** Start with a UTF-8 byte order mark (Excel reads UTF-8 CSV only then). */
  bom: boolean;
  /** Lines that say how the export was made (exportMetaLines), written as comments where the format has them; null: none. */
  meta: string[] | null;
}

/** Turns rows into one file's text: what comes first, the rows' text, what comes last. */
export interface ExportEncoder {
  /** Called with each page of rows before they are encoded: reads what the page needs in one go (the CSV's citations). */
  prepare?(rows: ExportRow[]): Promise<void>;
  head(): string;
  /** The text of `rows`, a run of the last prepared page (called in order, run after run). */
  rows(rows: ExportRow[]): string;
  tail(): string;
}

/** One export format: how its files are named and served, and how rows become their text. */
export interface ExportFormat {
  /** The download's file extension, also the API path's: GET /api/export.<extension>. */
  extension: string;
  /** The downloaded file's extension when it is not `extension` (CSL-JSON files are `.json`). */
  fileExtension?: string;
  contentType: string;
  /**
   * A spreadsheet's table (CSV): it takes `bom`, `meta` (`#` comment lines) and `style` (the
   * `citation` column). The reference-manager formats take none of them: a reference manager
   * applies its own citation style.
   */
  spreadsheet: boolean;
  /** `db`: for what an encoder reads or keeps per page (prepare). */
  encoder(options: ExportOptions, db: Kysely<Database>): ExportEncoder;
}
