import type { Request } from 'express';
import { z } from 'zod';
import { type FieldIssue, InputError } from '../http/errors.ts';
import { fieldIssues } from '../http/parse-input.ts';
import { idParam, pageLimit, typedText } from '../http/schema.ts';
import { CLAIM_RATINGS, VERDICTS } from './annotations.ts';

// Reading annotation input at the boundary: JSON bodies and query strings for the API, and
// the HTML forms (plain strings) turned into the same input the API takes.

/** zod issues named by their full path (`selector.exact`; list items by their list: `tags`): the shared fieldIssues. */
const issuesOf = (error: z.ZodError, where = 'body'): FieldIssue[] => fieldIssues(error, where);

/**
 * Parses a write's input: an unknown field or a body of the wrong shape is a 400, a value
 * that breaks a rule (too long, not an http URL, ...) a 422; each issue names its field.
 */
export function parseWrite<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const malformed = parsed.error.issues.some((i) => i.code === 'unrecognized_keys' || (i.code === 'invalid_type' && i.path.length === 0));
  throw new InputError(issuesOf(parsed.error), malformed ? 400 : 422);
}

const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of: ${values.join(', ')}` });

/** GET /api/annotations and GET /annotations: the filters (an empty value is not set). */
export const searchQuerySchema = z.strictObject({
  q: typedText(1000).optional(),
  tag: typedText(100).transform((t) => t.replace(/\s+/g, ' ').toLowerCase()).optional(),
  verdict: enumOf(VERDICTS).optional(),
  rating: enumOf(CLAIM_RATINGS).optional(),
  author: typedText(40).optional(),
  article: idParam('must be an article id').optional(),
  statement: idParam('must be a statement id').optional(),
  before: idParam('must be an annotation id from a previous page').optional(),
  limit: pageLimit(100).optional(),
});
export type AnnotationQuery = z.output<typeof searchQuerySchema>;

/** The query string's values, each given once; empty ones dropped. 400 naming a bad one. */
export function parseSearchQuery(query: Record<string, unknown>): { filters: AnnotationQuery; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (typeof value !== 'string') issues.push({ field: key, message: 'must be given once' });
    else if (value.trim() !== '') values[key] = value;
  }
  if (issues.length) throw new InputError(issues, 400);
  const parsed = searchQuerySchema.safeParse(values);
  if (!parsed.success) throw new InputError(issuesOf(parsed.error, 'query'), 400);
  return { filters: parsed.data, values };
}

const FORM_FIELDS = ['_csrf', 'statementId', 'articleId', 'exact', 'prefix', 'suffix', 'start', 'end', 'note', 'tags', 'verdict', 'claimRating', 'ratingExplanation', 'evidenceUrls', 'visibility', 'version', 'hidden'] as const;
export type FormValues = Partial<Record<(typeof FORM_FIELDS)[number], string>>;

/** An HTML form's fields as strings; 400 for an unknown field or one sent twice. */
export function formValues(req: Request): FormValues {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (!(FORM_FIELDS as readonly string[]).includes(key)) issues.push({ field: key, message: 'is not a known field' });
    else if (typeof value !== 'string') issues.push({ field: key, message: 'must be given once' });
    else values[key as keyof FormValues] = value;
  }
  if (issues.length) throw new InputError(issues, 400);
  return values;
}

/** A form's number field as a number (NaN-free: an unreadable one stays a string for zod to refuse). */
const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : /^\d{1,10}$/.test(s.trim()) ? Number(s.trim()) : s);

/**
 * A browser sends every line end inside a form field as CRLF; article bodies hold only LF
 * (normalizeBodyText), so the selector's text gets its LFs back before it is checked.
 */
const lf = (s: string | undefined) => s?.replace(/\r\n?/g, '\n');

/**
 * The form's fields as the API's input. Tags are comma-separated, evidence URLs one per line
 * (or space-separated); an empty verdict or rating means none. `version` is kept for edits.
 * A passage's exact, prefix and suffix have their CRLFs turned back into LFs.
 */
export function inputFromForm(v: FormValues, kind: 'create' | 'edit'): Record<string, unknown> {
  const input: Record<string, unknown> = {
    note: v.note ?? '',
    tags: (v.tags ?? '').split(',').map((t) => t.trim()).filter((t) => t !== ''),
    verdict: v.verdict ? v.verdict : null,
    claimRating: v.claimRating ? v.claimRating : null,
    ratingExplanation: v.ratingExplanation ?? '',
    evidenceUrls: (v.evidenceUrls ?? '').split(/\s+/).filter((u) => u !== ''),
    visibility: v.visibility || 'private',
  };
  if (kind === 'edit') return { ...input, version: num(v.version) };
  if (v.articleId !== undefined) {
    const selector = { exact: lf(v.exact) ?? '', prefix: lf(v.prefix), suffix: lf(v.suffix), start: num(v.start), end: num(v.end) };
    return { ...input, articleId: num(v.articleId), selector };
  }
  return { ...input, statementId: num(v.statementId) };
}
