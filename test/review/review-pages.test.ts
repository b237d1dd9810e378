import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { BOB_QUOTE, SHARED_QUOTE, seedReview } from './seed.ts';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

describe('review pages: the statement page and its forms', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let editor: Agent;
  const form = (who: Agent, path: string, body: Record<string, string>) => who.agent.post(path).type('form').send({ _csrf: who.csrfToken, ...body });

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    editor = await loggedIn(t, 'editor');
  });

  it('shows the quote in its paragraph, its facts and history to anyone, with no forms for an anonymous reader', async () => {
    const page = await request(t.app).get(`/statements/${seed.annQuote}`).expect(200);
    assert.match(page.text, new RegExp(`<mark class="stmt stmt-quote" id="quote">${SHARED_QUOTE}</mark>,&quot; said Ann Example.`));
    assert.match(page.text, /Ann Example/);
    assert.match(page.text, /machine/);
    assert.match(page.text, /40%/);
    assert.match(page.text, /Version 1/);
    assert.match(page.text, new RegExp(`href="/articles/${seed.first.id}#s-${seed.annQuote}"`));
    assert.doesNotMatch(page.text, /<form method="post" action="\/statements/);
    await request(t.app).get('/statements/99999999').expect(404);
    await request(t.app).get('/statements/abc').expect(404);
  });

  it('refuses a form post without the CSRF token (403), from a reader (403) and sends anonymous users to log in', async () => {
    await editor.agent.post(`/statements/${seed.bobQuote}/verify`).type('form').send({ version: '1' }).expect(403);
    await editor.agent.post(`/statements/${seed.bobQuote}/verify`).type('form').send({ version: '1', _csrf: 'wrong' }).expect(403);
    const reader = await loggedIn(t, 'reader');
    await form(reader, `/statements/${seed.bobQuote}/verify`, { version: '1' }).expect(403);
    const anon = await request(t.app).post(`/statements/${seed.bobQuote}/verify`).type('form').send({ version: '1' }).expect(303);
    assert.match(anon.headers.location!, /^\/login\?next=/);
    const n = (await t.handle.pool.query('select count(*)::int as n from attributions where statement_id = $1', [seed.bobQuote])).rows[0].n;
    assert.equal(n, 1);
  });

  it('verifies from the form (303 and a flash), with the reason shown inert', async () => {
    const xss = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await form(editor, `/statements/${seed.bobQuote}/verify`, { version: '1', reason: xss }).expect(303);
    assert.equal(res.headers.location, `/statements/${seed.bobQuote}`);
    const page = await editor.agent.get(res.headers.location).expect(200);
    assert.match(page.text, /Attribution verified/);
    assert.ok(!page.text.includes('<script>alert') && !page.text.includes('<img src=x'), 'no markup from the reason');
    assert.ok(page.text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'the reason is shown escaped');
    assert.match(page.text, /Version 2/);
  });

  it('corrects from the form: picks another speaker of the article; history shows both versions', async () => {
    const page = await editor.agent.get(`/statements/${seed.annQuote}`).expect(200);
    assert.match(page.text, new RegExp(`<option value="${seed.bobId}">Bob Other</option>`));
    const res = await form(editor, `/statements/${seed.annQuote}/correct`, {
      version: '1', speakerId: String(seed.bobId), otherSpeakerId: '', newSpeakerName: '', newSpeakerKind: 'person', roleText: '', quoteStart: '', quoteEnd: '', reason: 'On video',
    }).expect(303);
    const after = await editor.agent.get(res.headers.location!).expect(200);
    assert.match(after.text, /Correction saved/);
    const history = after.text.slice(after.text.indexOf('Attribution history'));
    assert.match(history, /Version 2<\/strong> <span class="badge status-corrected">corrected/);
    assert.match(history, /Version 1<\/strong> <span class="badge status-machine">machine/);
    assert.match(history, new RegExp(`<a href="/speakers/${seed.bobId}">Bob Other</a>`));
    assert.match(history, new RegExp(`<a href="/speakers/${seed.annId}">Ann Example</a>`));
  });

  it('shows the form problems again (422) with nothing saved, and a stale form gets the conflict page (409)', async () => {
    const bodyLength = [...seed.first.bodyText].length;
    const bad = await form(editor, `/statements/${seed.annQuote}/correct`, { version: '2', roleText: '', quoteStart: '0', quoteEnd: String(bodyLength + 1) }).expect(422);
    assert.match(bad.text, /Nothing was saved/);
    assert.match(bad.text, /<strong>quoteEnd<\/strong>: must lie inside the article text/);
    const unknown = await form(editor, `/statements/${seed.annQuote}/correct`, { version: '2', sneaky: '1' }).expect(400);
    assert.match(unknown.text, /<strong>sneaky<\/strong>/);
    const stale = await form(editor, `/statements/${seed.annQuote}/reject`, { version: '1', reason: 'old page' }).set('Referer', `/statements/${seed.annQuote}`).expect(409);
    assert.match(stale.text, /Edit conflict/);
    assert.match(stale.text, /Saved now/);
    assert.match(stale.text, /corrected/);
    assert.match(stale.text, /old page/);
    const current = (await t.handle.pool.query('select version from attributions where statement_id = $1 and is_current', [seed.annQuote])).rows[0].version;
    assert.equal(current, 2);
  });

  it('fixes a span from the form, and rejects from the form; the article page strikes it through', async () => {
    const body = seed.first.bodyText;
    const start = body.indexOf(BOB_QUOTE);
    await form(editor, `/statements/${seed.bobQuote}/correct`, { version: '2', roleText: '', quoteStart: String(start), quoteEnd: String(start + 'The plan is reckless'.length) }).expect(303);
    const api = await request(t.app).get(`/api/statements/${seed.bobQuote}`).expect(200);
    assert.equal(api.body.statement.text, 'The plan is reckless');
    await form(editor, `/statements/${seed.bobQuote}/reject`, { version: '3', rejectReason: 'not_a_statement', reason: '' }).expect(303);
    const article = await request(t.app).get(`/articles/${seed.first.id}`).expect(200);
    assert.match(article.text, /statement-rejected/);
    const page = await request(t.app).get(`/statements/${seed.bobQuote}`).expect(200);
    assert.match(page.text, /stmt-rejected/);
    assert.match(page.text, /· Not a statement<\/p>/);
  });

  it('takes suggestions from the annotator form and decisions from the editor forms', async () => {
    const annotator = await loggedIn(t, 'annotator');
    await form(annotator, `/statements/${seed.rallyQuote}/suggestions`, { version: '1', speakerId: '', otherSpeakerId: '', newSpeakerName: 'Dana <i>Doe</i>', newSpeakerKind: 'person', roleText: '', quoteStart: '', quoteEnd: '', reason: '' }).expect(303);
    const page = await editor.agent.get(`/statements/${seed.rallyQuote}`).expect(200);
    assert.match(page.text, /new speaker “Dana &lt;i&gt;Doe&lt;\/i&gt;”/);
    const id = (await t.handle.pool.query(`select id from attribution_suggestions where statement_id = $1`, [seed.rallyQuote])).rows[0].id;
    await form(annotator, `/suggestions/${id}/accept`, {}).expect(403);
    const res = await form(editor, `/suggestions/${id}/accept`, { reason: 'ok', back: '//evil.example/' }).expect(303);
    assert.equal(res.headers.location, '/', 'only a path on this site');
    const api = await request(t.app).get(`/api/statements/${seed.rallyQuote}`).expect(200);
    assert.equal(api.body.statement.speaker.name, 'Dana <i>Doe</i>');
    assert.equal(api.body.suggestions[0].status, 'accepted');
  });
});
