import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { resolveSpeakers } from '../../src/speakers/speakers.queries.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

describe('deleting speakers', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof loggedIn>>;
  let quoted: number;
  const q = (sql: string, params: unknown[] = []) => t.handle.pool.query(sql, params).then((r) => r.rows);
  const del = (u: typeof admin, id: number) => u.agent.delete(`/api/speakers/${id}`).set('x-csrf-token', u.csrfToken);

  before(async () => {
    t = await testApp();
    admin = await loggedIn(t, 'admin');
    const res = await admin.agent.post('/api/articles').set('x-csrf-token', admin.csrfToken)
      .send({ title: 'Quoted', outlet: 'Delete Tests', text: '"Nothing is decided until everything is decided," Maria Quoted said.' }).expect(201);
    quoted = (await request(t.app).get(`/api/articles/${res.body.id}`).expect(200)).body.article.statements[0].speaker.id;
  });

  it('refuses a speaker that statements point at (409, saying how many), even through an old attribution version only', async () => {
    const res = await del(admin, quoted).expect(409);
    assert.match(res.body.error, /^1 statement points at this speaker/);
    // Correct the statement to someone else: the old version still names the speaker.
    const [other] = await resolveSpeakers(t.handle.db, [{ name: 'Oscar Other', kind: 'person', aliases: [] }]);
    const [at] = await q('select * from attributions where speaker_id = $1', [quoted]);
    await q('update attributions set is_current = false where id = $1', [at.id]);
    await q('insert into attributions (statement_id, version, speaker_id, status) values ($1, 2, $2, $3)', [at.statement_id, other, 'corrected']);
    const again = await del(admin, quoted).expect(409);
    assert.match(again.body.error, /1 statement points/);
    await request(t.app).get(`/api/speakers/${quoted}`).expect(200);
  });

  it('lets only admins delete (editor, annotator, reader: 403; anonymous: 401); the page shows the button to admins only', async () => {
    const [lonely] = await resolveSpeakers(t.handle.db, [{ name: 'Lonely Speaker', kind: 'person', aliases: ['L. Speaker'] }]);
    for (const role of ['reader', 'annotator', 'editor'] as const) {
      const u = await loggedIn(t, role);
      await del(u, lonely!).expect(403);
      await u.agent.post(`/speakers/${lonely}/delete`).type('form').send({ _csrf: u.csrfToken }).expect(403);
      assert.doesNotMatch((await u.agent.get(`/speakers/${lonely}`).expect(200)).text, /Delete this speaker/);
    }
    await request(t.app).delete(`/api/speakers/${lonely}`).expect(401);
    await admin.agent.delete(`/api/speakers/${lonely}`).expect(403); // no CSRF token
    assert.match((await admin.agent.get(`/speakers/${lonely}`).expect(200)).text, /Delete this speaker/);
    assert.doesNotMatch((await admin.agent.get(`/speakers/${quoted}`).expect(200)).text, /Delete this speaker/, 'not where statements name it');
    await request(t.app).get(`/api/speakers/${lonely}`).expect(200);
  });

  it('deletes a speaker no statement names, with its aliases, and records it in the audit log', async () => {
    const [lonely] = await resolveSpeakers(t.handle.db, [{ name: 'Gone Soon', kind: 'organization', aliases: ['The Gone Soon Group'] }]);
    await del(admin, lonely!).query({ version: 5 }).expect(409); // a stale version
    const res = await del(admin, lonely!).send({ version: 1 }).expect(200);
    assert.equal(res.body.deleted.name, 'Gone Soon');
    await request(t.app).get(`/api/speakers/${lonely}`).expect(404);
    assert.equal((await q('select count(*)::int as n from speaker_aliases where speaker_id = $1', [lonely])).at(0).n, 0);
    const [audit] = await q("select before, after from audit_log where entity_type = 'speaker' and action = 'delete' and entity_id = $1", [lonely]);
    assert.deepEqual(audit.before.aliases.map((a: { alias: string }) => a.alias).sort(), ['Gone Soon', 'The Gone Soon Group']);
    assert.equal(audit.after, null);
    await del(admin, lonely!).expect(404);
    await del(admin, 999999).send({ unknown: 1 }).expect(400);
  });

  it('refuses a speaker a pending suggestion names, and one merged into another (409)', async () => {
    const [suggested] = await resolveSpeakers(t.handle.db, [{ name: 'Suggested Person', kind: 'person', aliases: [] }]);
    const [statement] = await q('select id from statements limit 1');
    await q("insert into attribution_suggestions (statement_id, base_version, speaker_id) values ($1, 1, $2)", [statement.id, suggested]);
    assert.match((await del(admin, suggested!).expect(409)).body.error, /1 pending suggestion names this speaker/);
    const [merged] = await resolveSpeakers(t.handle.db, [{ name: 'Merged Person', kind: 'person', aliases: [] }]);
    await admin.agent.post(`/api/speakers/${quoted}/merge`).set('x-csrf-token', admin.csrfToken)
      .send({ otherSpeakerId: merged, version: (await q('select version from speakers where id = $1', [quoted]))[0].version, otherVersion: 1 }).expect(201);
    assert.match((await del(admin, merged!).expect(409)).body.error, /was merged into speaker/);
  });

  it('deletes from the page form (303 to the speaker list)', async () => {
    const [lonely] = await resolveSpeakers(t.handle.db, [{ name: 'Form Deleted', kind: 'person', aliases: [] }]);
    const res = await admin.agent.post(`/speakers/${lonely}/delete`).type('form').send({ _csrf: admin.csrfToken }).expect(303);
    assert.equal(res.headers.location, '/speakers');
    await request(t.app).get(`/speakers/${lonely}`).expect(404);
  });
});
