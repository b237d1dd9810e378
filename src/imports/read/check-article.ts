import { MAX_BODY_CHARS, parseArticleFields } from '../../articles/articles.ts';
import { type FieldIssue, InputError } from '../../http/errors.ts';
import type { RawArticle } from '../../ingest/build-submission.ts';
import { TOO_LONG } from '../../ingest/read-article-body.ts';
import { type FieldMap, INPUT_FIELDS, sourceOf } from './field-map.ts';

/** What a reader makes of one record: the article to queue, or its first bad field and every message. */
export type Checked = { raw: RawArticle } | { error: FieldIssue };

/**
 * Checks an article's fields and body as the worker will (buildSubmission: the API's
 * parseArticleFields, a body that is not empty and not far over MAX_BODY_CHARS), so a bad
 * record is rejected by the importer, not retried by a worker. `fields` are the API's field
 * names with the values as read (strings from a file); empty and null ones are dropped from
 * the raw record to keep it small. `map` only words the messages: a field read from another
 * column says so.
 */
export function checkArticle(fields: Record<string, unknown>, body: RawArticle['body'], map?: FieldMap, bodyIssues: FieldIssue[] = []): Checked {
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const issues: FieldIssue[] = [];
  try {
    parseArticleFields(kept);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    issues.push(...err.issues);
  }
  issues.push(...bodyIssues);
  if (!bodyIssues.length) {
    if (!body || body.text.trim() === '') issues.push({ field: body?.field ?? 'text', message: 'the article text is empty (give text or html)' });
    else if (body.text.length > MAX_BODY_CHARS * 4) issues.push({ field: body.field, message: TOO_LONG });
  }
  if (issues.length) return { error: describeIssues(issues, map) };
  return { raw: { fields: kept, body } };
}

/** Many issues as one: the first one's field, and every message (others prefixed with their field). */
export function describeIssues(issues: FieldIssue[], map?: FieldMap): FieldIssue {
  const column = (field: string) => (map && Object.hasOwn(map, field) ? ` (column "${map[field]}")` : '');
  const [first] = issues;
  const message = issues.map((i) => `${i === first ? '' : `${i.field}: `}${i.message}${column(i.field)}`).join('; ');
  return { field: first!.field, message };
}

/**
 * An article from a JSON object (an NDJSON line, a .json file or one of its items): the
 * API's fields, read under their mapped key if `map` names one, and `text` or `html` (not
 * both). Keys that are no field's source are passed on, so a typo ('publshed') is named as
 * an unknown field, as the API does.
 */
export function articleFromObject(value: unknown, map?: FieldMap): Checked {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { error: { field: 'json', message: `expected an article object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` } };
  }
  const object = value as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const field of INPUT_FIELDS) {
    const key = sourceOf(map, field);
    used.add(key);
    if (Object.hasOwn(object, key)) fields[field] = object[key];
  }
  for (const key of Object.keys(object)) if (!used.has(key)) fields[key] = object[key];
  const { text, html, ...rest } = fields;
  const bodyIssues: FieldIssue[] = [];
  for (const [name, v] of [['text', text], ['html', html]] as const) {
    if (v !== undefined && v !== null && typeof v !== 'string') bodyIssues.push({ field: name, message: 'must be a string' });
  }
  if (typeof text === 'string' && text.trim() && typeof html === 'string' && html.trim()) {
    bodyIssues.push({ field: 'text', message: 'give either text or html, not both' });
  }
  return checkArticle(rest, bodyOf(text, html, 'json'), map, bodyIssues);
}

/** The body: html when given (not blank), else text, else null. */
export function bodyOf(text: unknown, html: unknown, textFormat: 'text' | 'json'): RawArticle['body'] {
  if (typeof html === 'string' && html.trim()) return { text: html, format: 'html', field: 'html' };
  if (typeof text === 'string') return { text, format: textFormat, field: 'text' };
  return null;
}
