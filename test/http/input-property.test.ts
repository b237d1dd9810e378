import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import request from 'supertest';
import { routeSpecs } from '../auth/permission-routes.ts';
import type { RouteSpec } from '../auth/permission-matrix.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { GET_ROUTES, type SeededIds, seedForGets } from './get-routes.ts';

// Issue #13 point 12: no input crashes a page. Random and hostile values for every query
// parameter of every GET route (get-routes.ts: the complete list) and every body field of
// every write route (permission-routes.ts: the complete list), over HTTP as an admin with a
// valid CSRF token. Every answer must be 2xx, 3xx or 4xx, never 5xx; a refusal of the input
// (400, 413, 415, 422) must name one of the fields sent, as JSON (issues/error) or on the
// page. input-sweep.test.ts holds the hand-made cases (each bad value for each parameter).
//
// The seed is fixed (FC_SEED overrides it) and printed by fast-check on a failure, with the
// shrunk counterexample; FC_RUNS raises the runs per route for a longer hunt.

const SEED = Number(process.env.FC_SEED ?? 13_2026);
const GET_RUNS = Number(process.env.FC_RUNS ?? 6);
const WRITE_RUNS = Math.max(2, Math.round(GET_RUNS / 2));

/** A value put in a URL or form: text (percent-encoded as UTF-8 bytes) or raw bytes as typed. */
type Piece = { text: string } | { raw: string };

const HOSTILE_TEXT = [
  '', ' ', '\u0000', 'a\u0000b', '2021-13-45', '2021-02-30', '0000-01-01', '10000-01-01', '-0001-01-01', '9999-12-31T99:99',
  '0', '-1', '1.5', '1e3', '1e309', 'NaN', 'Infinity', '0x10', '99999999999', '9'.repeat(40), '-9'.repeat(20),
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'null', 'undefined', 'true', '[]', '{}',
  'x'.repeat(5000), '\u202e\u200b', '\ufeff', '<script>alert(1)</script>', "' or 1=1 --", '%', '*', 'cyber*', '"', '\\',
];
const RAW_BYTES = ['%', '%ff', '%00', '%ED%A0%80', '%E2%82', '%C0%AF', '%zz', '%%'];

const textValue: fc.Arbitrary<Piece> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT).map((text) => ({ text })),
  fc.string({ maxLength: 40 }).map((text) => ({ text })),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => ({ text })),
  fc.integer().map((n) => ({ text: String(n) })),
  fc.double().map((n) => ({ text: String(n) })),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => ({ text: d.toISOString().slice(0, 10) })),
  fc.constantFrom(...RAW_BYTES).map((raw) => ({ raw })),
);

/** One parameter as the query string (or a form) carries it: once, repeated, as a list, as an object. */
type Shape = { kind: 'one'; value: Piece } | { kind: 'repeated' | 'list'; values: Piece[] } | { kind: 'object'; key: string; value: Piece };

const shape: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 6, arbitrary: textValue.map((value): Shape => ({ kind: 'one', value })) },
  { weight: 1, arbitrary: fc.array(textValue, { minLength: 2, maxLength: 3 }).map((values): Shape => ({ kind: 'repeated', values })) },
  { weight: 1, arbitrary: fc.array(textValue, { minLength: 1, maxLength: 2 }).map((values): Shape => ({ kind: 'list', values })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('b', '__proto__', 'constructor', '0', ''), textValue).map(([key, value]): Shape => ({ kind: 'object', key, value })) },
);

const encodeText = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const encodePiece = (p: Piece) => ('raw' in p ? p.raw : encodeText(p.text));

/** `name=...` pairs of one parameter in the shape given. */
function pairs(name: string, s: Shape): string[] {
  const n = encodeText(name);
  switch (s.kind) {
    case 'one':
      return [`${n}=${encodePiece(s.value)}`];
    case 'repeated':
      return s.values.map((v) => `${n}=${encodePiece(v)}`);
    case 'list':
      return s.values.map((v) => `${n}%5B%5D=${encodePiece(v)}`);
    case 'object':
      return [`${n}%5B${encodeText(s.key)}%5D=${encodePiece(s.value)}`];
  }
}

/** Names a request may carry besides the route's own: unknown ones, and the prototype's. */
const STRAY_NAMES = ['publised', '__proto__', 'constructor', 'prototype', 'toString', 'a', ''];

/** The parameters of one request: a few of the route's own (or stray names), each in some shape. */
const paramsFor = (names: string[]) =>
  fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: names.length ? fc.constantFrom(...names) : fc.constantFrom(...STRAY_NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...STRAY_NAMES) }), shape), { minLength: 1, maxLength: 3 });

interface Answer {
  status: number;
  type: string;
  text: string;
  body: unknown;
}

/** Why an answer breaks the rule (a 5xx; an input refusal naming none of `sent`), or null. */
function problem(res: Answer, sent: string[]): string | null {
  if (res.status >= 500) return `answered ${res.status}: ${res.text.slice(0, 300)}`;
  if (![400, 413, 415, 422].includes(res.status)) return null;
  if (res.status === 413) return null; // the body as a whole: "The request body is too large"
  const names = sent.filter((s) => s !== '');
  if (res.type.includes('json')) {
    const body = res.body as { error?: string; issues?: { field: string; message: string }[] };
    const fields = (body.issues ?? []).map((i) => i.field);
    if (fields.some((f) => sent.includes(f)) || names.some((n) => body.error?.includes(n))) return null;
    if (names.length === 0 && sent.length > 0 && typeof body.error === 'string') return null; // only a nameless parameter ('=x')
    return `${res.status} names none of ${JSON.stringify(sent)}: ${res.text.slice(0, 300)}`;
  }
  if (names.some((n) => res.text.includes(n.replace(/&/g, '&amp;').replace(/</g, '&lt;')))) return null;
  if (names.length === 0) return null;
  return `${res.status} page names none of ${JSON.stringify(sent)}: ${res.text.slice(0, 200)}`;
}

/** The top-level names of a query string or form built from `params` ('a[b]' is 'a'). */
const sentNames = (params: [string, Shape][]) => [...new Set(params.map(([n]) => n))];

describe('no input crashes a page (property test, fixed seed)', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof loggedIn>>;
  let ids: SeededIds;
  let specs: Record<string, RouteSpec>;
  const adminOwner = { id: 0, role: 'admin' as const };
  before(async () => {
    t = await testApp();
    ({ admin, ids } = await seedForGets(t));
    adminOwner.id = Number((await t.handle.pool.query('select id from users where username = $1', [admin.username])).rows[0].id);
    specs = routeSpecs(t);
  });

  it('answers every GET route, page or API, with random and hostile query strings: never 5xx, a refusal names the parameter', async () => {
    for (const [route, spec] of Object.entries(GET_ROUTES)) {
      const api = route.startsWith('/api/');
      await fc.assert(
        fc.asyncProperty(paramsFor(spec.params), async (params) => {
          const query = params.flatMap(([name, s]) => pairs(name, s)).join('&');
          const res = await admin.agent.get(`${spec.path(ids)}?${query}`).set('Accept', api ? 'application/json' : 'text/html');
          const why = problem(res, sentNames(params));
          assert.equal(why, null, `GET ${route}?${query.slice(0, 300)}: ${why}`);
        }),
        { seed: SEED, numRuns: GET_RUNS },
      );
    }
  });

  /** A JSON value of any kind, hostile ones first. */
  const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
    textValue.map((p) => ('text' in p ? p.text : decodeURIComponentSafe(p.raw))),
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, [], {}, [1, 2], { a: 1 }, { __proto__: null, x: 1 }),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', '__proto__', 'constructor', 'exact', 'start'), fc.oneof(fc.integer(), fc.string({ maxLength: 10 })), { maxKeys: 3 }),
  );

  it('answers every write route with random and hostile body fields (admin, valid CSRF): never 5xx, a refusal names the field', async () => {
    for (const [route, spec] of Object.entries(specs)) {
      // Logging out would end the admin's session the later requests need (login.test.ts has them).
      if (route === 'POST /logout' || route === 'POST /api/logout') continue;
      const [method, pattern] = route.split(' ') as [string, string];
      const api = pattern.startsWith('/api/');
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('change', 'add'), fc.nat(), fc.constantFrom(...STRAY_NAMES.filter((n) => n !== '')), jsonValue, shape, async (how, pick, stray, value, formShape) => {
          const prepared = await spec.prepare(adminOwner);
          const fields = Object.keys(prepared.body ?? {});
          const name = how === 'change' && fields.length ? fields[pick % fields.length]! : stray;
          const agent = spec.role === 'public' ? request.agent(t.app) : admin.agent;
          let req = agent[method.toLowerCase() as 'post' | 'patch' | 'delete'](prepared.path).set('Accept', api ? 'application/json' : 'text/html');
          let shown: string;
          if (api) {
            // Built by hand so a `__proto__` key is an own key of the JSON, as a client may send it.
            const entries = Object.entries(prepared.body ?? {}).filter(([k]) => k !== name);
            const json = `{${[...entries, [name, value] as [string, unknown]].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
            req = req.set('x-csrf-token', admin.csrfToken).set('Content-Type', 'application/json').send(json);
            shown = json;
          } else if (prepared.multipart) {
            for (const [k, v] of Object.entries(prepared.body ?? {})) if (k !== name) req = req.field(k, String(v));
            const text = formShape.kind === 'one' && 'text' in formShape.value ? formShape.value.text : 'x';
            req = req.field('_csrf', admin.csrfToken).field(name || 'x', text);
            shown = `${name}=${JSON.stringify(text).slice(0, 80)}`;
          } else {
            const rest = Object.entries(prepared.body ?? {}).filter(([k]) => k !== name).map(([k, v]) => `${encodeText(k)}=${encodeText(String(v))}`);
            const form = [...rest, `_csrf=${encodeText(admin.csrfToken)}`, ...pairs(name, formShape)].join('&');
            req = req.type('form').send(form);
            shown = form;
          }
          const res = await req;
          // A refusal of the request as a whole (403 CSRF, 404 target gone, 409 stale version, 429 limit) is not about one field.
          const why = problem(res, [name]);
          assert.equal(why, null, `${route} (${prepared.path}) ${shown.slice(0, 300)}: ${why}`);
        }),
        { seed: SEED, numRuns: WRITE_RUNS },
      );
    }
  });
});

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
