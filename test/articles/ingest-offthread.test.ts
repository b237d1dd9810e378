// Issue 9, point 1: no article can block the event loop. Pages are read in worker threads
// under a time budget, and pathological nesting is refused before Readability sees it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { articleInput } from '../factories.ts';
import { createTestUser, listen, loggedIn, TEST_PASSWORD, type TestApp, testApp } from '../helpers/app.ts';

// 2,000 nested <div>s (~10 KB): before this fix Readability froze the whole app for minutes
// on it (500 levels already take it 10-13 s).
const DEEP_PAGE = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(2000)}<p>"We will act," the minister said on Tuesday, in a statement.</p></body></html>`;
// A sane limit for a test that may hang on broken code; the refusals below take seconds.
const TIMEOUT = { timeout: 60_000 };

const countArticles = async (t: TestApp) => Number((await t.handle.pool.query('select count(*) from articles')).rows[0].count);

describe('a page nested 2,000 deep, with the default limits', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });

  it('is refused by POST /api/articles with 422 naming the reason, and nothing is stored', TIMEOUT, async () => {
    const editor = await loggedIn(t, 'editor');
    const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send({ title: 'Deep', html: DEEP_PAGE }).expect(422);
    assert.deepEqual(res.body.issues, [{ field: 'html', message: 'the page nests elements more than 100 levels deep; at most 100 are read (news articles nest 10 to 40)' }]);
    assert.equal(await countArticles(t), 0);
  });

  it('is refused by the form with the reason shown next to the file field', TIMEOUT, async () => {
    const { agent } = await loggedIn(t, 'editor');
    const form = await agent.get('/articles/new').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const res = await agent.post('/articles').field('_csrf', token).field('title', 'Deep upload')
      .attach('file', Buffer.from(DEEP_PAGE), { filename: 'deep.html', contentType: 'text/html' }).expect(422);
    assert.match(res.text, /<p class="error" id="error-file">the page nests elements more than 100 levels deep; at most 100 are read/);
    assert.match(res.text, /value="Deep upload"/);
    assert.equal(await countArticles(t), 0);
  });
});

describe('a page that stalls Readability (depth limit raised, a 2 s budget, one worker, no queue)', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let session: { cookie: string; csrfToken: string };
  const post = (body: object) => fetch(`${server.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify(body),
  });
  before(async () => {
    t = await testApp({ INGEST_MAX_HTML_DEPTH: '5000', INGEST_TIME_BUDGET_MS: '2000', INGEST_WORKERS: '1', INGEST_QUEUE: '0' });
    server = await listen(t.app);
    const username = await createTestUser(t, 'editor');
    const login = await fetch(`${server.baseUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
    session = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrfToken: (await login.json()).csrfToken };
    // One stored article for the search below, and a warm worker.
    assert.equal((await post(articleInput({ text: '"Talks will go on," the minister said.' }))).status, 201);
  });
  after(() => server.close());

  it('keeps /healthz and search answering within 1 s while it is read, then refuses it with 422', TIMEOUT, async () => {
    const stored = await countArticles(t);
    let settled = false;
    const deep = post({ title: 'Stalling', html: DEEP_PAGE }).finally(() => (settled = true));
    const probes: { url: string; ms: number; status: number }[] = [];
    while (!settled) {
      for (const url of ['/healthz', '/api/search?q=minister']) {
        const started = performance.now();
        const res = await fetch(`${server.baseUrl}${url}`);
        await res.arrayBuffer();
        probes.push({ url, ms: performance.now() - started, status: res.status });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const res = await deep;
    assert.equal(res.status, 422);
    assert.deepEqual((await res.json()).issues, [{ field: 'html', message: 'the page took longer than 2 s to read (the limit per article); it was not stored' }]);
    // The page was in flight for the whole budget: many probes ran meanwhile, all answered fast.
    assert.ok(probes.length >= 6, `${probes.length} probes`);
    for (const p of probes) {
      assert.equal(p.status, 200, p.url);
      assert.ok(p.ms < 1000, `${p.url} took ${Math.round(p.ms)} ms`);
    }
    assert.equal(await countArticles(t), stored);
    // The stopped worker was replaced: the next article is read and stored.
    assert.equal((await post(articleInput())).status, 201);
  });

  it('answers 503 with Retry-After to an article that finds the worker busy and no room to wait', TIMEOUT, async () => {
    // A short article may reach the one worker first and turn the deep page away (503): it is
    // sent again until it holds the worker, as a client honouring Retry-After would.
    const sendDeep = (): Promise<Response> => post({ title: 'Stalling', html: DEEP_PAGE }).then((r) => (r.status === 503 ? sendDeep() : r));
    const deep = sendDeep();
    let busy: Response | undefined;
    // Until the deep page holds the worker, a short article is simply stored.
    for (let i = 0; i < 50 && !busy; i++) {
      const res = await post(articleInput());
      if (res.status === 503) busy = res;
      else assert.equal(res.status, 201);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(busy, 'an article was refused while the worker was busy');
    assert.equal(busy.headers.get('retry-after'), '2');
    assert.deepEqual(await busy.json(), { status: 503, error: 'Too many articles are being read right now; try again shortly' });
    assert.equal((await deep).status, 422);
  });
});
