import { Readable, pipeline } from 'node:stream';
import { type CsvError, type Info, parse } from 'csv-parse';
import type { FieldIssue } from '../../http/errors.ts';
import type { ReadRecord } from '../imports.ts';
import { bodyOf, checkArticle } from './check-article.ts';
import { type FieldMap, INPUT_FIELDS, sourceOf } from './field-map.ts';
import { MAX_LINE_BYTES, shorten } from './ndjson.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * CSV with a header row. Columns are named like the API's fields (title, outlet, published,
 * url, text or html, ...), or as `map` says (`--map title=headline,text=body`); any other
 * column is ignored. Position `line N`: the line a record starts on (the header is line 1; a
 * quoted cell can span lines). A row csv-parse cannot read (a stray quote, a wrong number of
 * cells) is a bad 'csv' record and the reader goes on; a cell of invalid UTF-8 a bad
 * 'encoding' one. A header naming neither text nor html (or lacking a mapped column) is one
 * bad record at line 1, and the file is not read further.
 */
export async function* readCsv(source: string, bytes: AsyncIterable<Buffer>, map?: FieldMap): AsyncGenerator<ReadRecord> {
  const skipped: { line: number; error: FieldIssue }[] = [];
  const parser = parse({
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_LINE_BYTES,
    on_skip: (err: CsvError | undefined, raw: string | undefined) => {
      if (err) skipped.push({ line: startLine(Number(err.lines ?? 0), raw), error: { field: 'csv', message: shorten(err.message) } });
    },
  });
  // Bytes pass as latin1 (one character a byte): csv-parse splits them, each cell is decoded
  // as UTF-8 here, so one bad cell is one bad record (csv-parse would put U+FFFD in silently).
  const rows: AsyncIterable<{ record: string[]; info: Info; raw: string }> = pipeline(Readable.from(latin1(bytes)), parser, () => {});
  let columns: Map<string, number> | null = null;
  for await (const { record, info, raw } of rows) {
    const line = startLine(info.lines, raw);
    for (const s of skipped.splice(0, skipped.findLastIndex((s) => s.line < line) + 1)) yield { source, position: `line ${s.line}`, error: s.error };
    if (!columns) {
      const header = readHeader(record, map);
      if ('error' in header) {
        yield { source, position: 'line 1', error: header.error };
        parser.destroy();
        return;
      }
      columns = header.columns;
      continue;
    }
    yield { source, position: `line ${line}`, ...articleFromRow(record, columns, map) };
  }
  for (const s of skipped) yield { source, position: `line ${s.line}`, error: s.error };
  if (!columns) yield { source, position: '', error: { field: 'csv', message: 'the file has no header row' } };
}

/**
 * The bytes as latin1 text, BOM dropped and \r\n turned into \n: csv-parse miscounts lines
 * after a blank \r\n line, and a cell's line ends are normalized when stored anyway.
 */
async function* latin1(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let first = true;
  let carry = '';
  for await (const chunk of bytes) {
    let text = carry + (first && chunk.subarray(0, 3).equals(BOM) ? chunk.subarray(3) : chunk).toString('latin1');
    first = false;
    // A \r at the end of a chunk may be half of a \r\n: held for the next one.
    carry = text.endsWith('\r') ? '\r' : '';
    if (carry) text = text.slice(0, -1);
    yield text.replaceAll('\r\n', '\n');
  }
  if (carry) yield carry;
}

/** The line a record starts on, from the line it ends on and the line ends inside it (raw holds the blank lines before it too). */
function startLine(endLine: number, raw: string | undefined): number {
  const inner = (raw ?? '').replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '').split('\n').length - 1;
  return Math.max(1, endLine - inner);
}

function decode(cell: string | undefined): string | undefined {
  return cell === undefined ? undefined : utf8.decode(Buffer.from(cell, 'latin1'));
}

function readHeader(record: string[], map?: FieldMap): { columns: Map<string, number> } | { error: FieldIssue } {
  const columns = new Map<string, number>();
  try {
    record.forEach((cell, i) => {
      const name = decode(cell)!.trim();
      if (!columns.has(name)) columns.set(name, i);
    });
  } catch {
    return { error: { field: 'encoding', message: 'the header row is not valid UTF-8' } };
  }
  const has = `(the header has ${[...columns.keys()].map((c) => `"${c}"`).join(', ')})`;
  const missing = Object.entries(map ?? {}).find(([, column]) => !columns.has(column));
  if (missing) return { error: { field: 'map', message: `no column "${missing[1]}" for ${missing[0]} ${has}` } };
  if (!columns.has(sourceOf(map, 'text')) && !columns.has(sourceOf(map, 'html'))) {
    return { error: { field: 'text', message: `no "${sourceOf(map, 'text')}" or "${sourceOf(map, 'html')}" column ${has}; name yours with --map text=COLUMN` } };
  }
  return { columns };
}

function articleFromRow(record: string[], columns: Map<string, number>, map?: FieldMap) {
  const values: Record<string, string | undefined> = {};
  for (const field of INPUT_FIELDS) {
    const column = sourceOf(map, field);
    const index = columns.get(column);
    if (index === undefined) continue;
    try {
      values[field] = decode(record[index]);
    } catch {
      return { error: { field: 'encoding', message: `the "${column}" cell is not valid UTF-8` } };
    }
  }
  const { text, html, ...fields } = values;
  const bothGiven = text?.trim() && html?.trim();
  return checkArticle(fields, bodyOf(text, html, 'text'), map, bothGiven ? [{ field: 'text', message: 'give either text or html, not both' }] : []);
}
