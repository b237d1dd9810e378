import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadStatementAnnotations } from '../../src/annotations/statement-annotations.ts';
import { type TestApp, testApp } from '../helpers/app.ts';
import { annotatedArticle, api, type Client, passageOf, users } from './fixture.ts';

const XSS_NOTE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [ok](https://example.org/x) **bold**';

/** The CSRF token of a page's form. */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

describe('annotation pages and forms', () => {
  let t: TestApp;
  let fixture: Awaited<ReturnType<typeof annotatedArticle>>;
  let author: Client, other: Client, editor: Client;
  const count = async () => Number((await t.handle.pool.query('select count(*) from annotations')).rows[0].count);

  before(async () => {
    t = await testApp();
    fixture = await annotatedArticle(t.handle.db);
    [author, other, editor] = await users(t, 'annotator', 'annotator', 'editor');
  });

  it('creates from the statement form and from the passage form, redirecting to the annotation', async () => {
    const form = { _csrf: author.csrfToken, statementId: String(fixture.claimId), note: 'A *note*', tags: 'One, two', verdict: '', claimRating: 'mixed', ratingExplanation: 'partly', evidenceUrls: 'https://example.org/1\nhttp://example.org/2', visibility: 'shared' };
    const res = await author.agent.post('/annotations').type('form').send(form).expect(303);
    assert.match(res.headers.location!, new RegExp(`^/statements/${fixture.claimId}#annotation-\\d+$`));
    const passage = passageOf('the minister said');
    const res2 = await author.agent.post('/annotations').type('form').send({ _csrf: author.csrfToken, articleId: String(fixture.article.id), ...passage, start: String(passage.start), end: String(passage.end), note: 'passage', visibility: 'private' }).expect(303);
    assert.match(res2.headers.location!, new RegExp(`^/articles/${fixture.article.id}#annotation-\\d+$`));
    const stored = await t.handle.db.selectFrom('annotations').select(['tags', 'claim_rating', 'evidence_urls', 'visibility']).orderBy('id').execute();
    assert.deepEqual(stored[0], { tags: ['one', 'two'], claim_rating: 'mixed', evidence_urls: ['https://example.org/1', 'http://example.org/2'], visibility: 'shared' });
    const article = await author.agent.get(`/articles/${fixture.article.id}`).expect(200);
    assert.match(article.text, /data-passage-start="\d+" data-passage-end="\d+">the minister said<\/blockquote>/);
  });

  it('re-renders the form with the problems (422) or refuses unknown fields (400), storing nothing; needs CSRF', async () => {
    const before = await count();
    const passage = passageOf('the minister said');
    const bad = await author.agent.post('/annotations').type('form').send({ _csrf: author.csrfToken, articleId: String(fixture.article.id), ...passage, exact: 'the minister sang', start: String(passage.start), end: String(passage.end), note: 'n' }).expect(422);
    assert.match(bad.text, /selector\.exact: does not match the article text/);
    assert.match(bad.text, /value="the minister sang"/, 'the values come back');
    const url = await author.agent.post('/annotations').type('form').send({ _csrf: author.csrfToken, statementId: String(fixture.quoteId), note: 'my note', evidenceUrls: 'javascript:alert(1)' }).expect(422);
    assert.match(url.text, /evidenceUrls: must be an http/);
    assert.match(url.text, />my note<\/textarea>/);
    const long = await author.agent.post('/annotations').type('form').send({ _csrf: author.csrfToken, statementId: String(fixture.quoteId), note: 'x'.repeat(20_001) }).expect(422);
    assert.match(long.text, /note: must be at most 20,000 characters/);
    await author.agent.post('/annotations').type('form').send({ _csrf: author.csrfToken, statementId: String(fixture.quoteId), colour: 'red' }).expect(400);
    await author.agent.post('/annotations').type('form').send({ _csrf: author.csrfToken, statementId: String(fixture.quoteId), tags: 'a\u0001b' }).expect(422);
    await author.agent.post('/annotations').type('form').send({ statementId: String(fixture.quoteId), note: 'no token' }).expect(403);
    await author.agent.post('/annotations').type('form').send({ _csrf: 'forged', statementId: String(fixture.quoteId), note: 'bad token' }).expect(403);
    assert.equal(await count(), before);
  });

  it('edits through the edit form on its version, shows the conflict page for a stale one, deletes and hides', async () => {
    const created = await api(author).post('/api/annotations', { statementId: fixture.quoteId, note: 'v1', visibility: 'shared' }).expect(201);
    const id = Number(created.body.id.split('/').at(-1));
    const edit = await author.agent.get(`/annotations/${id}/edit`).expect(200);
    assert.match(edit.text, /name="version" value="1"/);
    assert.doesNotMatch(edit.text, /name="claimRating"/, 'a quote is not rated');
    await other.agent.get(`/annotations/${id}/edit`).expect(403);
    const csrf = csrfOf(edit.text);
    await author.agent.post(`/annotations/${id}`).type('form').send({ _csrf: csrf, version: '1', note: 'v2', visibility: 'shared' }).expect(303);
    const conflict = await author.agent.post(`/annotations/${id}`).type('form').set('Accept', 'text/html').send({ _csrf: csrf, version: '1', note: 'stale edit', visibility: 'shared' }).expect(409);
    assert.match(conflict.text, /Edit conflict/);
    assert.match(conflict.text, /<dd>v2<\/dd>/);
    assert.match(conflict.text, /<dd>stale edit<\/dd>/);
    await other.agent.post(`/annotations/${id}`).type('form').send({ _csrf: other.csrfToken, version: '2', note: 'not mine' }).expect(403);
    const invalid = await author.agent.post(`/annotations/${id}`).type('form').send({ _csrf: csrf, version: '2', note: 'v3', tags: 'bad\u0002tag' }).expect(422);
    assert.match(invalid.text, /tags: must not contain control characters/);
    assert.match(invalid.text, />v3<\/textarea>/);

    await other.agent.post(`/annotations/${id}/hide`).type('form').send({ _csrf: other.csrfToken, hidden: 'true' }).expect(403);
    await editor.agent.post(`/annotations/${id}/hide`).type('form').send({ _csrf: editor.csrfToken, hidden: 'true' }).expect(303);
    assert.deepEqual(await loadStatementAnnotations(t.handle.db, fixture.quoteId, { id: 0, username: 'x', role: 'annotator' }), []);

    await author.agent.post(`/annotations/${id}/delete`).type('form').send({ _csrf: csrf, version: '1' }).expect(409);
    const gone = await author.agent.post(`/annotations/${id}/delete`).type('form').send({ _csrf: csrf, version: '2' }).expect(303);
    assert.equal(gone.headers.location, `/statements/${fixture.quoteId}`);
    assert.equal(await t.handle.db.selectFrom('annotations').select('id').where('id', '=', id).executeTakeFirst(), undefined);
  });

  it('renders notes, tags and links inert in the statement partial and on the article page', async () => {
    const created = await api(author).post('/api/annotations', { statementId: fixture.claimId, note: XSS_NOTE, tags: ['<b onmouseover=alert(4)>t</b>'], evidenceUrls: ['https://example.org/"><script>alert(5)</script>'], visibility: 'shared', claimRating: 'false', ratingExplanation: '<i>why</i>' }).expect(201);
    const viewer = { id: (await t.handle.db.selectFrom('users').select('id').where('username', '=', other.username).executeTakeFirstOrThrow()).id, username: other.username, role: 'annotator' as const };
    const annotations = await loadStatementAnnotations(t.handle.db, fixture.claimId, viewer);
    assert.ok(annotations.some((a) => a.id === Number(created.body.id.split('/').at(-1))), 'the shared annotation is loaded for another user');
    const html = await new Promise<string>((resolve, reject) => t.app.render('partials/statement-annotations', { layout: false, annotations, user: viewer, csrfToken: 'tok', statement: { id: fixture.claimId, kind: 'claim' } }, (err, out) => (err ? reject(err) : resolve(out!))));
    for (const inert of [/<script>alert/, /<img[^>]*onerror/, /href="javascript:/i, /<b onmouseover/, /<i>why/]) assert.doesNotMatch(html, inert);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /<a href="https:\/\/example.org\/x" rel="nofollow noopener noreferrer ugc">ok<\/a>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /name="statementId" value="\d+"/, 'the create form');
    assert.match(html, /name="claimRating"/, 'a claim can be rated');
    const quoteHtml = await new Promise<string>((resolve, reject) => t.app.render('partials/statement-annotations', { layout: false, annotations: [], user: viewer, csrfToken: 'tok', statement: { id: fixture.quoteId, kind: 'quote' } }, (err, out) => (err ? reject(err) : resolve(out!))));
    assert.doesNotMatch(quoteHtml, /name="claimRating"/, 'a quote has no claim rating');

    // The statement page (src/review/) renders the partial with the annotations and the form.
    const statementPage = await other.agent.get(`/statements/${fixture.claimId}`).expect(200);
    assert.match(statementPage.text, new RegExp(`id="annotation-${created.body.id.split('/').at(-1)}"`));
    assert.match(statementPage.text, /<form method="post" action="\/annotations"/);
    for (const inert of [/<script>alert/, /<img[^>]*onerror/, /href="javascript:/i, /<b onmouseover/]) assert.doesNotMatch(statementPage.text, inert);
    const { default: request } = await import('supertest');
    const anonymous = await request(t.app).get(`/statements/${fixture.claimId}`).expect(200);
    assert.match(anonymous.text, new RegExp(`id="annotation-${created.body.id.split('/').at(-1)}"`), 'a shared annotation is read without logging in');
    assert.doesNotMatch(anonymous.text, /action="\/annotations"/, 'but not written');

    const passage = await api(author).post('/api/annotations', { articleId: fixture.article.id, selector: passageOf('Analysts said'), note: XSS_NOTE, visibility: 'shared' }).expect(201);
    const page = await other.agent.get(`/articles/${fixture.article.id}`).expect(200);
    assert.match(page.text, new RegExp(`id="annotation-${passage.body.id.split('/').at(-1)}"`));
    for (const inert of [/<script>alert/, /<img[^>]*onerror/, /href="javascript:/i]) assert.doesNotMatch(page.text, inert);
    const anonymousPage = await request(t.app).get(`/articles/${fixture.article.id}`).expect(200);
    assert.match(anonymousPage.text, new RegExp(`id="annotation-${passage.body.id.split('/').at(-1)}"`), 'shared passage notes are open to read');
    assert.doesNotMatch(anonymousPage.text, /data-text=|id="annotate-passage"/, 'no selection form (nor the text it needs) for visitors');
    assert.match(page.text, /<script src="\/static\/annotate.js" defer><\/script>/);
  });
});
