import fs from 'node:fs/promises';
import { MAX_BODY_CHARS } from '../../articles/articles.ts';
import { InputError } from '../../http/errors.ts';
import { decodeUpload } from '../../ingest/decode-upload.ts';
import { TOO_LONG } from '../../ingest/read-article-body.ts';
import type { ReadRecord } from '../imports.ts';
import { checkArticle } from './check-article.ts';

/**
 * A .txt, .html or .htm file: one article, its body only (title and the rest come from the
 * page or the first line when stored), position ''. A file that is empty is a bad 'text';
 * one that is binary or not UTF-8 a bad 'encoding' (decodeUpload's checks, as for an upload).
 */
export async function* readTextFile(source: string): AsyncGenerator<ReadRecord> {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: a file over this is surely too long, so it is not read.
  const { size } = await fs.stat(source);
  if (size > MAX_BODY_CHARS * 4 * 3) {
    yield { source, position: '', error: { field: 'text', message: TOO_LONG } };
    return;
  }
  const bytes = await fs.readFile(source);
  if (bytes.length === 0) {
    yield { source, position: '', error: { field: 'text', message: 'the file is empty' } };
    return;
  }
  let decoded: ReturnType<typeof decodeUpload>;
  try {
    decoded = decodeUpload('encoding', bytes, source);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    yield { source, position: '', error: err.issues[0]! };
    return;
  }
  const field = decoded.format === 'html' ? 'html' : 'text';
  yield { source, position: '', ...checkArticle({}, { text: decoded.text, format: decoded.format, field }) };
}
