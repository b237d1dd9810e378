import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { createTestUser, loggedIn, TEST_PASSWORD, type TestApp, testApp } from '../helpers/app.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

describe('admin user management', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof loggedIn>>;
  before(async () => {
    t = await testApp();
    admin = await loggedIn(t, 'admin');
  });

  const userRow = async (username: string) => (await t.handle.pool.query('select * from users where lower(username) = lower($1)', [username])).rows[0];
  const patch = (id: number, body: unknown) => admin.agent.patch(`/api/users/${id}`).set('x-csrf-token', admin.csrfToken).send(body as object);

  it('creates a user from the page: the password hashed, the new user can log in, the write audited', async () => {
    const page = await admin.agent.get('/admin/users').expect(200);
    assert.match(page.text, new RegExp(`<th scope="row">${admin.username} <span class="badge">you</span>`));
    const res = await admin.agent.post('/admin/users').type('form').send({ _csrf: csrfOf(page.text), username: 'Page_Made', password: 'a long enough password', role: 'annotator' }).expect(303);
    assert.equal(res.headers.location, '/admin/users');
    assert.match((await admin.agent.get('/admin/users').expect(200)).text, /Created user Page_Made \(annotator\)/);
    const row = await userRow('page_made');
    assert.equal(row.role, 'annotator');
    assert.ok(await verifyPassword(row.password_hash, 'a long enough password'));
    await request(t.app).post('/api/login').send({ username: 'page_made', password: 'a long enough password' }).expect(200);
    const audit = (await t.handle.pool.query("select * from audit_log where entity_type = 'user' and entity_id = $1", [row.id])).rows;
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'create');
    assert.deepEqual(audit[0].after, { id: row.id, username: 'Page_Made', role: 'annotator', disabled: false, version: 1 });
    assert.doesNotMatch(JSON.stringify(audit), /argon2|long enough/, 'no password nor hash in the audit log');
  });

  it("keeps a write's message for the page it redirects to: the browser's icon or script requests racing that page do not take it", async () => {
    const page = await admin.agent.get('/admin/users').expect(200);
    await admin.agent.post('/admin/users').type('form').send({ _csrf: csrfOf(page.text), username: 'raced_flash', password: 'a long enough password', role: 'reader' }).expect(303);
    await admin.agent.get('/favicon.ico').set('Accept', 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8').expect(404);
    await admin.agent.get('/api/users').set('Accept', '*/*').expect(200);
    const shown = await admin.agent.get('/admin/users').set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').expect(200);
    assert.match(shown.text, /role="status">Created user raced_flash \(reader\)/);
    assert.doesNotMatch((await admin.agent.get('/admin/users').expect(200)).text, /Created user raced_flash/, 'shown once');
  });

  it('creates users with the API (201), refuses a taken name in any case (422 naming username) and bad fields (400)', async () => {
    const res = await admin.agent.post('/api/users').set('x-csrf-token', admin.csrfToken).send({ username: 'api_made', password: 'a long enough password', role: 'editor' }).expect(201);
    assert.equal(res.body.user.username, 'api_made');
    assert.equal(res.body.user.role, 'editor');
    assert.equal(res.body.user.version, 1);
    assert.equal(res.body.user.passwordHash, undefined);
    const dup = await admin.agent.post('/api/users').set('x-csrf-token', admin.csrfToken).send({ username: 'API_MADE', password: 'another long password', role: 'reader' }).expect(422);
    assert.deepEqual(dup.body.issues.map((i: { field: string }) => i.field), ['username']);
    for (const [body, field] of [
      [{ username: 'x', password: 'a long enough password', role: 'reader' }, 'username'],
      [{ username: 'shorty', password: 'short', role: 'reader' }, 'password'],
      [{ username: 'kingly', password: 'a long enough password', role: 'king' }, 'role'],
      [{ username: 'extra', password: 'a long enough password', role: 'reader', admin: true }, 'admin'],
    ] as const) {
      const bad = await admin.agent.post('/api/users').set('x-csrf-token', admin.csrfToken).send(body).expect(400);
      assert.ok(bad.body.issues.some((i: { field: string }) => i.field === field), `${field} is named: ${JSON.stringify(bad.body)}`);
    }
    // The page re-renders its form with the error, the name kept and the password not.
    const page = await admin.agent.get('/admin/users');
    const again = await admin.agent.post('/admin/users').type('form').send({ _csrf: csrfOf(page.text), username: 'api_made', password: 'a long enough password', role: 'reader' }).expect(422);
    assert.match(again.text, /username: is taken/);
    assert.match(again.text, /id="new-username" type="text" name="username" value="api_made"/);
    assert.doesNotMatch(again.text, /a long enough password/);
  });

  it('changes a role on the version it was made on; a stale version answers 409 with both versions', async () => {
    const name = await createTestUser(t, 'reader');
    const { id } = await userRow(name);
    const list = await admin.agent.get('/api/users').expect(200);
    const listed = list.body.users.find((u: { id: number }) => u.id === id);
    assert.deepEqual({ role: listed.role, disabled: listed.disabled, version: listed.version }, { role: 'reader', disabled: false, version: 1 });
    const res = await patch(id, { version: 1, role: 'editor' }).expect(200);
    assert.equal(res.body.user.role, 'editor');
    assert.equal(res.body.user.version, 2);
    const stale = await patch(id, { version: 1, role: 'admin' }).expect(409);
    assert.equal(stale.body.current.role, 'editor');
    assert.equal(stale.body.current.version, 2);
    assert.equal(stale.body.submitted.role, 'admin');
    assert.equal((await userRow(name)).role, 'editor', 'nothing was saved');

    // The page's form carries the version too: a stale one shows the conflict page.
    const page = await admin.agent.get('/admin/users');
    const conflict = await admin.agent.post(`/admin/users/${id}`).type('form').send({ _csrf: csrfOf(page.text), version: '1', role: 'annotator' }).expect(409);
    assert.match(conflict.text, /Edit conflict/);
    assert.match(conflict.text, /<dt>role<\/dt><dd>editor<\/dd>/);
    assert.match(conflict.text, /<dt>role<\/dt><dd>annotator<\/dd>/);
    await admin.agent.post(`/admin/users/${id}`).type('form').send({ _csrf: csrfOf(page.text), version: '2', role: 'annotator' }).expect(303);
    assert.equal((await userRow(name)).role, 'annotator');
    assert.equal((await userRow(name)).disabled, false, 'no checkbox: enabled');
    const actions = (await t.handle.pool.query("select action, before->>'role' as b, after->>'role' as a from audit_log where entity_type = 'user' and entity_id = $1 order by id", [id])).rows;
    assert.deepEqual(actions, [{ action: 'change_role', b: 'reader', a: 'editor' }, { action: 'change_role', b: 'editor', a: 'annotator' }]);
    await patch(id, { version: 3 }).expect(400);
    await patch(id, { version: 3, role: 'reader', username: 'renamed' }).expect(400);
    await patch(999999, { version: 1, role: 'reader' }).expect(404);
  });

  it('disabling a user logs out their sessions at once and their API token answers 401', async () => {
    const victim = await loggedIn(t, 'editor');
    const { id, version } = await userRow(victim.username);
    const other = request.agent(t.app);
    await other.post('/api/login').send({ username: victim.username, password: TEST_PASSWORD }).expect(200);
    const tokenRes = await victim.agent.post('/api/tokens').set('x-csrf-token', victim.csrfToken).send({ name: 'script' }).expect(201);
    const bearer = `Bearer ${tokenRes.body.token}`;
    await request(t.app).get('/api/tokens').set('Authorization', bearer).expect(200);

    const page = await admin.agent.get('/admin/users');
    await admin.agent.post(`/admin/users/${id}`).type('form').send({ _csrf: csrfOf(page.text), version: String(version), role: 'editor', disabled: 'on' }).expect(303);
    assert.equal((await userRow(victim.username)).disabled, true);
    const sessions = await t.handle.pool.query("select 1 from sessions where sess -> 'passport' ->> 'user' = $1", [String(id)]);
    assert.equal(sessions.rowCount, 0, 'their session rows are gone');
    for (const agent of [victim.agent, other]) {
      assert.equal((await agent.get('/api/session').expect(200)).body.user, null);
      await agent.post('/api/articles').set('x-csrf-token', victim.csrfToken).send({ text: 'A text.' }).expect(401);
    }
    await request(t.app).get('/api/tokens').set('Authorization', bearer).expect(401);
    await request(t.app).post('/api/login').send({ username: victim.username, password: TEST_PASSWORD }).expect(401);
    const audit = (await t.handle.pool.query("select action from audit_log where entity_type = 'user' and entity_id = $1", [id])).rows;
    assert.deepEqual(audit, [{ action: 'disable' }]);

    // Enabled again: the token works again (it was never revoked), a new login too.
    await patch(id, { version: version + 1, disabled: false }).expect(200);
    await request(t.app).get('/api/tokens').set('Authorization', bearer).expect(200);
  });

  it('a session whose user is disabled behind its back (not through the page) is logged out on its next request', async () => {
    const victim = await loggedIn(t, 'editor');
    await t.handle.pool.query('update users set disabled = true where username = $1', [victim.username]);
    assert.equal((await victim.agent.get('/api/session').expect(200)).body.user, null);
    await victim.agent.get('/account').redirects(0).expect(303);
  });

  it('an admin cannot demote or disable themselves (422 naming the field)', async () => {
    const { id, version } = await userRow(admin.username);
    const demote = await patch(id, { version, role: 'editor' }).expect(422);
    assert.deepEqual(demote.body.issues.map((i: { field: string }) => i.field), ['role']);
    const disable = await patch(id, { version, disabled: true }).expect(422);
    assert.deepEqual(disable.body.issues.map((i: { field: string }) => i.field), ['disabled']);
    const page = await admin.agent.get('/admin/users');
    const form = await admin.agent.post(`/admin/users/${id}`).type('form').send({ _csrf: csrfOf(page.text), version: String(version), role: 'admin', disabled: 'on' }).expect(422);
    assert.match(form.text, /disabled: you cannot disable your own account/);
    const row = await userRow(admin.username);
    assert.deepEqual([row.role, row.disabled, row.version], ['admin', false, version]);
  });

  it('two admins demoting each other at once: one wins, the other is refused, an admin remains', async () => {
    const a = await loggedIn(t, 'admin');
    const b = await loggedIn(t, 'admin');
    const [ra, rb] = [await userRow(a.username), await userRow(b.username)];
    const results = await Promise.all([
      a.agent.patch(`/api/users/${rb.id}`).set('x-csrf-token', a.csrfToken).send({ version: rb.version, role: 'editor' }),
      b.agent.patch(`/api/users/${ra.id}`).set('x-csrf-token', b.csrfToken).send({ version: ra.version, role: 'editor' }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 403]);
    const roles = [(await userRow(a.username)).role, (await userRow(b.username)).role].sort();
    assert.deepEqual(roles, ['admin', 'editor']);
  });

  it('refuses the admin routes to everyone but admins: 403 for lower roles, 401 or the login page for anonymous, 403 without CSRF', async () => {
    const routes = [
      ['get', '/admin/users'], ['post', '/admin/users'], ['post', '/admin/users/1'],
      ['get', '/api/users'], ['get', '/api/users/1'], ['post', '/api/users'], ['patch', '/api/users/1'],
      ['get', '/admin/audit'], ['get', '/api/audit'],
    ] as const;
    for (const role of ['reader', 'annotator', 'editor'] as const) {
      const { agent, csrfToken } = await loggedIn(t, role);
      for (const [method, path] of routes) {
        const res = await agent[method](path).set('x-csrf-token', csrfToken).send({ version: 1, role: 'admin' });
        assert.equal(res.status, 403, `${role} ${method} ${path}`);
      }
    }
    for (const [method, path] of routes) {
      const res = await request(t.app)[method](path).send({});
      assert.equal(res.status, path.startsWith('/api/') ? 401 : 303, `anonymous ${method} ${path}`);
    }
    await admin.agent.post('/api/users').send({ username: 'no_csrf', password: 'a long enough password', role: 'admin' }).expect(403);
    await admin.agent.post('/admin/users').type('form').send({ username: 'no_csrf', password: 'a long enough password', role: 'admin' }).expect(403);
    assert.equal(await userRow('no_csrf'), undefined);
  });

  it('shows the header links: Account for everyone logged in, Users and Audit for admins only', async () => {
    const page = await admin.agent.get('/').expect(200);
    for (const href of ['/account', '/admin/users', '/admin/audit']) assert.match(page.text, new RegExp(`href="${href}"`));
    const editor = await loggedIn(t, 'editor');
    const editorPage = await editor.agent.get('/').expect(200);
    assert.match(editorPage.text, /href="\/account"/);
    assert.doesNotMatch(editorPage.text, /href="\/admin\//);
    assert.doesNotMatch((await request(t.app).get('/').expect(200)).text, /href="\/account"/);
  });
});
