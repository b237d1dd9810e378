import { MAX_BODY_CHARS } from '../../articles/articles.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { TOO_LONG } from '../../ingest/read-article-body.ts';
import { WARCParser, type WARCRecord } from 'warcio';
import type { ReadRecord } from '../imports.ts';
import { type Checked, checkArticle } from './check-article.ts';
import { shorten } from './ndjson.ts';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Payload bytes past which a page is surely over the body limit (3 bytes a UTF-16 unit at most). */
const MAX_PAYLOAD_BYTES = MAX_BODY_CHARS * 4 * 3;

/**
 * A WARC or WARC.gz file (warcio detects gzip itself), streamed record by record. Each
 * `response` record of an HTML page (Content-Type text/html or application/xhtml+xml, HTTP
 * 200) is an article: body the page (format html, decoded from the charset its Content-Type
 * or <meta> names, else UTF-8), url its WARC-Target-URI, accessed its WARC-Date. Other
 * record types (warcinfo, request, metadata, revisit, resource) are skipped silently; a
 * response that is not an HTML page, not HTTP 200 or not decodable is a bad 'record' (or
 * 'encoding'). Position `record at byte N`: the record's offset in the file (in the
 * compressed file for .warc.gz), as `warcio index` prints it. A file warcio cannot read on
 * (not a WARC, truncated, a broken gzip member) ends with one bad 'warc' record.
 */
export async function* readWarc(source: string, bytes: AsyncIterable<Buffer>): AsyncGenerator<ReadRecord> {
  const counted = { bytes: 0 };
  const parser = new WARCParser(count(bytes, counted));
  let first = true;
  for (;;) {
    let checked: Checked | null;
    const at = () => `record at byte ${parser.offset}`;
    try {
      const record = await parser.parse();
      if (!record) break;
      if (first && !/^WARC\/\d/.test(record.warcHeaders.statusline)) throw new Error('it does not start with a WARC/1.x header');
      first = false;
      if (!record.warcType || record.warcHeaders.headers.get('content-length') === null) {
        throw new Error('a record without WARC-Type or Content-Length: the file is cut short or damaged');
      }
      checked = record.warcType === 'response' ? await articleFromResponse(record) : null;
      if (!(await drain(record))) throw new Error('the file ends inside this record: it is cut short');
    } catch (err) {
      const message = shorten((err as Error).message);
      yield { source, position: at(), error: { field: 'warc', message: first ? `not a WARC file (${message})` : `cannot read on (${message})` } };
      return;
    }
    if (checked) yield { source, position: at(), ...checked };
  }
  if (first) yield { source, position: '', error: { field: 'warc', message: 'the file holds no WARC record' } };
  // A .gz cut inside a record: warcio stops at the last whole member, silently.
  else if (parser.offset < counted.bytes) yield { source, position: `record at byte ${parser.offset}`, error: { field: 'warc', message: 'cannot read on (the file ends inside this record: it is cut short)' } };
}

async function* count(bytes: AsyncIterable<Buffer>, counted: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of bytes) {
    counted.bytes += chunk.length;
    yield chunk;
  }
}

/**
 * Reads what is left of a record; false if the file ended before its Content-Length did.
 * Done here, not by warcio's skipFully, which loops forever on a record cut short.
 */
async function drain(record: WARCRecord): Promise<boolean> {
  const reader = record._reader as AsyncIterable<Uint8Array> & { limit?: number };
  if (!record.consumed) {
    for await (const _ of reader);
    record.consumed = 'skipped';
  }
  return (reader.limit ?? 0) <= 0;
}

async function articleFromResponse(record: WARCRecord): Promise<Checked> {
  const bad = (message: string, field = 'record'): Checked => ({ error: { field, message } });
  const http = record.getResponseInfo();
  if (!http) return bad('not an HTTP response');
  const contentType = http.headers.get('content-type') ?? '';
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  if (Number(http.status) !== 200) return bad(`not a page: HTTP status ${http.status}${mime ? ` (${mime})` : ''}`);
  if (!HTML_TYPES.has(mime)) return bad(`not an HTML page (${mime || 'no Content-Type'})`);
  if (record.warcContentLength > MAX_PAYLOAD_BYTES) return bad(TOO_LONG, 'html');

  const chunks: Uint8Array[] = [];
  let size = 0;
  // Iterated, not readFully: a gzip-encoded page could inflate far past the limit.
  for await (const chunk of record) {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) return bad(TOO_LONG, 'html');
    chunks.push(chunk);
  }
  const payload = Buffer.concat(chunks, size);
  const html = decodePage(payload, contentType);
  if ('error' in html) return html;
  return checkArticle({ url: record.warcTargetURI ?? undefined, accessed: record.warcDate ?? undefined }, { text: html.text, format: 'html', field: 'html' });
}

/** The page as text, in the charset its Content-Type (or else a <meta> near the top) names, if known; else UTF-8. */
function decodePage(payload: Buffer, contentType: string): { text: string } | { error: FieldIssue } {
  const named = /charset\s*=\s*["']?([-\w:.]+)/i.exec(contentType)?.[1]
    ?? /<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)/i.exec(payload.subarray(0, 2048).toString('latin1'))?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(named ?? 'utf-8', { fatal: true });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: true });
  }
  try {
    return { text: decoder.decode(payload) };
  } catch {
    return { error: { field: 'encoding', message: `the page is not valid ${decoder.encoding}` } };
  }
}
