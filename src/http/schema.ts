import { z } from 'zod';
import { codePointLength } from '../text/code-points.ts';

// Shared zod building blocks for the boundary: every value a user types is held to what the
// database can store and compare, so no user input ever reaches Postgres to fail there.
// The limits come from the schema (migrations/20261126090000_initial_schema.ts): text
// columns count characters (code points) in `length()`, ids are `integer` (int4), and
// Postgres text can never hold NUL (nor can UTF-8 encode a lone surrogate).

/** Largest value of a Postgres `integer` column (int4), so the largest id. */
export const MAX_INT4 = 2_147_483_647;

/** C0 control characters other than tab, line feed and carriage return (NUL included), and DEL. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A UTF-16 surrogate without its partner: no Unicode character, not encodable in UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `s` cannot be stored as typed text of at most `max` code points, or null if it can.
 * Messages complete the field name: "title: must not contain control characters ...".
 */
function typedTextProblem(s: string, max: number): string | null {
  if (CONTROL.test(s)) return 'must not contain control characters (such as NUL)';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode text (it holds a lone surrogate)';
  if (s.length > max && codePointLength(s) > max) return `must be at most ${max.toLocaleString('en')} characters`;
  return null;
}

/**
 * Text a user typed (a form field, a JSON field, a query parameter): trimmed, then refused
 * (never silently changed) if it holds control characters or a lone surrogate, or is
 * longer than `max` code points. Output: the trimmed string ('' stays '').
 */
export function typedText(max: number) {
  return z
    .string()
    .trim()
    .check((ctx) => {
      const problem = typedTextProblem(ctx.value, max);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    });
}

/**
 * An id given as a query parameter (a keyset cursor like `after=`): digits only, 1 to
 * MAX_INT4, output as a number. `message` says what the id should be.
 */
export function idParam(message: string) {
  return z
    .string()
    .regex(/^\d{1,10}$/, message)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_INT4, message);
}

/**
 * A page size from the query string: a whole number from 1 to `max`, as digits (no '1e2',
 * ' 5', '0x10'). Every way of getting it wrong gets the one message that says the range.
 */
export function pageLimit(max: number) {
  const message = `must be a whole number from 1 to ${max}`;
  return z
    .string()
    .regex(/^\d{1,10}$/, message)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, message);
}

/** The days a date filter may name: the years ISO dates (and Postgres' date) share. */
const FIRST_DAY = '0001-01-01';
const LAST_DAY = '9999-12-31';

/** A calendar day `YYYY-MM-DD`, a real one (no 2021-02-30), from 0001-01-01 to 9999-12-31. */
export function isoDay() {
  return z
    .string()
    .trim()
    .check((ctx) => {
      const s = ctx.value;
      // An impossible month or day (2026-13-01) makes an Invalid Date, whose toISOString throws.
      const day = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : null;
      const real = day !== null && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === s;
      const message = !real ? 'must be a date as YYYY-MM-DD (such as 2021-07-20)' : s < FIRST_DAY || s > LAST_DAY ? `must be between ${FIRST_DAY} and ${LAST_DAY}` : null;
      if (message) ctx.issues.push({ code: 'custom', message, input: s });
    });
}
