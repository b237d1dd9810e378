import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';

describe('the article page', () => {
  let t: TestApp;
  let articleId: number;
  before(async () => {
    t = await testApp();
    const body = '😀 Intro <script>alert(1)</script> & more.\n\n"We know the risks," Price said. "We act collectively."\n\nThe embassy denied the <b>claims</b>.';
    const article = await storedArticle(t.handle.db, { title: 'Risks & <Rewards>', subtitle: 'A subtitle', agency: 'AFP', text: body });
    articleId = article.id;
    const price = { name: 'Ned Price', kind: 'person' as const, mention: null, aliases: ['Price'] };
    await storeStatements(t.handle.db, article, [
      statementOn(body, 'We know the risks', { speaker: price, role: { text: 'State Department spokesman', organization: 'State Department' }, cue: { text: 'said', start: 0, end: 4 }, paragraphIndex: 1 }),
      statementOn(body, 'We act collectively.', { speaker: price, paragraphIndex: 1 }),
      statementOn(body, 'the <b>claims</b>', { kind: 'claim', quoteType: 'indirect', speaker: { name: 'Chinese embassy', kind: 'organization', mention: null, aliases: [] }, paragraphIndex: 2 }),
    ]);
  });

  it('shows metadata and the body with paragraphs kept and HTML escaped', async () => {
    const res = await request(t.app).get(`/articles/${articleId}`).expect(200);
    assert.match(res.text, /<title>Risks &amp; &lt;Rewards&gt; · Verbatim<\/title>/);
    assert.match(res.text, /A subtitle/);
    assert.match(res.text, /<dd>AFP<\/dd>/);
    assert.match(res.text, /<time datetime="2024-03-01">1 Mar 2024<\/time>/);
    assert.ok(res.text.includes('😀 Intro &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.'));
    assert.ok(!res.text.includes('<script>alert'));
    assert.equal((res.text.match(/<p>/g) ?? []).length >= 3, true);
  });

  it('highlights each statement at its code-point offsets, with an anchor and who said it', async () => {
    const res = await request(t.app).get(`/articles/${articleId}`).expect(200);
    const marks = [...res.text.matchAll(/<mark class="stmt ([^"]+)" id="s-(\d+)" title="([^"]*)" tabindex="0" aria-describedby="who-(\d+)" data-start="(\d+)">([^<]*)<\/mark>/g)];
    assert.deepEqual(marks.map((m) => m[6]), ['We know the risks', 'We act collectively.', 'the &lt;b&gt;claims&lt;/b&gt;']);
    // Each highlight is described by its statement's "who said it" note (issue #13 point 4).
    assert.deepEqual(marks.map((m) => m[4]), marks.map((m) => m[2]));
    assert.match(res.text, /<span class="who-text" id="who-\d+"><span class="who-speaker"><span class="who-name">Ned Price<\/span><span class="who-role">, State Department spokesman<\/span><\/span>/);
    assert.deepEqual(marks.map((m) => m[1]), ['stmt-quote', 'stmt-quote', 'stmt-claim']);
    // data-start: where each piece starts in code points (the passage-selection script reads it).
    const starts = await t.handle.db.selectFrom('statements').select('start_offset').where('article_id', '=', articleId).orderBy('start_offset').execute();
    assert.deepEqual(marks.map((m) => Number(m[5])), starts.map((s) => s.start_offset));
    assert.match(marks[0]![3]!, /Quote: Ned Price \(State Department spokesman\) — said/);
    assert.match(res.text, /<a href="\/speakers\/\d+">Ned Price<\/a>, <span class="role">State Department spokesman<\/span>/);
  });

  it('answers 404 pages for unknown articles', async () => {
    const res = await request(t.app).get('/articles/424242').set('Accept', 'text/html').expect(404);
    assert.match(res.text, /<h1>Not found<\/h1>/);
    await request(t.app).get('/articles/0').expect(404);
  });

  it('lists the article on the home page', async () => {
    const res = await request(t.app).get('/').expect(200);
    assert.match(res.text, new RegExp(`<a href="/articles/${articleId}">Risks &amp; &lt;Rewards&gt;</a>`));
    assert.match(res.text, /3 statements/);
  });
});
