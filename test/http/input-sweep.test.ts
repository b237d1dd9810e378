import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { articleInput, statementOn, storedArticle, storeStatements } from '../factories.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

// Every parameter of every route, given what the database cannot store or compare: a NUL,
// a lone surrogate (JSON only: query strings and multipart decode bad UTF-8 to U+FFFD),
// an integer beyond int4, a value longer than any column, a date outside what Postgres and
// the app accept. Each must be refused naming the parameter; none may answer 500.

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
const HUGE = '99999999999';
const LONG = 'x'.repeat(3000);
// An impossible month or day once threw inside the check itself (a 500).
const BAD_DAYS = ['0000-01-01', '10000-01-01', '2021-02-30', '2026-13-01', '2026-00-10', '9999-99-99'];

type Case = [path: string, param: string, values: string[]];

const TEXT = [NUL, LONG];
const ENUM = [NUL, 'nonsense'];
const LIMIT = [HUGE, '-1', NUL];

function searchCases(path: string): Case[] {
  return [
    ...['q', 'speaker', 'role', 'organization', 'outlet', 'agency', 'tag'].map((p): Case => [path, p, TEXT]),
    ...['mode', 'speaker_kind', 'kind', 'quote_type', 'status', 'sort', 'facets', 'verdict'].map((p): Case => [path, p, ENUM]),
    [path, 'from', [...BAD_DAYS, NUL]],
    [path, 'to', [...BAD_DAYS, NUL]],
    ...['article', 'cluster', 'speaker_id'].map((p): Case => [path, p, [HUGE, '0', NUL]]),
    [path, 'limit', LIMIT],
    [path, 'cursor', [NUL, LONG, Buffer.from(`{"s":"newest","p":null,"a":${HUGE},"id":1}`).toString('base64url')]],
  ];
}

function speakerCases(path: string): Case[] {
  return [
    ...['kind', 'quote_type', 'status'].map((p): Case => [path, p, ENUM]),
    [path, 'outlet', TEXT],
    [path, 'from', [...BAD_DAYS, NUL]],
    [path, 'to', [...BAD_DAYS, NUL]],
  ];
}

const listCases = (path: string): Case[] => [
  [path, 'q', TEXT],
  [path, 'kind', ENUM],
  [path, 'after', [HUGE, '0', NUL]],
  [path, 'limit', LIMIT],
];

const clusterCases = (path: string): Case[] => [
  [path, 'conflicting', ENUM],
  [path, 'before', [HUGE, '0', NUL]],
  [path, 'limit', LIMIT],
];

const annotationCases = (path: string): Case[] => [
  ...['q', 'tag', 'author'].map((p): Case => [path, p, TEXT]),
  ...['verdict', 'rating'].map((p): Case => [path, p, ENUM]),
  ...['article', 'statement'].map((p): Case => [path, p, [HUGE, '0', NUL]]),
  [path, 'limit', LIMIT],
];

const ARTICLE_FIELDS = ['title', 'subtitle', 'outlet', 'agency', 'byline', 'url', 'published', 'language'];
const PATH_IDS = ['/articles', '/api/articles', '/speakers', '/api/speakers', '/outlets', '/api/outlets', '/clusters', '/api/clusters', '/api/statements', '/statements', '/api/annotations'];

describe('every route parameter against the database constraints', () => {
  let t: TestApp;
  let speakerPath: string;
  before(async () => {
    t = await testApp();
    const stored = await storedArticle(t.handle.db);
    await storeStatements(t.handle.db, stored, [statementOn(stored.bodyText, 'We will act')]);
    speakerPath = `/speakers/${(await t.handle.pool.query('select id from speakers limit 1')).rows[0].id}`;
  });

  const queryCases = (): Case[] => [
    ...searchCases('/api/search'),
    ...searchCases('/search'),
    ...speakerCases(`/api${speakerPath}`),
    ...speakerCases(speakerPath),
    ...listCases('/api/speakers'),
    ...listCases('/speakers'),
    ['/api/speakers/autocomplete', 'q', TEXT],
    ['/api/outlets/autocomplete', 'q', TEXT],
    ['/api/agencies/autocomplete', 'q', TEXT],
    ...clusterCases('/api/clusters'),
    ...clusterCases('/clusters'),
    ['/api/articles', 'limit', LIMIT],
    // The export takes the search's filters (not its paging) and its own style and bom.
    ...searchCases('/api/export.csv').filter(([, p]) => !['limit', 'cursor', 'facets'].includes(p)),
    ['/api/export.csv', 'style', ENUM],
    ['/api/export.csv', 'bom', ENUM],
    ['/api/export.csv', 'meta', ENUM],
    ['/api/export.csv', 'queue', ENUM],
    // The reference-manager formats read the same filters; a BOM and meta lines are CSV's only.
    ...['/api/export.csljson', '/api/export.ris', '/api/export.bib'].flatMap((path): Case[] => [
      [path, 'q', TEXT], [path, 'kind', ENUM], [path, 'style', ENUM], [path, 'bom', ['1', '0', NUL]], [path, 'meta', ['1', NUL]],
    ]),
    ...annotationCases('/api/annotations'),
    ...annotationCases('/annotations'),
  ];

  it('refuses each bad query parameter with 400 naming it, as JSON and as a page', async () => {
    const failures: string[] = [];
    for (const [path, param, values] of queryCases()) {
      for (const value of values) {
        const api = path.startsWith('/api/');
        const res = await request(t.app).get(path).query({ [param]: value }).set('Accept', api ? 'application/json' : 'text/html');
        const named = api
          ? (res.body.issues ?? []).some((i: { field: string }) => i.field === param)
          : new RegExp(`(>${param}</a>|<li>${param}): `).test(res.text);
        if (res.status !== 400 || !named) failures.push(`${path}?${param}=${JSON.stringify(value).slice(0, 20)}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('answers 404 for path ids that name no row: beyond int4, zero, not digits', async () => {
    const failures: string[] = [];
    for (const path of PATH_IDS) {
      for (const id of [HUGE, '0', '-1', '1e3', '%00', 'x'.repeat(300)]) {
        const res = await request(t.app).get(`${path}/${id}`);
        if (res.status !== 404) failures.push(`${path}/${id.slice(0, 20)}: ${res.status}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  describe('bodies', () => {
    let editor: Awaited<ReturnType<typeof loggedIn>>;
    before(async () => {
      editor = await loggedIn(t, 'editor');
    });
    const countArticles = async () => Number((await t.handle.pool.query('select count(*) from articles')).rows[0].count);

    it('refuses each bad JSON article field with 422 naming it, storing nothing', async () => {
      const before = await countArticles();
      const failures: string[] = [];
      for (const field of ARTICLE_FIELDS) {
        for (const value of [NUL, SURROGATE, LONG, 12]) {
          const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(articleInput({ [field]: value }));
          const named = (res.body.issues ?? []).some((i: { field: string }) => i.field === field);
          if (res.status !== 422 || !named) failures.push(`${field}=${JSON.stringify(value).slice(0, 20)}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        }
      }
      for (const field of ['text', 'html']) {
        const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send({ [field]: 12 });
        if (res.status !== 400 || res.body.issues[0]?.field !== field) failures.push(`${field}=12: ${res.status}`);
      }
      assert.deepEqual(failures, []);
      assert.equal(await countArticles(), before);
    });

    it('refuses each bad form field with 422, the form naming it', async () => {
      const form = await editor.agent.get('/articles/new').expect(200);
      const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
      const before = await countArticles();
      const failures: string[] = [];
      for (const field of ARTICLE_FIELDS) {
        for (const value of [NUL, LONG]) {
          const { text, ...fields } = articleInput({ [field]: value });
          let req = editor.agent.post('/articles').set('Accept', 'text/html').field('_csrf', token).field('text', String(text));
          for (const [k, v] of Object.entries(fields)) req = req.field(k, String(v));
          const res = await req;
          if (res.status !== 422 || !res.text.includes(`<a href="#field-${field}">${field}</a>: `)) failures.push(`${field}=${JSON.stringify(value).slice(0, 20)}: ${res.status}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.equal(await countArticles(), before);
    });

    it('refuses a bad login name with 400 naming it', async () => {
      const failures: string[] = [];
      for (const username of [NUL, SURROGATE, LONG]) {
        const res = await request(t.app).post('/api/login').send({ username, password: 'whatever password' });
        if (res.status !== 400 || res.body.issues?.[0]?.field !== 'username') failures.push(`${JSON.stringify(username).slice(0, 20)}: ${res.status}`);
      }
      assert.deepEqual(failures, []);
    });
  });
});
