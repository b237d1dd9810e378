import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { connectDatabase } from '../../src/db/connect.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-users-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function createUser(args: string[], input: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
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
