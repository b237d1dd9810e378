import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { FAILED_ATTEMPTS_PER_ACCOUNT } from '../../src/auth/login-limits.ts';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { loggedIn, TEST_PASSWORD, type TestApp, testApp } from '../helpers/app.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const NEW_PASSWORD = 'a brand new password';

describe('changing one’s own password', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });

  const hashOf = async (username: string) => (await t.handle.pool.query('select password_hash from users where username = $1', [username])).rows[0].password_hash as string;
  const whoIs = async (agent: ReturnType<typeof request.agent>) => (await agent.get('/api/session').expect(200)).body.user?.username ?? null;

  it('on the page: ends every other session, keeps this one (on a new session id), and audits it without the hash', async () => {
    const me = await loggedIn(t, 'reader');
    const elsewhere = request.agent(t.app);
    const other = await elsewhere.post('/api/login').send({ username: me.username, password: TEST_PASSWORD }).expect(200);
    const bystander = await loggedIn(t, 'reader');

    const page = await me.agent.get('/account').expect(200);
    assert.match(page.text, /Change your password/);
    const res = await me.agent.post('/account/password').type('form')
      .send({ _csrf: csrfOf(page.text), currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(303);
    assert.equal(res.headers.location, '/account');
    assert.ok((res.headers['set-cookie'] as unknown as string[]).some((c) => c.startsWith('verbatim.sid=')), 'a new session cookie');
    const after = await me.agent.get('/account').expect(200);
    assert.match(after.text, /Password changed\. Your 1 other session was logged out\./);
    assert.equal(await whoIs(me.agent), me.username, 'this session goes on');
    assert.equal(await whoIs(elsewhere), null, 'the other session is logged out');
    await elsewhere.post('/api/articles').set('x-csrf-token', other.body.csrfToken).send({ text: 'A text.' }).expect(401);
    assert.equal(await whoIs(bystander.agent), bystander.username, "another user's session goes on");
    assert.ok(await verifyPassword(await hashOf(me.username), NEW_PASSWORD));
    await request(t.app).post('/api/login').send({ username: me.username, password: TEST_PASSWORD }).expect(401);
    await request(t.app).post('/api/login').send({ username: me.username, password: NEW_PASSWORD }).expect(200);
    const audit = (await t.handle.pool.query("select a.action, a.before, a.after from audit_log a join users u on u.id = a.entity_id where a.entity_type = 'user' and u.username = $1", [me.username])).rows;
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'change_password');
    assert.doesNotMatch(JSON.stringify(audit), /argon2|brand new|horse/);
  });

  it('with the API: the same, and it answers the new CSRF token', async () => {
    const me = await loggedIn(t, 'editor');
    const elsewhere = request.agent(t.app);
    await elsewhere.post('/api/login').send({ username: me.username, password: TEST_PASSWORD }).expect(200);
    const res = await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
    assert.equal(res.body.otherSessionsEnded, 1);
    assert.equal(await whoIs(me.agent), me.username);
    assert.equal(await whoIs(elsewhere), null);
    // The session was logged in again on a new id: the old CSRF token went with the old session.
    await me.agent.post('/api/tokens').set('x-csrf-token', me.csrfToken).send({ name: 'x' }).expect(403);
    await me.agent.post('/api/tokens').set('x-csrf-token', res.body.csrfToken).send({ name: 'x' }).expect(201);
  });

  it('refuses a wrong current password (422 naming currentPassword), a mismatch, a short or an unchanged one; nothing saved', async () => {
    const me = await loggedIn(t, 'reader');
    const hash = await hashOf(me.username);
    const page = await me.agent.get('/account');
    const wrong = await me.agent.post('/account/password').type('form')
      .send({ _csrf: csrfOf(page.text), currentPassword: 'not my password', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(422);
    assert.match(wrong.text, /currentPassword: is not your current password/);
    const api = await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }).expect(422);
    assert.deepEqual(api.body.issues, [{ field: 'currentPassword', message: 'is not your current password' }]);
    const mismatch = await me.agent.post('/account/password').type('form')
      .send({ _csrf: csrfOf(page.text), currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: 'something else' }).expect(400);
    assert.match(mismatch.text, /confirmPassword: does not match the new password/);
    const short = await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400);
    assert.equal(short.body.issues[0].field, 'newPassword');
    const same = await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }).expect(422);
    assert.equal(same.body.issues[0].field, 'newPassword');
    await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, extra: 1 }).expect(400);
    await me.agent.post('/api/account/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(403);
    assert.equal(await hashOf(me.username), hash, 'nothing was saved');
    await request(t.app).post('/api/account/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
  });

  it('counts wrong current passwords against the account’s login limit: guessing here is slowed like at login', async () => {
    const me = await loggedIn(t, 'reader');
    for (let i = 0; i < FAILED_ATTEMPTS_PER_ACCOUNT; i++) {
      await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }).expect(422);
    }
    const limited = await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(429);
    assert.match(limited.body.error, /Too many failed logins for this account/);
    assert.ok(limited.headers['retry-after']);
    const page = await me.agent.get('/account');
    const form = await me.agent.post('/account/password').type('form')
      .send({ _csrf: csrfOf(page.text), currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(429);
    assert.match(form.text, /Too many failed logins for this account/);
    // The same counter as the login's: the login form is refused for this account too.
    await request(t.app).post('/api/login').send({ username: me.username.toUpperCase(), password: TEST_PASSWORD }).expect(429);
    assert.ok(await verifyPassword(await hashOf(me.username), TEST_PASSWORD), 'the password did not change');
  });

  it('counts only wrong current passwords: refusals of the new one or of the fields leave the limit alone', async () => {
    const me = await loggedIn(t, 'reader');
    for (let i = 0; i < FAILED_ATTEMPTS_PER_ACCOUNT + 2; i++) {
      await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400);
      await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }).expect(422);
    }
    await request(t.app).post('/api/login').send({ username: me.username, password: TEST_PASSWORD }).expect(200);
  });

  it('revokes the user\'s API tokens with the old password (the answer and the page say so)', async () => {
    const me = await loggedIn(t, 'reader');
    const made = await me.agent.post('/api/tokens').set('x-csrf-token', me.csrfToken).send({ name: 'made with the old password' }).expect(201);
    await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${made.body.token}`).expect(200);
    const res = await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
    assert.equal(res.body.tokensRevoked, 1);
    await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${made.body.token}`).expect(401);
    const again = await me.agent.post('/api/tokens').set('x-csrf-token', res.body.csrfToken).send({ name: 'made with the new one' }).expect(201);
    const page = await me.agent.get('/account').expect(200);
    const form = await me.agent.post('/account/password').type('form')
      .send({ _csrf: csrfOf(page.text), currentPassword: NEW_PASSWORD, newPassword: 'yet another password', confirmPassword: 'yet another password' }).expect(303);
    assert.equal(form.headers.location, '/account');
    assert.match((await me.agent.get('/account').expect(200)).text, /Your 1 API token was revoked/);
    await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${again.body.token}`).expect(401);
  });

  it('a successful change does not use up the limit', async () => {
    const me = await loggedIn(t, 'reader');
    for (let i = 0; i < FAILED_ATTEMPTS_PER_ACCOUNT - 1; i++) {
      await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }).expect(422);
    }
    const ok = await me.agent.post('/api/account/password').set('x-csrf-token', me.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
    await me.agent.post('/api/account/password').set('x-csrf-token', ok.body.csrfToken).send({ currentPassword: NEW_PASSWORD, newPassword: 'yet another password' }).expect(200);
  });

  it('is refused to an API token (a session is needed), and the account page needs a login', async () => {
    const me = await loggedIn(t, 'reader');
    const { body } = await me.agent.post('/api/tokens').set('x-csrf-token', me.csrfToken).send({ name: 'script' }).expect(201);
    const res = await request(t.app).post('/api/account/password').set('Authorization', `Bearer ${body.token}`).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(403);
    assert.match(res.body.error, /session/);
    const login = await request(t.app).get('/account').redirects(0).expect(303);
    assert.equal(login.headers.location, '/login?next=%2Faccount');
  });
});
