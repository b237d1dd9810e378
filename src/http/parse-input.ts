import type { z } from 'zod';
import { type FieldIssue, InputError } from './errors.ts';

/** zod's issues as field-named problems; an unknown key is named as the field itself. */
export function fieldIssues(error: z.ZodError, fallbackField: string): FieldIssue[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ field: key, message: 'is not a known parameter' }))
      : [{ field: String(i.path[0] ?? fallbackField), message: i.message }],
  );
}

/** Validates input at the boundary: the parsed value, or an InputError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, status = 400, fallbackField = 'query'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(fieldIssues(parsed.error, fallbackField), status);
  return parsed.data;
}
