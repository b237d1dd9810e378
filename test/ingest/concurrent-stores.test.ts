import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import type { DbHandle } from '../../src/db/connect.ts';
import { ingestArticle } from '../../src/ingest/ingest-article.ts';
import { builtArticle } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';
import { connectAgain } from '../helpers/database.ts';

// Issue 9: four concurrent stores quoting the same new person made four speakers, and the
// conflict detector then reported their shared quote as "credited to 4 different people".
// On a server each store runs on handles of its own (pools, connections), all at once.
// Embedded PGlite has one connection: there the stores queue behind each other, which
// still checks the result, not the race.
const onServer = Boolean(process.env.TEST_DATABASE_URL);
const STORES = 6;

describe('concurrent stores', () => {
  let t: TestApp;
  let handles: DbHandle[];
  before(async () => {
    t = await testApp();
    handles = onServer ? [t.handle, ...(await Promise.all(Array.from({ length: STORES - 1 }, () => connectAgain(t.handle))))] : [t.handle];
  });

  /** Stores all texts at once, the i-th through handle i and from outlet(i); every one must be created. */
  async function storeAtOnce(texts: string[], outlet: (i: number) => string) {
    const results = await Promise.all(
      texts.map(async (text, i) =>
        ingestArticle({ db: handles[i % handles.length]!.writeDb, statementTimeoutMs: 30_000 }, await builtArticle({ text, outlet: outlet(i), published: `2024-05-0${(i % 9) + 1}` })),
      ),
    );
    assert.ok(results.every((r) => r.created && r.statementCount === 1), JSON.stringify(results));
    return results;
  }
  const rows = async (sql: string, params: unknown[] = []) => (await t.handle.pool.query(sql, params)).rows;

  // Outlets differ: a store of a new outlet waits for another store of it to commit, so
  // sharing one would line the stores up before they resolve speakers.
  it(`${STORES} stores quoting one new person (with and without a middle initial) make one speaker, one role, no conflict`, async () => {
    const quote = 'Hospitals must never be a target in any conflict, whatever the cause';
    const texts = Array.from({ length: STORES }, (_, i) =>
      `"${quote}," Freedonia's health minister ${i % 2 ? 'Ilse K. Varnhagen' : 'Ilse Varnhagen'} said on Tuesday.\n\nThe ministry published figures for region ${i}.`);
    const results = await storeAtOnce(texts, (i) => `Freedonia Ledger ${i}`);

    const speakers = await rows(`select id from speakers where canonical_name like '%Varnhagen'`);
    assert.equal(speakers.length, 1, 'one speaker');
    const credited = await rows('select distinct a.speaker_id from attributions a join statements s on s.id = a.statement_id where s.article_id = any($1)', [results.map((r) => r.articleId)]);
    assert.deepEqual(credited, [{ speaker_id: speakers[0].id }]);
    const aliases = (await rows('select normalized_alias from speaker_aliases where speaker_id = $1 order by 1', [speakers[0].id])).map((r) => r.normalized_alias);
    assert.ok(aliases.includes('ilse varnhagen') && aliases.includes('ilse k varnhagen'), aliases.join(', '));
    assert.equal((await rows('select id from roles where speaker_id = $1', [speakers[0].id])).length, 1, 'one role');

    const conflicting = await request(t.app).get('/api/clusters?conflicting=true').expect(200);
    assert.equal(conflicting.body.clusters.filter((c: { longestText: string }) => c.longestText?.startsWith('Hospitals must never')).length, 0, 'no false conflict');
    const clusters = (await rows('select distinct cluster_id from statements where article_id = any($1)', [results.map((r) => r.articleId)])).map((r) => r.cluster_id);
    assert.equal(clusters.length, 1, 'the shared quote forms one cluster');
    const cluster = await request(t.app).get(`/api/clusters/${clusters[0]}`).expect(200);
    assert.equal(cluster.body.cluster.memberCount, STORES);
    assert.equal(cluster.body.cluster.conflicting, false);
  });

  it(`${STORES} stores quoting one new organization make one speaker`, async () => {
    const texts = Array.from({ length: STORES }, (_, i) =>
      `"The allegations are baseless and we reject them completely," the Freedonian Ministry of Ports said in a statement.\n\nShipping resumed at dock ${i}.`);
    await storeAtOnce(texts, (i) => `Harbour Weekly ${i}`);
    assert.equal((await rows(`select id from speakers where canonical_name ilike '%Ministry of Ports%'`)).length, 1);
  });

  it(`${STORES} stores from one new outlet make one outlet`, async () => {
    const texts = Array.from({ length: STORES }, (_, i) => `"Tolls on the bridge will double next year," the Freedonian transport minister Piet Oosterhuis said.\n\nNote ${i}.`);
    const results = await storeAtOnce(texts, () => 'The Freedonia Ledger');
    const outlets = await rows(`select id from outlets where name = 'The Freedonia Ledger'`);
    assert.equal(outlets.length, 1);
    assert.deepEqual(await rows('select distinct outlet_id from articles where id = any($1)', [results.map((r) => r.articleId)]), [{ outlet_id: outlets[0].id }]);
  });
});
