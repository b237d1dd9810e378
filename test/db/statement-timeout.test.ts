import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { withStatementTimeout } from '../../src/db/statement-timeout.ts';
import { testDatabase } from '../helpers/database.ts';

const onServer = Boolean(process.env.TEST_DATABASE_URL);

describe('withStatementTimeout', () => {
  it('returns the value of a query that finishes in time', async () => {
    const { db } = await testDatabase();
    const r = await withStatementTimeout(db, 5000, async (trx) => (await sql<{ n: number }>`select 41 + 1 as n`.execute(trx)).rows[0]!.n);
    assert.deepEqual(r, { timedOut: false, value: 42 });
  });

  it('stops a query that runs too long and says so', { skip: !onServer && 'embedded PGlite ignores statement_timeout' }, async () => {
    const { db } = await testDatabase();
    const r = await withStatementTimeout(db, 50, (trx) => sql`select pg_sleep(2)`.execute(trx));
    assert.deepEqual(r, { timedOut: true });
    const after = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    assert.equal(after.rows[0]!.ok, 1, 'the pool is still usable, the timeout did not leak');
  });
});
