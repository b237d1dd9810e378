import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

async function formSession(t: TestApp) {
  const { agent } = await loggedIn(t, 'editor');
  const page = await agent.get('/articles/new').expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(token, 'the form carries a CSRF token');
  return { agent, token };
}

describe('the article form', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  const countArticles = async () => Number((await t.handle.pool.query('select count(*) from articles')).rows[0].count);

  it('stores pasted text and redirects to the article page with a message', async () => {
    const { agent, token } = await formSession(t);
    const res = await agent
      .post('/articles')
      .field('_csrf', token)
      .field('title', 'Pasted story')
      .field('outlet', 'Form Gazette')
      .field('published', '2023-05-04')
      .field('text', 'First paragraph of the pasted story.\n\nSecond paragraph.')
      .expect(303);
    assert.match(res.headers.location!, /^\/articles\/\d+$/);
    const page = await agent.get(res.headers.location!).expect(200);
    assert.match(page.text, /Article stored/);
    assert.match(page.text, /<h1 id="article-title">Pasted story<\/h1>/);
    assert.match(page.text, /Form Gazette/);
    // Each piece of the body carries its code-point offset (the passage annotations count from it).
    // Each paragraph is its own block (with room for its statements beside it in the side layout).
    assert.match(page.text, /<p><span data-start="0">First paragraph of the pasted story\.<\/span><\/p>\s*<\/div>\s*<div class="article-paragraph">\s*<p><span data-start="38">Second paragraph\.<\/span><\/p>/);
  });

  it('stores an uploaded .html file as clean text, taking its title', async () => {
    const { agent, token } = await formSession(t);
    const html = '<!doctype html><html><head><title>Uploaded page</title></head><body><div class="share-bar">Share on X</div><article><p>The uploaded article body has several sentences of real content in it, so Readability keeps it as the article.</p><p>Another paragraph follows here with more words.</p></article></body></html>';
    const res = await agent.post('/articles').field('_csrf', token).attach('file', Buffer.from(html), { filename: 'page.html', contentType: 'text/html' }).expect(303);
    const id = Number(res.headers.location!.split('/').pop());
    const row = (await t.handle.pool.query('select title, body_text, source_format from articles where id = $1', [id])).rows[0];
    assert.equal(row.title, 'Uploaded page');
    assert.equal(row.source_format, 'html');
    assert.match(row.body_text, /^The uploaded article body/);
    assert.doesNotMatch(row.body_text, /Share on X|<p>/);
  });

  it('re-renders with every error named and the input kept', async () => {
    const { agent, token } = await formSession(t);
    const before = await countArticles();
    const res = await agent
      .post('/articles')
      .field('_csrf', token)
      .field('title', 'Keep <me>')
      .field('published', '2021-13-45')
      .field('url', 'not a url')
      .field('text', '')
      .expect(422);
    assert.match(res.text, /Please fix 3 problems/);
    assert.match(res.text, /id="error-published"/);
    assert.match(res.text, /id="error-url"/);
    assert.match(res.text, /id="error-text"/);
    assert.match(res.text, /value="Keep &lt;me&gt;"/);
    assert.match(res.text, /name="_csrf" value="[^"]+"/);
    assert.equal(await countArticles(), before);
  });

  const badFiles: [string, Buffer, number, RegExp][] = [
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), 422, /looks binary/],
    ['invalid UTF-8', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]), 422, /not valid UTF-8/],
    ['a file over 5 MB', Buffer.alloc(6 * 1024 * 1024, 0x61), 413, /larger than 5 MB/],
  ];
  for (const [name, bytes, status, message] of badFiles) {
    it(`refuses ${name} with ${status}, keeping the other fields`, async () => {
      const { agent, token } = await formSession(t);
      const before = await countArticles();
      const res = await agent.post('/articles').field('_csrf', token).field('title', 'My title').attach('file', bytes, 'upload.txt').expect(status);
      assert.match(res.text, message);
      assert.match(res.text, /id="error-file"/);
      assert.match(res.text, /value="My title"/);
      assert.equal(await countArticles(), before);
    });
  }

  it('refuses 20 MB of pasted text with 413 naming the text field', async () => {
    const { agent, token } = await formSession(t);
    const before = await countArticles();
    const res = await agent.post('/articles').field('_csrf', token).field('title', 'Huge').field('text', 'a'.repeat(20 * 1024 * 1024)).expect(413);
    assert.match(res.text, /id="error-text"/);
    assert.match(res.text, /too large/);
    assert.equal(await countArticles(), before);
  });

  it('refuses a post without a valid CSRF token', async () => {
    const { agent } = await formSession(t);
    const before = await countArticles();
    await agent.post('/articles').field('_csrf', 'forged').field('text', 'Some article text.').expect(403);
    await (await loggedIn(t, 'editor')).agent.post('/articles').field('text', 'Some article text.').expect(403);
    assert.equal(await countArticles(), before);
  });

  it('sends the same text twice to the stored article', async () => {
    const { agent, token } = await formSession(t);
    const text = 'A text submitted twice through the form.';
    const first = await agent.post('/articles').field('_csrf', token).field('text', text).expect(303);
    const second = await agent.post('/articles').field('_csrf', token).field('text', text).expect(303);
    assert.equal(second.headers.location, first.headers.location);
    const page = await agent.get(second.headers.location!).expect(200);
    assert.match(page.text, /already stored/);
  });
});
