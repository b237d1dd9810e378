import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { appOn, loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { annotatedArticle, api, BODY, type Client, users, webAnnotationShape } from './fixture.ts';

// Where an annotation points: a statement annotation keeps the words it was made on, and the
// JSON-LD ids use the configured origin, never the client's Host header.

const codePoints = (s: string) => Array.from(s).length;

describe('annotation targets and ids', () => {
  let t: TestApp;
  let fixture: Awaited<ReturnType<typeof annotatedArticle>>;
  let author: Client, editor: Client;

  before(async () => {
    t = await testApp();
    fixture = await annotatedArticle(t.handle.db);
    [author, editor] = await users(t, 'annotator', 'editor');
  });

  it('keeps a statement annotation on the words it was made on when an editor corrects the span', async () => {
    const words = 'We will never pay the ransom';
    const start = codePoints(BODY.slice(0, BODY.indexOf(words)));
    const created = await api(author).post('/api/annotations', { statementId: fixture.quoteId, note: 'On the quote', visibility: 'shared' }).expect(201);
    const target = webAnnotationShape.parse(created.body).target;
    assert.deepEqual(target.selector[1], { type: 'TextPositionSelector', start, end: start + codePoints(words) });
    assert.equal(target.selector[0].exact, words);

    // The editor widens the span to take in the closing comma.
    await api(editor).post(`/api/statements/${fixture.quoteId}/correct`, { version: 1, quoteStart: start, quoteEnd: start + codePoints(words) + 1 }).expect(201);
    const span = await t.handle.db.selectFrom('statements').select(['start_offset', 'end_offset']).where('id', '=', fixture.quoteId).executeTakeFirstOrThrow();
    assert.equal(span.end_offset, start + codePoints(words) + 1, 'the statement moved');

    const again = await api(author).get(new URL(created.body.id).pathname).expect(200);
    assert.deepEqual(webAnnotationShape.parse(again.body).target, target, 'the annotation did not');

    // The statement page shows the words it was made on, in their place in the body.
    const id = created.body.id.split('/').at(-1);
    const page = await author.agent.get(`/statements/${fixture.quoteId}`).expect(200);
    const note = page.text.slice(page.text.indexOf(`id="annotation-${id}"`));
    assert.match(note, new RegExp(`data-passage-start="${start}" data-passage-end="${start + codePoints(words)}">${words}</blockquote>`));
    assert.match(note, /Made on these words, before the statement’s span was corrected\./);
    const fresh = await api(author).post('/api/annotations', { statementId: fixture.quoteId, note: 'after the fix' }).expect(201);
    const freshPage = await author.agent.get(`/statements/${fixture.quoteId}`).expect(200);
    const freshNote = freshPage.text.slice(freshPage.text.indexOf(`id="annotation-${fresh.body.id.split('/').at(-1)}"`));
    assert.doesNotMatch(freshNote.slice(0, freshNote.indexOf('</article>')), /blockquote|Made on these words/, 'one on the current span shows no quote');
  });

  it('falls back to the statement\'s current span for an annotation stored without selectors', async () => {
    const created = await api(author).post('/api/annotations', { statementId: fixture.claimId, note: 'old row', visibility: 'shared' }).expect(201);
    const id = Number(created.body.id.split('/').at(-1));
    await t.handle.db.updateTable('annotations').set({ selector_exact: null, selector_prefix: null, selector_suffix: null, position_start: null, position_end: null }).where('id', '=', id).execute();
    const words = 'denied that talks had taken place';
    const start = codePoints(BODY.slice(0, BODY.indexOf(words)));
    const res = await api(author).get(`/api/annotations/${id}`).expect(200);
    const target = webAnnotationShape.parse(res.body).target;
    assert.deepEqual(target.selector[1], { type: 'TextPositionSelector', start, end: start + codePoints(words) });
    assert.equal(target.selector[0].exact, words);
  });

  it('builds ids from the configured origin, never from a forged Host header', async () => {
    const created = await api(author).post('/api/annotations', { statementId: fixture.quoteId, tags: ['host'], visibility: 'shared' }).set('Host', 'evil.example').expect(201);
    const id = Number(created.body.id.split('/').at(-1));
    const one = await author.agent.get(`/api/annotations/${id}`).set('Host', 'evil.example').expect(200);
    const list = await author.agent.get('/api/annotations?tag=host').set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example').expect(200);
    for (const body of [created.body, one.body, list.body]) assert.doesNotMatch(JSON.stringify(body), /evil\.example/);
    assert.equal(one.body.id, `http://127.0.0.1:3000/api/annotations/${id}`, 'unset: the listen address (HOST:PORT)');
    assert.doesNotMatch(created.headers.location!, /evil/);

    const site = appOn(t.handle, { PUBLIC_URL: 'https://verbatim.example.org/' });
    const visitor = await loggedIn(site, 'reader');
    const res = await visitor.agent.get(`/api/annotations/${id}`).set('Host', 'evil.example').expect(200);
    const a = webAnnotationShape.parse(res.body);
    assert.equal(a.id, `https://verbatim.example.org/api/annotations/${id}`);
    assert.equal(a.target.source, `https://verbatim.example.org/articles/${fixture.article.id}`);
    assert.equal(a.creator.id, `acct:${author.username}@verbatim.example.org`);
  });

  it('reads PUBLIC_URL as an http(s) origin only', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://verbatim.example.org' }).publicOrigin, 'https://verbatim.example.org');
    assert.equal(loadConfig({ PUBLIC_URL: 'http://localhost:8080/' }).publicOrigin, 'http://localhost:8080');
    assert.equal(loadConfig({ HOST: '0.0.0.0', PORT: '8000' }).publicOrigin, 'http://localhost:8000');
    assert.equal(loadConfig({ HOST: '::1', PORT: '8000' }).publicOrigin, 'http://[::1]:8000');
    for (const bad of ['verbatim.example.org', 'ftp://verbatim.example.org', 'https://verbatim.example.org/app', 'https://u:p@verbatim.example.org', 'https://verbatim.example.org/?x=1', 'javascript:alert(1)']) {
      assert.throws(() => loadConfig({ PUBLIC_URL: bad }), (err: unknown) => err instanceof ConfigError && /PUBLIC_URL/.test(err.message), bad);
    }
  });
});
