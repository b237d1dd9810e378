import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import request from 'supertest';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { connectDatabase, type DbHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { appOn, createTestUser, TEST_PASSWORD } from '../helpers/app.ts';
import { testDatabase } from '../helpers/database.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-users-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function createUser(args: string[], input: string, database: { DATA_DIR: string } | { DATABASE_URL: string } = { DATA_DIR: dir }) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  Object.assign(env, database);
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/create-user.ts', ...args], { env, input, encoding: 'utf8' });
}

describe('npm run create-user', () => {
  it('creates a user with the password from standard input, then updates it', async () => {
    const first = createUser(['Ada_L', '--role', 'annotator'], 'first password here\n');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /created user Ada_L \(annotator\)/);
    assert.doesNotMatch(first.stdout, /first password/, 'a typed password is never printed');
    const second = createUser(['ada_l', '--role', 'editor'], 'second password here\n');
    assert.match(second.stdout, /updated user ada_l \(editor\)/);

    const handle = await connectDatabase({ dataDir: dir });
    const { rows } = await handle.pool.query('select username, role, password_hash from users');
    await handle.close();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].role, 'editor');
    assert.match(rows[0].password_hash, /^\$argon2id\$/);
    assert.equal(await verifyPassword(rows[0].password_hash, 'second password here'), true);
  });

  it('makes up and prints a password when none is given', () => {
    const r = createUser(['grace'], '');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /created user grace \(editor\) with password \S{16}/);
  });

  it('refuses bad arguments and short passwords with a message', () => {
    for (const [args, input, message] of [
      [[], '', /usage: npm run create-user/],
      [['x y'], 'long enough password', /username must be/],
      [['someone', '--role', 'king'], 'long enough password', /--role must be one of/],
      [['someone'], 'short', /password must be at least 10/],
    ] as const) {
      const r = createUser([...args], input);
      assert.equal(r.status, 2);
      assert.match(r.stderr, message);
    }
  });
});

describe('a password reset with npm run create-user', () => {
  // On a server the app keeps running while the CLI resets; the embedded database admits one
  // process at a time, so there the app closes it for the CLI and opens it again after.
  const serverUrl = process.env.TEST_TEMPLATE_DB && process.env.TEST_DATABASE_URL; // as testDatabase() decides
  const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-reset-'));
  after(() => fs.rmSync(embeddedDir, { recursive: true, force: true }));

  async function open(): Promise<DbHandle> {
    const handle = await connectDatabase({ dataDir: embeddedDir });
    await migrateToLatest(handle.db);
    return handle;
  }

  it('ends every session of that user, and only theirs', async () => {
    let t = appOn(serverUrl ? await testDatabase() : await open());
    const ada = await createTestUser(t);
    const bob = await createTestUser(t);
    const logIn = async (username: string) => {
      const res = await request(t.app).post('/api/login').send({ username, password: TEST_PASSWORD }).expect(200);
      return { cookie: (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!, csrfToken: res.body.csrfToken as string };
    };
    const adaSessions = [await logIn(ada), await logIn(ada)];
    const bobSession = await logIn(bob);
    const whoIs = async (cookie: string) => (await request(t.app).get('/api/session').set('Cookie', cookie).expect(200)).body.user?.username ?? null;
    assert.equal(await whoIs(adaSessions[0]!.cookie), ada);

    let database: { DATA_DIR: string } | { DATABASE_URL: string } = { DATA_DIR: embeddedDir };
    if (serverUrl) {
      const url = new URL(serverUrl);
      url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(t.handle.db)).rows[0]!.name}`;
      database = { DATABASE_URL: url.toString() };
    } else await t.handle.close();
    const reset = createUser([ada, '--role', 'editor'], 'a brand new password\n', database);
    assert.equal(reset.status, 0, reset.stderr);
    if (!serverUrl) t = appOn(await open());

    try {
      for (const { cookie, csrfToken } of adaSessions) {
        assert.equal(await whoIs(cookie), null, 'the old session is logged out');
        await request(t.app).post('/api/articles').set('Cookie', cookie).set('x-csrf-token', csrfToken).send({ text: 'A text.' }).expect(401);
      }
      assert.equal(await whoIs(bobSession.cookie), bob, "another user's session goes on");
      await request(t.app).post('/api/login').send({ username: ada, password: 'a brand new password' }).expect(200);
      assert.match(reset.stdout, new RegExp(`updated user ${ada} \\(editor\\); ended 2 sessions`));
    } finally {
      if (!serverUrl) await t.handle.close();
    }
  });
});

describe('npm run create-user -- NAME --token', () => {
  const serverUrl = process.env.TEST_TEMPLATE_DB && process.env.TEST_DATABASE_URL;
  const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-token-'));
  after(() => fs.rmSync(embeddedDir, { recursive: true, force: true }));

  /**
   * Where the CLI writes: on a server, this test's own database (its handle too); embedded,
   * the test's data directory (no handle: the CLI runs first, the test opens it after).
   */
  async function cliTarget(): Promise<{ database: { DATA_DIR: string } | { DATABASE_URL: string }; handle: DbHandle | undefined }> {
    if (!serverUrl) return { database: { DATA_DIR: embeddedDir }, handle: undefined };
    const handle = await testDatabase();
    const url = new URL(serverUrl);
    url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(handle.db)).rows[0]!.name}`;
    return { database: { DATABASE_URL: url.toString() }, handle };
  }

  it('prints a new token that works as Bearer on a write; asking again keeps the password and the role', async () => {
    let { database, handle } = await cliTarget();
    const first = createUser(['Tok_User', '--role', 'editor', '--token'], '', database);
    assert.equal(first.status, 0, first.stderr);
    const password = /created user Tok_User \(editor\) with password (\S+)/.exec(first.stdout)![1]!;
    const token1 = /API token "create-user \d{4}-\d{2}-\d{2}" .*: (vbt_[A-Za-z0-9_-]{43})$/m.exec(first.stdout)![1]!;
    const second = createUser(['tok_user', '--token', '--token-name', 'nightly import'], '', database);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /user Tok_User \(editor\) keeps its password/);
    assert.doesNotMatch(second.stdout, /with password/);
    const token2 = /API token "nightly import" .*: (vbt_[A-Za-z0-9_-]{43})$/m.exec(second.stdout)![1]!;
    assert.notEqual(token1, token2);
    const bad = createUser(['tok_user', '--token-name'], '', database);
    assert.equal(bad.status, 2);

    handle ??= await (async () => {
      const h = await connectDatabase({ dataDir: embeddedDir });
      await migrateToLatest(h.db);
      return h;
    })();
    const t = appOn(handle);
    try {
      for (const [i, token] of [token1, token2].entries()) {
        const res = await request(t.app).post('/api/articles').set('Authorization', `Bearer ${token}`).send({ title: `Token article ${i}`, text: `“We shipped it,” said Ada Lovelace on day ${i}.` });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
      await request(t.app).post('/api/login').send({ username: 'tok_user', password }).expect(200);
      const { rows } = await t.handle.pool.query("select t.name, t.token_sha256, a.action from api_tokens t left join audit_log a on a.entity_type = 'api_token' and a.entity_id = t.id order by t.id");
      assert.deepEqual(rows.map((r) => [r.name.replace(/\d{4}-\d{2}-\d{2}/, 'DAY'), r.action]), [['create-user DAY', 'create'], ['nightly import', 'create']]);
      assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_sha256) && r.token_sha256 !== token1 && r.token_sha256 !== token2));
    } finally {
      if (!serverUrl) await t.handle.close();
    }
  });

  it('resets a password without changing the role, and revokes the user\'s API tokens', async () => {
    let { database, handle } = await cliTarget();
    const made = createUser(['Role_Keeper', '--role', 'annotator', '--token'], 'first password here\n', database);
    assert.equal(made.status, 0, made.stderr);
    const reset = createUser(['role_keeper'], 'second password here\n', database);
    assert.equal(reset.status, 0, reset.stderr);
    assert.match(reset.stdout, /updated user role_keeper \(annotator\); revoked 1 API token$/m, 'no --role: the role stays');
    handle ??= await connectDatabase({ dataDir: embeddedDir });
    try {
      const { rows } = await handle.pool.query("select u.role, t.revoked_at from users u join api_tokens t on t.user_id = u.id where lower(u.username) = 'role_keeper'");
      assert.equal(rows.length, 1);
      assert.equal(rows[0].role, 'annotator');
      assert.ok(rows[0].revoked_at, 'the token made with the old password is revoked');
    } finally {
      await handle.close();
    }
  });
});
