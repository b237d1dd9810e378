// Writes small WARC files with warcio's own serializer, for the reader tests.
import fs from 'node:fs';
import { WARCRecord, WARCSerializer } from 'warcio';

export const STORY_URL = 'https://news.example/2024/03/harbour-vote';
export const STORY_DATE = '2024-03-05T10:20:30Z';
export const STORY_HTML = `<!doctype html><html><head><title>Harbour vote</title></head><body><article><h1>Harbour vote</h1>
<p>“We will rebuild the harbour wall before winter,” said Mayor Ilse Varga on Tuesday.</p>
<p>The council approved the plan by nine votes to two after a long debate.</p></article></body></html>`;

type Spec = { type: 'warcinfo' } | { type: 'request' | 'response'; url: string; contentType?: string; status?: string; body: Uint8Array | string };

async function serialize(spec: Spec, gzip: boolean): Promise<Uint8Array> {
  const warcVersion = 'WARC/1.1' as const;
  const record = spec.type === 'warcinfo'
    ? WARCRecord.createWARCInfo({ filename: 'test.warc', warcVersion }, { software: 'verbatim tests' })
    : WARCRecord.create({
        url: spec.url,
        date: STORY_DATE,
        type: spec.type,
        warcVersion,
        statusline: spec.type === 'request' ? 'GET / HTTP/1.1' : (spec.status ?? 'HTTP/1.1 200 OK'),
        httpHeaders: spec.contentType ? { 'Content-Type': spec.contentType } : {},
      }, [typeof spec.body === 'string' ? new TextEncoder().encode(spec.body) : spec.body]);
  return WARCSerializer.serialize(record, { gzip });
}

/**
 * Writes the records to `file` (each its own gzip member when `gzip`), and returns each
 * record's byte offset in the file, in order.
 */
export async function writeWarc(file: string, specs: Spec[], gzip = false): Promise<number[]> {
  const parts = await Promise.all(specs.map((s) => serialize(s, gzip)));
  const offsets: number[] = [];
  let at = 0;
  for (const p of parts) {
    offsets.push(at);
    at += p.length;
  }
  fs.writeFileSync(file, Buffer.concat(parts));
  return offsets;
}

/** A warcinfo, a request, an HTML page, an image and a 404 page: one article, two bad records. */
export const SAMPLE: Spec[] = [
  { type: 'warcinfo' },
  { type: 'request', url: STORY_URL, body: '' },
  { type: 'response', url: STORY_URL, contentType: 'text/html; charset=utf-8', body: STORY_HTML },
  { type: 'response', url: 'https://news.example/logo.png', contentType: 'image/png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) },
  { type: 'response', url: 'https://news.example/gone', contentType: 'text/html', status: 'HTTP/1.1 404 Not Found', body: '<html><body>Not here</body></html>' },
];
