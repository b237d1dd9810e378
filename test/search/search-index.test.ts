import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import request from 'supertest';
import { type TestApp, testApp } from '../helpers/app.ts';
import { buildCorpus, texts } from './corpus.ts';

// statement_search (denormalized rows the search filters on) must follow every write.
describe('the search rows follow the data', () => {
  let t: TestApp;
  const found = async (query: Record<string, string>) => texts((await request(t.app).get('/api/search').query({ sort: 'oldest', ...query }).expect(200)).body);
  before(async () => {
    t = await testApp();
    await buildCorpus(t.handle.db);
  });

  it('has one row per statement, with its article outlet and date and current speaker', async () => {
    const r = await sql<{ n: number; missing: number }>`
      select (select count(*)::int from statement_search) as n,
             (select count(*)::int from statements s join statement_search ss using (id)
               join articles a on a.id = s.article_id join attributions at on at.statement_id = s.id and at.is_current
               where ss.outlet_id is distinct from a.outlet_id or ss.published_at is distinct from a.published_at
                  or ss.speaker_id is distinct from at.speaker_id or ss.kind <> s.kind) as missing`.execute(t.handle.db);
    assert.deepEqual(r.rows[0], { n: 8, missing: 0 });
  });

  it('follows an article moved to another outlet and date', async () => {
    const other = await t.handle.db.selectFrom('outlets').select('id').where('name', '=', 'Other Times').executeTakeFirstOrThrow();
    await sql`update articles set outlet_id = ${other.id}, published_at = '2020-01-01T00:00:00Z' where title = 'Undated note'`.execute(t.handle.db);
    assert.deepEqual(await found({ q: 'servers', outlet: 'Other Times' }), ['Servers were never attacked by us']);
    assert.deepEqual(await found({ q: 'servers', to: '2020-12-31' }), ['Servers were never attacked by us']);
  });

  it('follows a corrected attribution (a new current version)', async () => {
    const st = await t.handle.db.selectFrom('statements').select('id').where('text', '=', 'Ransom payments fund crime').executeTakeFirstOrThrow();
    const blinken = await t.handle.db.selectFrom('speakers').select('id').where('canonical_name', '=', 'Antony Blinken').executeTakeFirstOrThrow();
    await t.handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('attributions').set({ is_current: false }).where('statement_id', '=', st.id).execute();
      await trx.insertInto('attributions').values({ statement_id: st.id, version: 2, speaker_id: blinken.id, status: 'corrected' }).execute();
    });
    assert.ok((await found({ speaker: 'Antony Blinken' })).includes('Ransom payments fund crime'));
    assert.ok(!(await found({ speaker: 'Ned Price' })).includes('Ransom payments fund crime'));
    assert.deepEqual(await found({ status: 'corrected' }), ['Ransom payments fund crime']);
  });

  it('drops the rows of deleted statements', async () => {
    await sql`delete from articles where title = 'Hack denied'`.execute(t.handle.db);
    assert.deepEqual(await found({ q: 'hack' }), []);
    const n = await sql<{ n: number }>`select count(*)::int as n from statement_search`.execute(t.handle.db);
    assert.equal(n.rows[0]!.n, 5);
  });
});
