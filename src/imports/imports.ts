import type { RawArticle } from '../ingest/build-submission.ts';

/**
 * One record an input reader found: an article to import, or a bad record to report.
 * `source` is the input (a file path as given, '-' for stdin); `position` its place there
 * ('line 12', 'line 4' (CSV: the line a row starts on), 'record at byte 3412' (WARC), 'item 3'
 * (a .json array), '' for a file that is one article). Readers never throw for a bad
 * record: they yield it, and go on with the next.
 */
export type ReadRecord =
  | { source: string; position: string; raw: RawArticle }
  | { source: string; position: string; error: { field: string; message: string } };

/** What became of a record (import_records.state). */
export type RecordOutcome =
  | { state: 'stored'; articleId: number; statementCount: number }
  | { state: 'duplicate'; articleId: number }
  | { state: 'failed'; error: string }
  | { state: 'rejected'; error: string }
  /** Not there any more (its import was deleted), or still queued for another try. */
  | { state: 'gone' | 'queued' };

/** An import's counts, from import_records (see importProgress). */
export interface ImportProgress {
  id: number;
  kind: 'import' | 'reextract';
  label: string;
  createdAt: Date;
  /** Records read so far (every state). */
  records: number;
  queued: number;
  stored: number;
  duplicates: number;
  /** Failed after their retries (workers), and rejected by the importer (bad records). */
  failed: number;
  rejected: number;
  statements: number;
  /** True once the importer has read every input: `records` is then the total. */
  readFinished: boolean;
  finishedAt: Date | null;
  /** Records done (not queued) per second since the first was read; null before any is done. */
  articlesPerSecond: number | null;
}

