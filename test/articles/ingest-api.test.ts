import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { articleInput } from '../factories.ts';
import { listen, loggedIn, TEST_PASSWORD, type TestApp, testApp } from '../helpers/app.ts';

describe('POST /api/articles', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  const post = (body: unknown) => editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(body as object);
  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
  });
  const countArticles = async () => Number((await t.handle.pool.query('select count(*) from articles')).rows[0].count);

  it('stores an article and returns 201 with its id', async () => {
    const input = articleInput({ agency: 'AFP', byline: 'Jo Reporter', url: 'https://www.example.com/news/1?utm_source=tw' });
    const res = await post(input).expect(201);
    assert.equal(res.body.created, true);
    assert.equal(res.headers.location, `/api/articles/${res.body.id}`);
    const got = await request(t.app).get(`/api/articles/${res.body.id}`).expect(200);
    assert.equal(got.body.article.title, input.title);
    assert.equal(got.body.article.outlet, 'The Daily Test');
    assert.equal(got.body.article.agency, 'AFP');
    assert.equal(got.body.article.bodyText, input.text);
    const row = (await t.handle.pool.query('select canonical_url, published_at from articles where id = $1', [res.body.id])).rows[0];
    assert.equal(row.canonical_url, 'https://example.com/news/1');
    assert.equal(row.published_at.toISOString(), '2024-03-01T00:00:00.000Z');
    const audit = (await t.handle.pool.query(`select u.username, l.action, l.after from audit_log l join users u on u.id = l.user_id where l.entity_type = 'article' and l.entity_id = $1`, [res.body.id])).rows;
    assert.deepEqual(audit.map((a) => [a.username, a.action, a.after.title]), [[editor.username, 'article.create', input.title]]);
  });

  it('returns the stored article for the same content instead of a duplicate', async () => {
    const input = articleInput();
    const first = await post(input).expect(201);
    const before = await countArticles();
    const again = await post({ ...input, title: 'Another title', text: `${input.text}\r\n` }).expect(200);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.body.duplicate, true);
    assert.equal(await countArticles(), before);
  });

  it('treats the same canonical URL as the same article', async () => {
    const first = await post(articleInput({ url: 'https://example.org/story#top' })).expect(201);
    const again = await post(articleInput({ url: 'http://www.example.org/story/' })).expect(200);
    assert.equal(again.body.id, first.body.id);
  });

  it('cleans HTML sent as html', async () => {
    const html = '<html><head><title>T</title></head><body><nav>Home | World</nav><article><p>"We act," he said. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p><p>Second paragraph with enough words to count as content for the reader.</p></article><script>alert(1)</script></body></html>';
    const res = await post({ title: 'Html', html }).expect(201);
    const got = await request(t.app).get(`/api/articles/${res.body.id}`).expect(200);
    assert.match(got.body.article.bodyText, /^"We act," he said\./);
    assert.match(got.body.article.bodyText, /\n\nSecond paragraph/);
    assert.doesNotMatch(got.body.article.bodyText, /alert|Home \| World/);
  });

  it('reads archived text that doubles apostrophes as quote marks', async () => {
    const text = "Taxes\n\n''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist. ''It's anti-reform.''";
    const res = await post({ title: 'Archived', text }).expect(201);
    const rows = (await t.handle.pool.query(`
      select s.text, s.kind, sp.canonical_name from statements s
      join attributions a on a.statement_id = s.id and a.is_current join speakers sp on sp.id = a.speaker_id
      where s.article_id = $1 and s.kind = 'quote' order by s.start_offset`, [res.body.id])).rows;
    assert.deepEqual(rows.map((r) => [r.text, r.canonical_name]), [
      ["This isn't tax reform,", 'Douglas Holtz-Eakin'],
      ["It's anti-reform.", 'Douglas Holtz-Eakin'],
    ]);
  });

  const bad: [string, unknown, number, RegExp][] = [
    ['empty text', { title: 'x', text: '   ' }, 422, /text/],
    ['missing text', { title: 'x' }, 422, /text/],
    ['invalid date', { title: 'x', text: 'Some words.', published: '2021-02-30' }, 422, /published/],
    ['not a date at all', { title: 'x', text: 'Some words.', published: 'yesterday' }, 422, /published/],
    ['bad url', { title: 'x', text: 'Some words.', url: 'javascript:alert(1)' }, 422, /url/],
    ['text and html both', { title: 'x', text: 'a', html: '<p>b</p>' }, 400, /text/],
    ['text of the wrong type', { title: 'x', text: 42 }, 400, /text/],
  ];
  for (const [name, body, status, field] of bad) {
    it(`rejects ${name} with ${status}, naming the field, and stores nothing`, async () => {
      const before = await countArticles();
      const res = await post(body as object).expect(status);
      assert.match(JSON.stringify(res.body.issues ?? res.body.error), field);
      assert.equal(await countArticles(), before);
    });
  }

  it('rejects a 20 MB body with 413', async () => {
    const res = await post({ title: 'big', text: 'a'.repeat(20 * 1024 * 1024) }).expect(413);
    assert.match(res.body.error, /too large/);
  });

  it('rejects text over the article size limit with 413 naming the field', async () => {
    const res = await post({ title: 'long', text: 'word '.repeat(210_000) }).expect(413);
    assert.equal(res.body.issues[0].field, 'text');
  });

  it('rejects invalid UTF-8 with 400', async () => {
    const bytes = Buffer.concat([Buffer.from('{"title":"x","text":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const server = await listen(t.app);
    try {
      const login = await fetch(`${server.baseUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: editor.username, password: TEST_PASSWORD }) });
      const { csrfToken } = await login.json();
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const res = await fetch(`${server.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: bytes });
      assert.equal(res.status, 400);
      assert.match((await res.json()).error, /UTF-8/);
    } finally {
      await server.close();
    }
  });

  it('rejects malformed JSON and non-JSON bodies clearly', async () => {
    const parse = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).set('Content-Type', 'application/json').send('{"title":').expect(400);
    assert.match(parse.body.error, /not valid JSON/);
    await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).set('Content-Type', 'text/plain').send('hello').expect(415);
  });

  it('answers 404 JSON for an unknown article and never a stack trace', async () => {
    const res = await request(t.app).get('/api/articles/999999').expect(404);
    assert.deepEqual(Object.keys(res.body).sort(), ['error', 'status']);
    await request(t.app).get('/api/articles/abc').expect(404);
  });

  it('lists recent articles', async () => {
    const res = await request(t.app).get('/api/articles?limit=2').expect(200);
    assert.equal(res.body.articles.length, 2);
    assert.ok(res.body.articles[0].id > res.body.articles[1].id);
  });
});
