import type { RequestHandler } from 'express';
import { z } from 'zod';
import { type FieldIssue, InputError } from './errors.ts';
// Loads the messages for people that every schema's unworded checks use.
import { bodyMessage } from './zod-messages.ts';

/** The fallback names parseInput's callers give a request body (JSON or form); any other is a query string. */
const BODY_PARTS = new Set(['body', 'form']);

/**
 * zod's issues as field-named problems. A nested field is named by its path of keys
 * (`selector.exact`; list indexes left out: `tags`); an unknown key is named as the field
 * itself ("is not a known parameter" in a query string, "is not a known field" in a body or
 * form); an issue of the whole value is named `fallbackField`.
 */
export function fieldIssues(error: z.ZodError, fallbackField: string): FieldIssue[] {
  const unknown = BODY_PARTS.has(fallbackField) ? 'is not a known field' : 'is not a known parameter';
  return error.issues.flatMap((i) => {
    const path = i.path.filter((p) => typeof p === 'string').join('.');
    return i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ field: path ? `${path}.${key}` : key, message: unknown }))
      : [{ field: path || fallbackField, message: i.message }];
  });
}

/** Validates input at the boundary: the parsed value, or an InputError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, status = 400, fallbackField = 'query'): z.output<S> {
  const parsed = schema.safeParse(value, BODY_PARTS.has(fallbackField) ? { error: bodyMessage } : undefined);
  if (!parsed.success) throw new InputError(fieldIssues(parsed.error, fallbackField), status);
  return parsed.data;
}

const NO_PARAMETERS = z.strictObject({});

/**
 * For a route that takes no query parameters (a page by id, a write whose fields are in the
 * body): any parameter is unknown, 400 naming it, so a typo never vanishes unseen.
 */
export const noQueryParameters: RequestHandler = (req, _res, next) => {
  parseInput(NO_PARAMETERS, req.query);
  next();
};
