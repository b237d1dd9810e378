import assert from 'node:assert/strict';
import http from 'node:http';
import { before, beforeEach, describe, it } from 'node:test';
import request from 'supertest';
import { ATTEMPTS_PER_ADDRESS, FAILED_ATTEMPTS_PER_ACCOUNT } from '../../src/auth/login-limits.ts';
import { appOn, createTestUser, listen, TEST_PASSWORD, type TestApp, testApp } from '../helpers/app.ts';

/** POST /api/login over a socket bound to `from` (a loopback address: the whole 127/8 is local). */
function loginFrom(baseUrl: string, from: string, body: object): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}/api/login`, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const apiLogin = (t: TestApp, username: string, password: string, forwardedFor?: string) => {
  const req = request(t.app).post('/api/login');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({ username, password });
};

describe('the per-account login limit', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ TRUST_PROXY: 'loopback' });
  });
  beforeEach(() => t.handle.db.deleteFrom('rate_limits').execute());

  it('refuses guesses at one account from ever-new forwarded addresses', async () => {
    const victim = await createTestUser(t);
    for (let i = 1; i <= FAILED_ATTEMPTS_PER_ACCOUNT; i++) await apiLogin(t, victim, `guess ${i}`, `198.51.100.${i}`).expect(401);
    const refused = await apiLogin(t, victim.toUpperCase(), 'one more guess', '198.51.100.200').expect(429);
    assert.deepEqual(Object.keys(refused.body).sort(), ['error', 'status']);
    assert.equal(refused.body.status, 429);
    assert.match(refused.body.error, /Too many failed logins for this account; try again in 15 minutes/);
    assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After says when');
    // Even the right password waits now, and another account is not affected.
    await apiLogin(t, victim, TEST_PASSWORD, '198.51.100.201').expect(429);
    await apiLogin(t, await createTestUser(t), TEST_PASSWORD, '198.51.100.202').expect(200);
  });

  it('does not count successful logins', async () => {
    const username = await createTestUser(t);
    // Successes in the middle: express-rate-limit counts each request, then takes a success
    // back once its answer is sent, so a success right at the limit could briefly count.
    const half = FAILED_ATTEMPTS_PER_ACCOUNT / 2;
    for (let i = 0; i < half; i++) await apiLogin(t, username, `typo ${i}`, `192.0.2.${i}`).expect(401);
    for (let i = 0; i < 3; i++) await apiLogin(t, username, TEST_PASSWORD, '192.0.2.100').expect(200);
    for (let i = half; i < FAILED_ATTEMPTS_PER_ACCOUNT; i++) await apiLogin(t, username, `typo ${i}`, `192.0.2.${i}`).expect(401);
    await apiLogin(t, username, 'over the limit', '192.0.2.102').expect(429);
  });

  it('shows the refusal on the login form, counting form and API attempts together', async () => {
    const username = await createTestUser(t);
    for (let i = 1; i < FAILED_ATTEMPTS_PER_ACCOUNT; i++) await apiLogin(t, username, `guess ${i}`, `203.0.113.${i}`).expect(401);
    const agent = request.agent(t.app);
    const token = () => agent.get('/login').then((page) => /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!);
    // The token first: the agent attaches its cookies when a request is built.
    const first = await token();
    await agent.post('/login').set('X-Forwarded-For', '203.0.113.50').type('form').send({ _csrf: first, username, password: 'form guess' }).expect(401);
    const second = await token();
    const refused = await agent.post('/login').set('X-Forwarded-For', '203.0.113.51').type('form').send({ _csrf: second, username, password: 'form guess 2', next: '/articles/new' }).expect(429);
    assert.match(refused.text, /role="alert"><p>Too many failed logins for this account; try again in 15 minutes\.<\/p>/);
    assert.match(refused.text, /name="_csrf" value="[^"]+"/, 'the form can be sent again later');
    assert.match(refused.text, new RegExp(`name="username" value="${username}"`));
    assert.match(refused.text, /name="next" value="\/articles\/new"/);
  });
});

describe('the per-account limit without a proxy', () => {
  it('refuses guesses at one account from many client addresses', async () => {
    const t = await testApp();
    const victim = await createTestUser(t);
    const server = await listen(t.app);
    try {
      for (let i = 1; i <= FAILED_ATTEMPTS_PER_ACCOUNT; i++) assert.equal(await loginFrom(server.baseUrl, `127.0.0.${i + 1}`, { username: victim, password: `guess ${i}` }), 401);
      assert.equal(await loginFrom(server.baseUrl, '127.0.0.100', { username: victim, password: 'guess' }), 429);
    } finally {
      await server.close();
    }
  });
});

/** Attempts the per-address limit counts, cheaply: without a password (400) no hash is checked. */
async function attempts(count: number, app: (i: number) => TestApp, forwardedFor: (i: number) => string | undefined = () => undefined) {
  for (let i = 0; i < count; i++) {
    const req = request(app(i).app).post('/api/login');
    const forwarded = forwardedFor(i);
    if (forwarded) req.set('X-Forwarded-For', forwarded);
    await req.send({ username: `nobody_${i}` }).expect(400);
  }
}

describe('the per-address login limit', () => {
  it('cannot be reset by rotating X-Forwarded-For when no proxy is trusted (TRUST_PROXY unset)', async () => {
    const t = await testApp();
    await attempts(ATTEMPTS_PER_ADDRESS, () => t, (i) => `10.0.${i}.1`);
    const refused = await apiLogin(t, 'somebody_else', 'a guess', '10.9.9.9').expect(429);
    assert.match(refused.body.error, /Too many login attempts from this address/);
  });

  it('counts the forwarded address when TRUST_PROXY=loopback', async () => {
    const t = await testApp({ TRUST_PROXY: 'loopback' });
    await attempts(ATTEMPTS_PER_ADDRESS, () => t, () => '203.0.113.7');
    await apiLogin(t, 'somebody_else', 'a guess', '203.0.113.7').expect(429);
    await apiLogin(t, 'somebody_else', 'a guess', '203.0.113.8').expect(401);
  });
});

describe('the login limits across web processes', () => {
  let first: TestApp;
  let second: TestApp;
  before(async () => {
    first = await testApp();
    second = appOn(first.handle);
  });
  beforeEach(() => first.handle.db.deleteFrom('rate_limits').execute());

  it('counts attempts at one account through either app', async () => {
    const victim = await createTestUser(first);
    for (let i = 0; i < FAILED_ATTEMPTS_PER_ACCOUNT; i++) await apiLogin(i % 2 ? second : first, victim, `guess ${i}`).expect(401);
    await apiLogin(first, victim, 'guess').expect(429);
    await apiLogin(second, victim, 'guess').expect(429);
  });

  it('counts attempts from one address through either app', async () => {
    await attempts(ATTEMPTS_PER_ADDRESS, (i) => (i % 2 ? second : first));
    await apiLogin(second, 'someone', 'a guess').expect(429);
  });
});
