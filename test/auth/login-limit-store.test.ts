import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Options } from 'express-rate-limit';
import { sql } from 'kysely';
import { PostgresRateLimitStore } from '../../src/auth/login-limit.store.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { testDatabase } from '../helpers/database.ts';

const WINDOW_MS = 15 * 60 * 1000;

function store(handle: DbHandle, prefix = 'test:'): PostgresRateLimitStore {
  const s = new PostgresRateLimitStore(handle.db, prefix);
  s.init({ windowMs: WINDOW_MS } as Options);
  return s;
}

/** Moves a key's window into the past, as if WINDOW_MS had gone by. */
const expire = (handle: DbHandle, key: string) => sql`update rate_limits set reset_at = now() - interval '1 second' where key = ${key}`.execute(handle.db);

describe('the Postgres rate-limit store', () => {
  let handle: DbHandle;
  before(async () => {
    handle = await testDatabase();
  });

  it('counts concurrent hits from several stores exactly, in one window', async () => {
    const stores = [store(handle), store(handle), store(handle)];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 3]!.increment('busy')));
    assert.deepEqual(results.map((r) => r.totalHits).sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));
    assert.equal(new Set(results.map((r) => r.resetTime!.getTime())).size, 1, 'one window');
    const left = results[0]!.resetTime!.getTime() - Date.now();
    assert.ok(left > WINDOW_MS - 60_000 && left <= WINDOW_MS + 60_000, `window ends in ${left} ms`);
    assert.equal((await stores[0]!.get('busy'))?.totalHits, 40);
  });

  it('starts a new window after the old one ends', async () => {
    const s = store(handle);
    await s.increment('again');
    await s.increment('again');
    await expire(handle, 'test:again');
    assert.equal(await s.get('again'), undefined);
    assert.equal((await s.increment('again')).totalHits, 1);
  });

  it('takes hits back, never below zero, and forgets a key on reset', async () => {
    const s = store(handle);
    await s.increment('down');
    await s.decrement('down');
    await s.decrement('down');
    assert.equal((await s.get('down'))?.totalHits, 0);
    assert.equal((await s.increment('down')).totalHits, 1);
    await s.resetKey('down');
    assert.equal(await s.get('down'), undefined);
  });

  it('keeps prefixes apart', async () => {
    await store(handle, 'a:').increment('same');
    assert.equal((await store(handle, 'b:').increment('same')).totalHits, 1);
  });

  it('prunes expired counters', async () => {
    const s = store(handle);
    await s.increment('old');
    await expire(handle, 'test:old');
    await store(handle).increment('new');
    const keys = (await sql<{ key: string }>`select key from rate_limits where key in ('test:old', 'test:new')`.execute(handle.db)).rows;
    assert.deepEqual(keys.map((r) => r.key), ['test:new']);
  });
});
