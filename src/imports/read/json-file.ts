import fs from 'node:fs/promises';
import type { ReadRecord } from '../imports.ts';
import { articleFromObject } from './check-article.ts';
import type { FieldMap } from './field-map.ts';
import { shorten } from './ndjson.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A .json file: one article object (position '') or an array of them (`item N`, from 1).
 * Read whole: a file that is not valid UTF-8 or JSON is one bad record for the file.
 */
export async function* readJsonFile(source: string, map?: FieldMap): AsyncGenerator<ReadRecord> {
  const bytes = await fs.readFile(source);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    yield { source, position: '', error: { field: 'encoding', message: 'the file is not valid UTF-8' } };
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield { source, position: '', error: { field: 'json', message: `not valid JSON (${shorten((err as Error).message)})` } };
    return;
  }
  if (!Array.isArray(value)) {
    yield { source, position: '', ...articleFromObject(value, map) };
    return;
  }
  for (const [i, item] of value.entries()) yield { source, position: `item ${i + 1}`, ...articleFromObject(item, map) };
}
