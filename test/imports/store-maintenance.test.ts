import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { maintainStoreTables, scheduleStoreMaintenance, STORE_MAINTENANCE_LOCK } from '../../src/imports/store-maintenance.ts';
import { connectAgain, testDatabase } from '../helpers/database.ts';

// Bulk ingestion (issue 14): workers vacuum and analyze the tables stores write, one worker
// at a time, so plans follow the tables' growth where autovacuum lags (or is off).
const skip = process.env.TEST_DATABASE_URL ? false : 'workers need a PostgreSQL server: set TEST_DATABASE_URL (the embedded database imports inline only)';

describe('store table maintenance', { skip }, () => {
  it('analyzes the store tables, and does nothing while another worker runs it', async () => {
    const handle = await testDatabase();
    const other = await connectAgain(handle);
    const analyzed = async () =>
      (await sql<{ relname: string; last_analyze: Date | null; last_vacuum: Date | null }>`
        select relname, last_analyze, last_vacuum from pg_stat_user_tables
        where relname in ('statements', 'statement_words') order by relname`.execute(handle.db)).rows;
    assert.ok((await analyzed()).every((r) => r.last_analyze === null), 'a new database has not been analyzed');

    // Another worker's pass holds the lock: this one skips at once instead of waiting.
    await other.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${STORE_MAINTENANCE_LOCK}, 0)`.execute(conn);
      try {
        assert.equal(await maintainStoreTables(handle.writeDb), false);
      } finally {
        await sql`select pg_advisory_unlock(${STORE_MAINTENANCE_LOCK}, 0)`.execute(conn);
      }
    });
    assert.ok((await analyzed()).every((r) => r.last_analyze === null));

    assert.equal(await maintainStoreTables(handle.writeDb), true);
    // The statistics collector reports with a short delay.
    let rows = await analyzed();
    for (let i = 0; i < 50 && rows.some((r) => r.last_analyze === null); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await analyzed();
    }
    assert.deepEqual(rows.map((r) => [r.relname, r.last_analyze !== null]), [['statement_words', true], ['statements', true]]);
    assert.ok(rows.find((r) => r.relname === 'statement_words')!.last_vacuum !== null, 'the counters are vacuumed');
  });

  it('runs on schedule only after the worker processed records', async () => {
    const handle = await testDatabase();
    const lastAnalyze = async () =>
      (await sql<{ at: Date | null }>`select last_analyze as at from pg_stat_user_tables where relname = 'statements'`.execute(handle.db)).rows[0]!.at;
    const errors: Error[] = [];
    const schedule = scheduleStoreMaintenance(handle.writeDb, 1, (err) => errors.push(err));
    try {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.equal(await lastAnalyze(), null, 'an idle worker runs no pass');
      schedule.noteRecord();
      let at = await lastAnalyze();
      // The timer fires within a second; the pass itself may take seconds on a loaded machine.
      for (let i = 0; i < 300 && at === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        at = await lastAnalyze();
      }
      assert.ok(at !== null, 'a pass ran after a record');
    } finally {
      await schedule.stop();
    }
    assert.deepEqual(errors, []);
  });
});
