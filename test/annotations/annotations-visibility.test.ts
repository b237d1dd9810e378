import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { type TestApp, testApp } from '../helpers/app.ts';
import { annotatedArticle, annotationPageShape, api, type Client, users } from './fixture.ts';

describe('who sees and changes an annotation', () => {
  let t: TestApp;
  let fixture: Awaited<ReturnType<typeof annotatedArticle>>;
  let author: Client, other: Client, reader: Client, editor: Client;
  let privateId: number, sharedId: number;
  const ids = async (c: Client, query = '') => {
    const res = await api(c).get(`/api/annotations?statement=${fixture.quoteId}${query}`).expect(200);
    return annotationPageShape.parse(res.body).items.map((i) => Number(i.id.split('/').at(-1))).sort((a, b) => a - b);
  };
  const status = async (c: Client, id: number) => (await api(c).get(`/api/annotations/${id}`)).status;

  before(async () => {
    t = await testApp();
    fixture = await annotatedArticle(t.handle.db);
    [author, other, reader, editor] = await users(t, 'annotator', 'annotator', 'reader', 'editor');
    const create = async (visibility: string) => Number((await api(author).post('/api/annotations', { statementId: fixture.quoteId, note: visibility, visibility }).expect(201)).body.id.split('/').at(-1));
    privateId = await create('private');
    sharedId = await create('shared');
  });

  it('shows a private annotation to its author only, a shared one to every reader, logged in or not', async () => {
    assert.deepEqual(await ids(author), [privateId, sharedId]);
    for (const c of [other, reader, editor]) {
      assert.deepEqual(await ids(c), [sharedId], `${c.role} sees the shared one only`);
      assert.equal(await status(c, privateId), 404);
      assert.equal(await status(c, sharedId), 200);
    }
    // Reading is open: a visitor who is not logged in sees the shared one, never the private one.
    await request(t.app).get(`/api/annotations/${sharedId}`).expect(200);
    await request(t.app).get(`/api/annotations/${privateId}`).expect(404);
    const anonymousList = (await request(t.app).get('/api/annotations').expect(200)).body.items as { id: string }[];
    assert.deepEqual(anonymousList.map((i) => Number(i.id.split('/').at(-1))), [sharedId]);
  });

  it('lets only the author edit or delete: 403 on a shared annotation of someone else, 404 on a private one', async () => {
    for (const c of [other, editor]) {
      assert.equal((await api(c).patch(`/api/annotations/${sharedId}`, { version: 1, note: 'mine now' })).status, 403);
      assert.equal((await api(c).delete(`/api/annotations/${sharedId}`, { version: 1 })).status, 403);
      assert.equal((await api(c).patch(`/api/annotations/${privateId}`, { version: 1, note: 'mine now' })).status, 404);
      assert.equal((await api(c).delete(`/api/annotations/${privateId}`, { version: 1 })).status, 404);
    }
    assert.equal((await api(reader).patch(`/api/annotations/${sharedId}`, { version: 1, note: 'x' })).status, 403, 'a reader may not write');
    await api(author).patch('/api/annotations/999999', { version: 1 }).expect(404);
    await api(author).patch('/api/annotations/abc', { version: 1 }).expect(404);
    const row = await t.handle.db.selectFrom('annotations').select(['body', 'version']).where('id', '=', sharedId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { body: 'shared', version: 1 });
  });

  it('lets an editor hide a shared annotation from everyone but its author and editors, and show it again', async () => {
    await api(other).post(`/api/annotations/${sharedId}/hide`, { hidden: true }).expect(403);
    await api(editor).post(`/api/annotations/${sharedId}/hide`, { hidden: 'yes' }).expect(422);
    await api(editor).post(`/api/annotations/${sharedId}/hide`, { hidden: true, why: 'x' }).expect(400);
    const hidden = await api(editor).post(`/api/annotations/${sharedId}/hide`, { hidden: true }).expect(200);
    assert.equal(hidden.body.verbatim.hidden, true);
    assert.equal(hidden.body.verbatim.version, 1, 'hiding is moderation, not a new version of the content');
    assert.deepEqual(await ids(other), []);
    assert.deepEqual(await ids(reader), []);
    assert.equal(await status(other, sharedId), 404);
    assert.deepEqual(await ids(author), [privateId, sharedId]);
    assert.deepEqual(await ids(editor), [sharedId]);
    assert.equal((await api(author).get(`/api/annotations/${sharedId}`).expect(200)).body.verbatim.hidden, true);
    // The hidden one's author still edits it; others still may not.
    await api(author).patch(`/api/annotations/${sharedId}`, { version: 1, note: 'shared, edited' }).expect(200);
    await api(other).patch(`/api/annotations/${sharedId}`, { version: 2, note: 'x' }).expect(404);

    await api(editor).post(`/api/annotations/${privateId}/hide`, { hidden: true }).expect(404);
    const own = await api(editor).post('/api/annotations', { statementId: fixture.quoteId, note: 'editor private' }).expect(201);
    const ownPath = new URL(own.body.id).pathname;
    const refused = await api(editor).post(`${ownPath}/hide`, { hidden: true }).expect(422);
    assert.equal(refused.body.issues[0].field, 'hidden');

    await api(editor).post(`/api/annotations/${sharedId}/hide`, { hidden: false }).expect(200);
    assert.deepEqual(await ids(other), [sharedId]);
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'annotation').where('entity_id', '=', sharedId).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['create', 'hide', 'update', 'unhide']);
    assert.equal((audit[1]!.before as { hidden: boolean }).hidden, false);
    assert.equal((audit[1]!.after as { hidden: boolean }).hidden, true);
  });

  it('takes an API token without CSRF, as its user', async () => {
    const { createApiToken } = await import('../../src/auth/api-tokens.ts');
    const user = await t.handle.db.selectFrom('users').select('id').where('username', '=', other.username).executeTakeFirstOrThrow();
    const token = await createApiToken(t.handle.db, user.id, 'script');
    const res = await request(t.app).post('/api/annotations').set('Authorization', `Bearer ${token.secret}`).send({ statementId: fixture.claimId, note: 'from a script', claimRating: 'false' }).expect(201);
    assert.equal(res.body.creator.nickname, other.username);
  });
});
