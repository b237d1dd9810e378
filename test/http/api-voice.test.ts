import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { articleInput } from '../factories.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { getAs, getRoutes, GET_ROUTES, type SeededIds, seedForGets } from './get-routes.ts';

// Issue #13 point 11, one API voice: camelCase JSON fields in every answer, unknown query
// parameters and body fields refused naming them, messages for people, and a CSRF refusal
// in API terms.

/**
 * Keys with an underscore that are not ours, allowed by their standard. Each: where it is
 * (route, then a path of keys with * for any array index), and why.
 */
const STANDARD_KEYS: { route: string; under: string; why: string }[] = [
  // The query-string parameters as given: URL names (bookmarked), not JSON field names.
  { route: '/api/search', under: 'query', why: 'echoes the query-string parameters under their URL names' },
];

/** Every key path (a.b.*.c) of `value` whose last key holds an underscore. */
function underscoredKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => underscoredKeys(v, `${path}.*`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = path ? `${path}.${k}` : k;
    return [...(k.includes('_') ? [here] : []), ...underscoredKeys(v, here)];
  });
}

/** Every key of `value` at any depth, to check nested objects were really there. */
function keyCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + keyCount(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.entries(value).reduce((n, [, v]) => n + 1 + keyCount(v), 0);
}

/** A route whose answer is JSON (the API, and the CSL-JSON export). */
const answersJson = (route: string) => route.startsWith('/api/') && !/\/api\/export\.(csv|ris|bib)$/.test(route);

describe('one API voice', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof loggedIn>>;
  let ids: SeededIds;
  before(async () => {
    t = await testApp();
    ({ admin, ids } = await seedForGets(t));
  });

  it('lists every GET route of the app in get-routes.ts, and no route it does not have', () => {
    const routes = getRoutes(t.app);
    assert.deepEqual(routes.filter((r) => !(r in GET_ROUTES)), [], 'GET routes without a row in get-routes.ts');
    assert.deepEqual(Object.keys(GET_ROUTES).filter((r) => !routes.includes(r)), [], 'rows for GET routes the app does not have');
  });

  it('answers every GET API route with camelCase keys only, nested objects included', async () => {
    const found: string[] = [];
    for (const [route, spec] of Object.entries(GET_ROUTES).filter(([r]) => answersJson(r))) {
      const res = await getAs(admin.agent, spec.path(ids)).expect(200);
      const body = res.body as unknown;
      assert.ok(keyCount(body) > 0, `${route}: an empty answer proves nothing`);
      const allowed = STANDARD_KEYS.filter((s) => s.route === route).map((s) => s.under);
      for (const key of underscoredKeys(body)) {
        if (!allowed.some((under) => key === under || key.startsWith(`${under}.`))) found.push(`${route}: ${key}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('shows the seeded nested objects in camelCase (they were there to check)', async () => {
    const speaker = (await getAs(admin.agent, `/api/speakers/${ids.speaker}`).expect(200)).body;
    assert.equal(speaker.speaker.canonicalName, 'Ann Example');
    assert.ok(speaker.statements[0].publishedAt !== undefined);
    const statement = (await getAs(admin.agent, `/api/statements/${ids.statement}`).expect(200)).body;
    assert.equal(statement.statement.articleId ?? statement.article?.id, ids.article);
    const search = (await getAs(admin.agent, '/api/search?q=taxes&quote_type=direct').expect(200)).body;
    assert.equal(search.query.quote_type, 'direct', 'the query echo keeps the URL names');
    assert.ok(search.hits.length > 0 && 'articleTitle' in search.hits[0]);
  });

  it('refuses an unknown query parameter on every GET route with 400 naming it, as JSON or on the page', async () => {
    const failures: string[] = [];
    for (const [route, spec] of Object.entries(GET_ROUTES)) {
      const json = answersJson(route) || /\/api\/export\./.test(route);
      const res = await getAs(admin.agent, `${spec.path(ids)}?publised=2021-01-01`, json ? 'application/json' : 'text/html');
      const named = json
        ? (res.body.issues ?? []).some((i: { field: string; message: string }) => i.field === 'publised' && i.message === 'is not a known parameter')
        : res.text.includes('publised: is not a known parameter') || />publised<\/a>: is not a known parameter/.test(res.text);
      if (res.status !== 400 || !named) failures.push(`${route}: ${res.status} ${res.text.slice(0, 100)}`);
    }
    assert.deepEqual(failures, []);
  });

  it('refuses unknown body fields with 400 naming them, and still takes a form\'s _csrf', async () => {
    const api = await admin.agent.post('/api/articles').set('x-csrf-token', admin.csrfToken).send({ ...articleInput(), publised: '2021-01-01' });
    assert.equal(api.status, 400);
    assert.deepEqual(api.body.issues, [{ field: 'publised', message: 'is not a known field' }]);
    const login = await request(t.app).post('/api/login').send({ username: 'someone', password: 'x', remember: true });
    assert.equal(login.status, 400);
    assert.deepEqual(login.body.issues, [{ field: 'remember', message: 'is not a known field' }]);
    const token = await admin.agent.post('/api/tokens').set('x-csrf-token', admin.csrfToken).send({ name: 'x', expires: '2030-01-01' });
    assert.equal(token.status, 400);
    assert.equal(token.body.issues[0].field, 'expires');
    // A write's query string is not its input: a parameter there is refused too.
    const query = await admin.agent.post('/api/tokens?name=x').set('x-csrf-token', admin.csrfToken).send({ name: 'x' });
    assert.equal(query.status, 400);
    assert.equal(query.body.issues[0].field, 'name');
  });

  it('words validation messages for people, the same way on every route', async () => {
    const cases: [path: string, field: string, message: string][] = [
      ['/api/search?limit=abc', 'limit', 'must be a whole number from 1 to 100'],
      ['/api/speakers?limit=0', 'limit', 'must be a whole number from 1 to 200'],
      ['/api/clusters?limit=1e3', 'limit', 'must be a whole number from 1 to 100'],
      ['/api/search?from=2021-13-45', 'from', 'must be a date as YYYY-MM-DD (such as 2021-07-20)'],
      ['/api/audit?from=yesterday', 'from', 'must be a date as YYYY-MM-DD (such as 2021-07-20)'],
      ['/api/speakers/1?to=2021-02-30', 'to', 'must be a date as YYYY-MM-DD (such as 2021-07-20)'],
      ['/api/search?limit=1&limit=2', 'limit', 'must be given once'],
      ['/api/speakers?limit=1&limit=2', 'limit', 'must be given once'],
      // Brackets are not parsed (Express 5's simple query parser): 'q[a]' is a name of its own.
      ['/api/speakers?q[a]=1', 'q[a]', 'is not a known parameter'],
      ['/api/clusters?limit[]=1', 'limit[]', 'is not a known parameter'],
    ];
    for (const [path, field, message] of cases) {
      const res = await getAs(admin.agent, path);
      assert.equal(res.status, 400, path);
      assert.deepEqual(res.body.issues.find((i: { field: string }) => i.field === field), { field, message }, path);
    }
    const page = await request(t.app).get('/search?from=2021-13-45').set('Accept', 'text/html').expect(400);
    assert.match(page.text, /from<\/a>: must be a date as YYYY-MM-DD|from: must be a date as YYYY-MM-DD/);
    const body = await admin.agent.post('/api/annotations').set('x-csrf-token', admin.csrfToken).send({ statementId: 'seven', tags: 5 });
    assert.equal(body.status, 422);
    assert.deepEqual(body.body.issues.map((i: { field: string }) => i.field).sort(), ['statementId', 'tags']);
    for (const issue of body.body.issues as { message: string }[]) assert.doesNotMatch(issue.message, /Invalid|received|expected|NaN|undefined/, JSON.stringify(issue));
    // In a body a list or an object where a value belongs is a wrong type, said so (not "given once").
    const listed = await admin.agent.post('/api/articles').set('x-csrf-token', admin.csrfToken).send({ text: ['a'] });
    assert.ok([400, 422].includes(listed.status), String(listed.status));
    assert.deepEqual(listed.body.issues, [{ field: 'text', message: 'must be text, not a list' }]);
    const whole = await admin.agent.post('/api/articles').set('x-csrf-token', admin.csrfToken).send([1]);
    assert.ok([400, 422].includes(whole.status), String(whole.status));
    assert.doesNotMatch(JSON.stringify(whole.body.issues), /given once/);
  });

  it('says what a missing or wrong CSRF header on an API call needs, in API terms', async () => {
    const session = (await admin.agent.get('/api/session').expect(200)).body;
    assert.equal(typeof session.csrfToken, 'string', 'GET /api/session gives the token the message points to');
    for (const header of [undefined, 'forged']) {
      let req = admin.agent.post('/api/tokens');
      if (header) req = req.set('x-csrf-token', header);
      const res = await req.send({ name: 'no csrf' });
      assert.equal(res.status, 403);
      assert.equal(res.body.error, 'missing or invalid x-csrf-token header: get one from POST /api/login or GET /api/session (the csrfToken field)');
    }
    const form = await admin.agent.post('/account/tokens').type('form').send({ name: 'no csrf' });
    assert.equal(form.status, 403);
    assert.match(form.text, /form expired/);
  });
});
