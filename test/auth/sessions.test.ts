import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import request from 'supertest';
import { createTestUser, TEST_PASSWORD, type TestApp, testApp } from '../helpers/app.ts';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** connect-pg-simple rounds expiry up to the second; the clocks read a moment apart. */
const SLACK_MS = 5000;

/** Milliseconds from now until each session row expires (the database's clock on both sides). */
async function expiresIn(t: TestApp, sids?: string[]): Promise<number[]> {
  const { rows } = await sql<{ ms: number }>`
    select (extract(epoch from expire - localtimestamp) * 1000)::float8 as ms from sessions
    where ${sids ? sql`sid = any(${sids})` : sql`true`}`.execute(t.handle.db);
  return rows.map((r) => r.ms);
}

/** The session id a response sets (its signed cookie is 's:<id>.<signature>') and when the cookie expires. */
function sessionId(res: request.Response): { sid: string; expires: number } {
  const cookie = (res.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('verbatim.sid='));
  assert.ok(cookie, 'a session cookie is set');
  const value = decodeURIComponent(cookie.split(';')[0]!.slice('verbatim.sid='.length));
  return { sid: value.slice(2).split('.')[0]!, expires: Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!) };
}

describe('anonymous sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });

  it('expire within an hour when nobody logs in', async () => {
    const before = (await expiresIn(t)).length;
    for (let i = 0; i < 50; i++) {
      const res = await request(t.app).get('/login').expect(200);
      assert.ok(sessionId(res).expires <= Date.now() + HOUR_MS + SLACK_MS, 'the cookie expires within the hour too');
    }
    const rows = await expiresIn(t);
    assert.equal(rows.length - before, 50);
    for (const ms of rows) assert.ok(ms > 0 && ms <= HOUR_MS + SLACK_MS, `a session row expires in ${ms} ms`);
  });

  it('last 14 days once logged in (on the new session id), and keep that on later requests', async () => {
    const username = await createTestUser(t);
    const agent = request.agent(t.app);
    const anonymous = sessionId(await agent.get('/login').expect(200));
    const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/login')).text)![1]!;
    const login = sessionId(await agent.post('/login').type('form').send({ _csrf: token, username, password: TEST_PASSWORD }).expect(303));
    assert.notEqual(login.sid, anonymous.sid);
    assert.ok(login.expires > Date.now() + 14 * DAY_MS - HOUR_MS, 'the cookie lasts 14 days');
    await agent.get('/').expect(200);
    const [ms] = await expiresIn(t, [login.sid]);
    assert.ok(ms! > 14 * DAY_MS - HOUR_MS && ms! <= 14 * DAY_MS + SLACK_MS, `the row expires in ${ms} ms`);
    assert.deepEqual(await expiresIn(t, [anonymous.sid]), [], 'the anonymous session is gone');

    const api = sessionId(await request(t.app).post('/api/login').send({ username, password: TEST_PASSWORD }).expect(200));
    const [apiMs] = await expiresIn(t, [api.sid]);
    assert.ok(apiMs! > 14 * DAY_MS - HOUR_MS, 'the API login lasts 14 days too');
  });
});
