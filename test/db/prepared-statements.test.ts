import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { MAX_PREPARED_PER_CONNECTION } from '../../src/db/prepared-statements.ts';
import { testDatabase } from '../helpers/database.ts';

const onServer = Boolean(process.env.TEST_DATABASE_URL);

/** Statements prepared on this connection whose text holds the marker. */
async function preparedWith(trx: Transaction<Database>, marker: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`.execute(trx);
  return r.rows[0]!.n;
}

describe('prepared statements', () => {
  it('prepares a parameterized query once per connection and reuses it', { skip: !onServer && 'only on a real server' }, async () => {
    const { db } = await testDatabase();
    await db.transaction().execute(async (trx) => {
      for (const n of [1, 2, 3]) {
        const r = await sql<{ v: number }>`select ${n}::int + 1 as v /* marker_reused */`.execute(trx);
        assert.equal(r.rows[0]!.v, n + 1);
      }
      assert.equal(await preparedWith(trx, 'marker_reused'), 1);
      await sql`select 1 /* marker_plain */`.execute(trx);
      assert.equal(await preparedWith(trx, 'marker_plain'), 0, 'a query without parameters may hold several statements: never named');
    });
  });

  it('stops naming new texts on a connection past the cap, and still runs them', { skip: !onServer && 'only on a real server' }, async () => {
    const { db } = await testDatabase();
    await db.transaction().execute(async (trx) => {
      const texts = MAX_PREPARED_PER_CONNECTION + 10;
      for (let i = 0; i < texts; i++) {
        const r = await sql<{ v: number }>`select ${i}::int as v, ${sql.raw(`'marker_cap_${i}'`)} as m`.execute(trx);
        assert.equal(r.rows[0]!.v, i);
      }
      const named = await preparedWith(trx, 'marker_cap_');
      assert.ok(named <= MAX_PREPARED_PER_CONNECTION && named > 0, `${named} named`);
    });
  });

  it('leaves the embedded database unprepared: its one session is shared by every client', { skip: onServer && 'embedded only' }, async () => {
    const { db } = await testDatabase();
    await db.transaction().execute(async (trx) => {
      await sql`select ${1}::int as v /* marker_embedded */`.execute(trx);
      assert.equal(await preparedWith(trx, 'marker_embedded'), 0);
    });
  });
});
