import { z } from 'zod';
import { InputError } from '../http/errors.ts';
import { MAX_INT4 } from '../http/schema.ts';

// Keyset pagination: the cursor holds the sort key of the last hit shown, so the next page
// starts right after it however deep it is, and pages never overlap or skip. A cursor back
// (`d: 'b'`) holds the key of the first hit shown: its page is the rows right before it.
// `o` is the position (0-based) of the first row of the page the cursor opens, so a page
// knows it shows "21–40". Opaque to clients (base64url JSON); validated like any other input.

const id = z.number().int().min(1).max(MAX_INT4);
const paging = {
  /** Position of the page's first row in the listing (0-based); absent in cursors from before it was kept. */
  o: z.number().int().min(0).max(1e9).optional(),
  /** 'b': the page before the row (going back); absent: the page after it. */
  d: z.literal('b').optional(),
};

const cursorSchema = z.discriminatedUnion('s', [
  // rank / score as Postgres printed the real (float4): it reads back to the same value.
  z.object({ s: z.literal('relevance'), r: z.string().regex(/^\d{1,10}(\.\d{1,12})?(e-(\d|[12]\d|3[0-7]))?$/), id, ...paging }),
  z.object({ s: z.literal('similar'), r: z.number().min(0).max(1), id, ...paging }),
  // p: publication time in microseconds since 1970 (exact in a double), null when undated.
  z.object({ s: z.enum(['newest', 'oldest']), p: z.number().int().min(-1e16).max(1e16).nullable(), a: id, id, ...paging }),
]);

export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

const badCursor = (message = 'is not a cursor from this search; start again from the first page') =>
  new InputError([{ field: 'cursor', message }], 400);

export function decodeCursor(raw: string | undefined, expected: Cursor['s']): Cursor | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw badCursor();
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const parsed = cursorSchema.safeParse(value);
  if (!parsed.success) throw badCursor();
  if (parsed.data.s !== expected) throw badCursor(`belongs to a search sorted by ${parsed.data.s}; start again from the first page`);
  return parsed.data;
}
