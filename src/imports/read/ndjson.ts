import type { ReadRecord } from '../imports.ts';
import { articleFromObject, type Checked } from './check-article.ts';
import type { FieldMap } from './field-map.ts';

/** A line longer than this is refused without being held whole (an article is at most 4 MB of text, escaped). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NEWLINE = 0x0a;

/** One line of a byte stream: its bytes (no \n), or `tooLong` when it was dropped unread. */
interface Line {
  number: number;
  bytes: Buffer;
  tooLong: boolean;
}

/**
 * Splits a byte stream on \n, holding one line at a time (never the whole stream). Lines are
 * numbered from 1; a line over `maxBytes` is skipped to its end and given with tooLong set.
 */
export async function* splitLines(stream: AsyncIterable<Buffer | string>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  let pieces: Buffer[] = [];
  let held = 0;
  let tooLong = false;
  let number = 0;
  const take = (): Line => {
    const line = { number: ++number, bytes: tooLong ? Buffer.alloc(0) : Buffer.concat(pieces, held), tooLong };
    pieces = [];
    held = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      hold(bytes.subarray(start, end));
      yield take();
      start = end + 1;
    }
    hold(bytes.subarray(start));
  }
  if (held > 0 || tooLong) yield take();

  function hold(piece: Buffer) {
    if (tooLong || piece.length === 0) return;
    if (held + piece.length > maxBytes) {
      tooLong = true;
      pieces = [];
      held = 0;
      return;
    }
    pieces.push(piece);
    held += piece.length;
  }
}

/**
 * NDJSON: one article object per line (the API's fields, `map` renaming keys), at position
 * `line N`. Blank lines are skipped. Each line is decoded on its own, so a line of invalid
 * UTF-8 or broken JSON is one bad record ('encoding', 'json') and the rest are read.
 */
export async function* readNdjson(source: string, stream: AsyncIterable<Buffer | string>, map?: FieldMap): AsyncGenerator<ReadRecord> {
  for await (const line of splitLines(stream)) {
    const position = `line ${line.number}`;
    const checked = parseLine(line, map);
    if (checked) yield { source, position, ...checked };
  }
}

function parseLine(line: Line, map?: FieldMap): Checked | null {
  if (line.tooLong) return { error: { field: 'json', message: `the line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB` } };
  let text: string;
  try {
    text = utf8.decode(line.bytes);
  } catch {
    return { error: { field: 'encoding', message: 'the line is not valid UTF-8' } };
  }
  // A BOM may start the file (JSON.parse takes the \r of Windows line ends as a blank).
  if (line.number === 1) text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: { field: 'json', message: `not valid JSON (${shorten((err as Error).message)})` } };
  }
  return articleFromObject(value, map);
}

/** A parser's message, cut: V8 quotes the input, which can be a whole article. */
export function shorten(message: string, max = 160): string {
  return message.length > max ? `${message.slice(0, max - 1)}…` : message;
}
