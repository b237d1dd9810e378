import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { tokenSha256 } from '../../src/auth/api-tokens.ts';
import { articleInput } from '../factories.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const TOKEN = /vbt_[A-Za-z0-9_-]{43}/;

describe('personal API tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });

  it('a new token is shown once (201), works as Bearer on a write with no cookie and no CSRF token, and shows its last use', async () => {
    const me = await loggedIn(t, 'editor');
    const created = await me.agent.post('/api/tokens').set('x-csrf-token', me.csrfToken).send({ name: 'nightly import' }).expect(201);
    assert.match(created.headers['cache-control'] ?? '', /no-store/);
    const { id, name, token, prefix, createdAt } = created.body;
    assert.deepEqual(Object.keys(created.body).sort(), ['createdAt', 'id', 'name', 'prefix', 'token']);
    assert.match(token, TOKEN);
    assert.equal(name, 'nightly import');
    assert.ok(token.startsWith(prefix) && prefix.length < 16);
    assert.ok(!Number.isNaN(Date.parse(createdAt)));

    let list = (await me.agent.get('/api/tokens').expect(200)).body.tokens;
    assert.deepEqual(list.map((x: { id: number; lastUsedAt: unknown }) => [x.id, x.lastUsedAt]), [[id, null]]);
    assert.doesNotMatch(JSON.stringify(list), new RegExp(token.slice(12)), 'the list never shows the secret');

    const res = await request(t.app).post('/api/articles').set('Authorization', `Bearer ${token}`).send(articleInput()).expect(201);
    assert.equal(res.headers['set-cookie'], undefined, 'no session is made for a token request');
    const creator = (await t.handle.pool.query("select u.username from audit_log a join users u on u.id = a.user_id where a.entity_type = 'article' and a.entity_id = $1", [res.body.id])).rows[0];
    assert.equal(creator?.username, me.username, 'the article is audited as the token user’s');

    list = (await me.agent.get('/api/tokens').expect(200)).body.tokens;
    assert.ok(list[0].lastUsedAt && Date.parse(list[0].lastUsedAt) >= Date.parse(createdAt), 'the last use is listed');
    const page = await me.agent.get('/account').expect(200);
    assert.match(page.text, /<th scope="row">nightly import<\/th>/);
    assert.doesNotMatch(page.text, /<td>never<\/td>\s*<td>/, 'the page shows when it was last used');
    assert.doesNotMatch(page.text, new RegExp(token.slice(12)), 'the account page never shows the secret again');
  });

  it('the database holds only the SHA-256 of the secret: no column of api_tokens, no audit entry, no session holds it', async () => {
    const me = await loggedIn(t, 'reader');
    const { token, id } = (await me.agent.post('/api/tokens').set('x-csrf-token', me.csrfToken).send({ name: 'hash check' }).expect(201)).body;
    const row = (await t.handle.pool.query('select row_to_json(t)::text as json, token_sha256 from api_tokens t where id = $1', [id])).rows[0];
    assert.equal(row.token_sha256, tokenSha256(token));
    assert.ok(!row.json.includes(token) && !row.json.includes(token.slice(10)), 'the secret is in no column');
    for (const table of ['audit_log', 'sessions']) {
      const all = (await t.handle.pool.query(`select coalesce(string_agg(row_to_json(x)::text, ''), '') as s from ${table} x`)).rows[0].s as string;
      assert.ok(!all.includes(token.slice(10)), `the secret is not in ${table}`);
    }
    const audit = (await t.handle.pool.query("select action, after from audit_log where entity_type = 'api_token' and entity_id = $1", [id])).rows;
    assert.deepEqual(audit.map((a) => [a.action, a.after.name]), [['create', 'hash check']]);
  });

  it('created on the account page: the secret is on the 201 answer only; revoked there, the token answers 401 on the next request', async () => {
    const me = await loggedIn(t, 'annotator');
    const page = await me.agent.get('/account').expect(200);
    const created = await me.agent.post('/account/tokens').type('form').send({ _csrf: csrfOf(page.text), name: 'from the page' }).expect(201);
    assert.match(created.headers['cache-control'] ?? '', /no-store/);
    const token = TOKEN.exec(created.text)![0];
    await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${token}`).expect(200);
    const account = await me.agent.get('/account').expect(200);
    assert.doesNotMatch(account.text, new RegExp(token.slice(12)));
    const id = Number(/id="token-(\d+)"/.exec(account.text)![1]);
    await me.agent.post(`/account/tokens/${id}/revoke`).type('form').send({ _csrf: csrfOf(account.text) }).expect(303);
    assert.match((await me.agent.get('/account').expect(200)).text, /revoked \d{4}-/);
    const refused = await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${token}`).expect(401);
    assert.match(refused.headers['www-authenticate'] ?? '', /invalid_token/);
    await request(t.app).post('/api/articles').set('Authorization', `Bearer ${token}`).send(articleInput()).expect(401);
    const audit = (await t.handle.pool.query("select action from audit_log where entity_type = 'api_token' and entity_id = $1 order by id", [id])).rows;
    assert.deepEqual(audit.map((a) => a.action), ['create', 'revoke']);
  });

  it('DELETE /api/tokens/:id revokes one’s own token only: another user’s answers 404 and keeps working', async () => {
    const ada = await loggedIn(t, 'editor');
    const bob = await loggedIn(t, 'editor');
    const adaToken = (await ada.agent.post('/api/tokens').set('x-csrf-token', ada.csrfToken).send({ name: 'ada' }).expect(201)).body;
    await bob.agent.delete(`/api/tokens/${adaToken.id}`).set('x-csrf-token', bob.csrfToken).expect(404);
    await bob.agent.delete('/api/tokens/2147483648').set('x-csrf-token', bob.csrfToken).expect(404);
    await ada.agent.delete(`/api/tokens/${adaToken.id}`).expect(403, /missing or invalid x-csrf-token header/);
    const session = await request(t.app).get('/api/session').set('Authorization', `Bearer ${adaToken.token}`).expect(200);
    assert.deepEqual([session.body.user.username, session.body.via, session.body.csrfToken], [ada.username, 'token', null]);
    assert.equal(session.headers['set-cookie'], undefined, 'no session made for a token request');
    const unknown = await ada.agent.delete(`/api/tokens/${adaToken.id}`).set('x-csrf-token', ada.csrfToken).send({ force: true }).expect(400);
    assert.equal(unknown.body.issues[0].field, 'force');
    await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${adaToken.token}`).expect(200);
    // A token may revoke itself (a script retiring its own credential), with no CSRF token.
    const revoked = await request(t.app).delete(`/api/tokens/${adaToken.id}`).set('Authorization', `Bearer ${adaToken.token}`).expect(200);
    assert.ok(revoked.body.token.revokedAt);
    await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${adaToken.token}`).expect(401);
    await ada.agent.delete(`/api/tokens/${adaToken.id}`).set('x-csrf-token', ada.csrfToken).expect(200, /revokedAt/);
  });

  it('a token cannot mint another token (a leaked one must not outlive its revocation); names are checked', async () => {
    const me = await loggedIn(t, 'admin');
    const { token } = (await me.agent.post('/api/tokens').set('x-csrf-token', me.csrfToken).send({ name: 'admin script' }).expect(201)).body;
    await request(t.app).post('/api/tokens').set('Authorization', `Bearer ${token}`).send({ name: 'successor' }).expect(403);
    for (const [body, field] of [[{}, 'name'], [{ name: '' }, 'name'], [{ name: 'x'.repeat(101) }, 'name'], [{ name: 'tab\u0000nul' }, 'name'], [{ name: 'ok', scope: 'all' }, 'scope']] as const) {
      const res = await me.agent.post('/api/tokens').set('x-csrf-token', me.csrfToken).send(body).expect(400);
      assert.equal(res.body.issues[0].field, field);
    }
    await request(t.app).post('/api/tokens').send({ name: 'anonymous' }).expect(401);
    await me.agent.post('/api/tokens').send({ name: 'no csrf' }).expect(403);
    assert.equal((await me.agent.get('/api/tokens').expect(200)).body.tokens.length, 1);
  });

  it('renders a token name holding an XSS payload inert, on the account page, the new-token page and the audit page', async () => {
    const me = await loggedIn(t, 'admin');
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    const page = await me.agent.get('/account');
    const created = await me.agent.post('/account/tokens').type('form').send({ _csrf: csrfOf(page.text), name: payload }).expect(201);
    const account = await me.agent.get('/account').expect(200);
    const audit = await me.agent.get('/admin/audit?entityType=api_token').expect(200);
    for (const html of [created.text, account.text, audit.text]) {
      assert.doesNotMatch(html, /<script>alert|<img src=x/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    }
    assert.equal((await me.agent.get('/api/tokens').expect(200)).body.tokens[0].name, payload, 'stored verbatim');
  });
});
