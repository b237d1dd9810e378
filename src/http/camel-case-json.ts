import type { RequestHandler } from 'express';

// Every JSON answer speaks camelCase (issue #13, point 11): rows come from the database with
// its column names (`canonical_name`, `published_at`), and this is the one place that turns
// them into the API's field names, on the way out. Keys without an underscore are left as
// they are, so standards whose names use other separators pass through unchanged: W3C Web
// Annotation JSON-LD (`@context`, `TextQuoteSelector`) and CSL-JSON (`container-title`,
// `date-parts`).

/** `canonical_name` -> `canonicalName`; `_csrf`, `a__b` and keys without `_` stay as they are. */
export function camelKey(key: string): string {
  return /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(key) ? key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()) : key;
}

/** Names that are not fields of ours, sent under their own names: see keepKeys. */
class KeptKeys {
  constructor(private readonly value: Record<string, unknown>) {}
  toJSON(): Record<string, unknown> {
    return this.value;
  }
}

/**
 * Marks an object whose keys are names of something else, sent as they are: the query-string
 * parameters /api/search echoes back (`quote_type`, `speaker_id`: URLs are bookmarked, and a
 * client sends back what it reads).
 */
export function keepKeys(value: Record<string, unknown>): unknown {
  return new KeptKeys(value);
}

/**
 * A copy of `value` whose plain objects (at any depth, in arrays too) have camelCase keys.
 * Anything that is not a plain object or array (a Date, a KeptKeys) is kept as it is, for
 * JSON.stringify to serialise in its own way.
 */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelKey(k), camelKeys(v)]));
}

/** Makes res.json send camelCase keys (mounted first, so every route and error answer has it). */
export const camelCaseJson: RequestHandler = (_req, res, next) => {
  const send = res.json.bind(res);
  res.json = (body?: unknown) => send(camelKeys(body));
  next();
};
