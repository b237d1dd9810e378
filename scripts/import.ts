// npm run import -- FILE...: stores .txt, .html and .json/.jsonl articles and prints what it stored.
// A .json file holds one article object (or an array); .jsonl one object per line, with the
// same fields as POST /api/articles (title, outlet, agency, byline, url, published, text | html).
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { InputError } from '../src/http/errors.ts';
import { buildSubmission, type RawArticle } from '../src/ingest/build-submission.ts';
import { decodeUpload } from '../src/ingest/decode-upload.ts';
import { ingestArticle } from '../src/ingest/ingest-article.ts';
import { createReaderPool } from '../src/ingest/reader-pool.ts';
import { fail, openCliDatabase } from './cli-database.ts';

function rawFromJson(value: unknown, where: string): RawArticle {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError([{ field: where, message: 'expected a JSON object' }]);
  const { text, html, ...fields } = value as Record<string, unknown>;
  const body = typeof html === 'string' ? { text: html, format: 'html' as const, field: 'html' } : { text: typeof text === 'string' ? text : '', format: 'json' as const, field: 'text' };
  return { fields, body };
}

function articlesIn(file: string): { label: string; raw: RawArticle }[] {
  const bytes = fs.readFileSync(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') {
    const text = decodeUpload(file, bytes).text;
    const values = ext === '.json'
      ? [JSON.parse(text)].flat()
      : text.split('\n').filter((l) => l.trim()).map((l, i) => {
          try {
            return JSON.parse(l);
          } catch {
            throw new InputError([{ field: `${file}:${i + 1}`, message: 'not valid JSON' }]);
          }
        });
    return values.map((v: unknown, i: number) => ({ label: `${file}#${i + 1}`, raw: rawFromJson(v, `${file}#${i + 1}`) }));
  }
  const decoded = decodeUpload(file, bytes, file);
  return [{ label: file, raw: { fields: {}, body: { ...decoded, field: file } } }];
}

const files = process.argv.slice(2);
if (files.length === 0) fail('usage: npm run import -- FILE... (.txt, .html, .json, .jsonl)', 2);
const missing = files.filter((f) => !fs.existsSync(f) || !fs.statSync(f).isFile());
if (missing.length) fail(`no such file: ${missing.join(', ')}`, 2);

const handle = await openCliDatabase('import');
// The app's worker pool and time budget: a hostile page in a bulk import is refused, not a hang.
const readers = createReaderPool(loadConfig().readers, (err) => console.error(`error: reader worker: ${err.message}`));
let failures = 0;
try {
  for (const file of files) {
    let items: ReturnType<typeof articlesIn>;
    try {
      items = articlesIn(file);
    } catch (err) {
      failures++;
      console.error(`error: ${file}: ${err instanceof InputError ? err.message : (err as Error).message}`);
      continue;
    }
    for (const { label, raw } of items) {
      try {
        const r = await ingestArticle(handle.store, await buildSubmission(raw, readers.readArticle), null, raw.body?.field);
        console.log(r.created ? `stored ${label} as article ${r.articleId} (${r.statementCount} statements)` : `skipped ${label}: already stored as article ${r.articleId}`);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        failures++;
        console.error(`error: ${label}: ${err.message}`);
      }
    }
  }
} finally {
  await readers.close();
  await handle.close();
}
process.exit(failures ? 1 : 0);
