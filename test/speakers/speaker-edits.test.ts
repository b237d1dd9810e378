import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

const XSS = '<img src=x onerror=alert(1)> Dr. <script>alert("x")</script> O\'Brien; drop table speakers; --';

describe('editing speakers', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  let speakerId: number;
  const patch = (id: number, body: object) => editor.agent.patch(`/api/speakers/${id}`).set('x-csrf-token', editor.csrfToken).send(body);
  const profile = async (id: number) => (await request(t.app).get(`/api/speakers/${id}`).expect(200)).body.speaker;
  const aliases = async (id: number) =>
    (await t.handle.pool.query('select alias from speaker_aliases where speaker_id = $1 order by alias', [id])).rows.map((r) => r.alias);

  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
    const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken)
      .send({ title: 'Tony speaks', outlet: 'Edit Tests', published: '2024-02-02', text: '"We stand ready to talk to anyone at any time," Tony Blinkin said on Friday.' }).expect(201);
    const article = await request(t.app).get(`/api/articles/${res.body.id}`).expect(200);
    speakerId = article.body.article.statements[0].speaker.id;
  });

  it('renames a speaker (API): the old name stays an alias, search finds it by both, the audit log records it', async () => {
    const res = await patch(speakerId, { version: 1, name: 'Antony Blinken' }).expect(200);
    assert.deepEqual(res.body.speaker, { id: speakerId, name: 'Antony Blinken', kind: 'person', version: 2, mergedInto: null });
    assert.deepEqual(await aliases(speakerId), ['Antony Blinken', 'Tony Blinkin']);
    for (const name of ['Antony Blinken', 'Tony Blinkin']) {
      const search = await request(t.app).get('/api/search').query({ speaker: name }).expect(200);
      assert.equal(search.body.hits[0]?.speaker.name, 'Antony Blinken', name);
    }
    const [audit] = (await t.handle.pool.query("select before, after, user_id from audit_log where entity_type = 'speaker' and entity_id = $1 and action = 'update'", [speakerId])).rows;
    assert.equal(audit.before.name, 'Tony Blinkin');
    assert.equal(audit.after.name, 'Antony Blinken');
    assert.ok(audit.user_id);
  });

  it('answers 409 with both versions for a stale version, and saves nothing', async () => {
    const res = await patch(speakerId, { version: 1, kind: 'organization' }).expect(409);
    assert.equal(res.body.current.version, 2);
    assert.equal(res.body.current.kind, 'person');
    assert.equal(res.body.submitted.kind, 'organization');
    assert.equal((await profile(speakerId)).kind, 'person');
    // The form gets the conflict page.
    const page = await editor.agent.post(`/speakers/${speakerId}/edit`).type('form')
      .send({ _csrf: editor.csrfToken, version: '1', name: 'Someone', kind: 'person' }).expect(409);
    assert.match(page.text, /Edit conflict/);
    assert.match(page.text, /Someone/);
  });

  it('refuses bad input naming the field: empty or overlong name, control characters, bad kind, unknown fields', async () => {
    const cases: [object, string, number][] = [
      [{ version: 2, name: '   ' }, 'name', 400],
      [{ version: 2, name: 'x'.repeat(301) }, 'name', 400],
      [{ version: 2, name: 'A\u0000B' }, 'name', 400],
      [{ version: 2, kind: 'robot' }, 'kind', 400],
      [{ version: 2, name: 'Fine Name', admin: true }, 'admin', 400],
      [{ name: 'Fine Name' }, 'version', 400],
      [{ version: 2 }, 'name', 400],
      [{ version: 2, name: '!!!' }, 'name', 422],
    ];
    for (const [body, field, status] of cases) {
      const res = await patch(speakerId, body).expect(status);
      assert.ok(res.body.issues.some((i: { field: string }) => i.field === field), `${JSON.stringify(body)}: ${JSON.stringify(res.body.issues)}`);
    }
    const query = await editor.agent.patch(`/api/speakers/${speakerId}?force=1`).set('x-csrf-token', editor.csrfToken).send({ version: 2, name: 'Fine Name' }).expect(400);
    assert.equal(query.body.issues[0].field, 'force');
    const form = await editor.agent.post(`/speakers/${speakerId}/edit`).type('form').send({ _csrf: editor.csrfToken, version: '2', name: '', kind: 'person' }).expect(400);
    assert.match(form.text, /<p class="error" id="error-name">must not be empty<\/p>/);
    assert.equal((await profile(speakerId)).version, 2);
  });

  it('refuses readers and annotators (403), anonymous callers (401) and a missing CSRF token (403)', async () => {
    for (const role of ['reader', 'annotator'] as const) {
      const u = await loggedIn(t, role);
      await u.agent.patch(`/api/speakers/${speakerId}`).set('x-csrf-token', u.csrfToken).send({ version: 2, name: 'Nope' }).expect(403);
      await u.agent.post(`/speakers/${speakerId}/edit`).type('form').send({ _csrf: u.csrfToken, version: '2', name: 'Nope', kind: 'person' }).expect(403);
      const page = await u.agent.get(`/speakers/${speakerId}`).expect(200);
      assert.doesNotMatch(page.text, /\/edit"/, `${role} sees no edit form`);
    }
    await request(t.app).patch(`/api/speakers/${speakerId}`).send({ version: 2, name: 'Nope' }).expect(401);
    await editor.agent.patch(`/api/speakers/${speakerId}`).send({ version: 2, name: 'Nope' }).expect(403);
    assert.equal((await profile(speakerId)).canonicalName, 'Antony Blinken');
  });

  it('edits from the page form (303, flash) and changes the kind', async () => {
    const page = await editor.agent.get(`/speakers/${speakerId}`).expect(200);
    assert.match(page.text, new RegExp(`action="/speakers/${speakerId}/edit"`));
    const version = page.text.match(/name="version" value="(\d+)"/)![1];
    const res = await editor.agent.post(`/speakers/${speakerId}/edit`).type('form')
      .send({ _csrf: editor.csrfToken, version, name: 'Antony Blinken', kind: 'organization' }).expect(303);
    assert.equal(res.headers.location, `/speakers/${speakerId}`);
    const after = await editor.agent.get(`/speakers/${speakerId}`).expect(200);
    assert.match(after.text, /Saved: Antony Blinken \(organization\)/);
    assert.equal((await profile(speakerId)).kind, 'organization');
  });

  it('shows an XSS payload in a speaker name as inert text, and stores SQL metacharacters verbatim', async () => {
    const { version } = await profile(speakerId);
    await patch(speakerId, { version, name: XSS }).expect(200);
    assert.equal((await profile(speakerId)).canonicalName, XSS);
    const page = await request(t.app).get(`/speakers/${speakerId}`).expect(200);
    assert.doesNotMatch(page.text, /<img src=x/);
    assert.doesNotMatch(page.text, /<script>alert/);
    assert.match(page.text, /<h1>&lt;img src&#x3D;x onerror&#x3D;alert\(1\)&gt; Dr\. &lt;script&gt;/);
    const editorPage = await editor.agent.get(`/speakers/${speakerId}`).expect(200);
    assert.doesNotMatch(editorPage.text, /<img src=x/, 'nor in the edit form');
    const list = await request(t.app).get('/speakers').query({ q: 'Brien' }).expect(200);
    assert.doesNotMatch(list.text, /<script>alert/);
  });
});
