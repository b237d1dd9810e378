import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { EXTRACTOR_VERSION } from '../../src/extraction/index.ts';
import { importProgress } from '../../src/imports/imports.queries.ts';
import { queuedRecordIds } from '../../src/imports/import-records.queries.ts';
import { startQueue, stopQueue } from '../../src/imports/queue.ts';
import { createReextraction, selectArticlesToReextract } from '../../src/imports/reextract-selection.ts';
import { runRecordInline } from '../../src/imports/run-inline.ts';
import { runWorker } from '../../src/imports/run-worker.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedReview } from '../review/seed.ts';

const QUEUE = { retryLimit: 1, retryDelaySeconds: 0, expireSeconds: 60, maintenanceSeconds: 1 };

// Re-extraction through the import queue (issue 14, point 4): on a server a worker takes the
// jobs (runWorker, as `npm run worker` runs it); on the embedded database the records are
// processed inline (as `npm run reextract` does there).
describe('re-extraction through the import queue', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let plainId: number;

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    const editor = await loggedIn(t, 'editor');
    await editor.agent.post(`/api/statements/${seed.annQuote}/correct`).set('x-csrf-token', editor.csrfToken)
      .send({ version: 1, speakerId: seed.bobId, reason: 'checked the video' }).expect(201);
    const user = (await t.handle.pool.query('select id from users limit 1')).rows[0].id;
    await t.handle.pool.query(`insert into annotations (user_id, statement_id, body, visibility) values ($1, $2, 'Matches the transcript', 'shared')`, [user, seed.bobQuote]);
    const plain = await storedArticle(t.handle.db, { title: 'Untouched', outlet: 'Other Paper', text: '"We will build the bridge," said Mayor Lena Brandt on Monday.' });
    await storeStatements(t.handle.db, plain, [statementOn(plain.bodyText, 'We will build')], 'old-0.1');
    plainId = plain.id;
  });

  it('selects by outlet and by the day stored', async () => {
    const db = t.handle.db;
    assert.deepEqual(await selectArticlesToReextract(db, { all: true, outlet: '  DAILY review ' }), [seed.first.id]);
    assert.deepEqual(await selectArticlesToReextract(db, { all: true, since: new Date(Date.now() + 86_400_000) }), []);
    assert.ok((await selectArticlesToReextract(db, { all: false })).includes(plainId), 'an article of an older extractor version is taken by default');
  });

  it('replaces machine statements and keeps corrected and annotated ones where they were', async () => {
    const db = t.handle.db;
    const before = (await t.handle.pool.query('select id, start_offset, end_offset from statements where id = any($1) order by id', [[seed.annQuote, seed.bobQuote]])).rows;
    const url = (t.handle.pool.options as { connectionString?: string }).connectionString;
    const boss = t.handle.kind === 'postgres' && url ? await startQueue(url, QUEUE, { supervise: true, onError: (err) => assert.fail(err) }) : null;
    const { importId, articles } = await createReextraction(t.handle.writeDb, boss, { all: true });
    assert.equal(articles, 3);
    const ctx = { store: { db: t.handle.writeDb, statementTimeoutMs: 60_000 }, readers: t.readers };
    if (boss) {
      const stop = new AbortController();
      const working = runWorker(boss, ctx, { concurrency: 2, idlePollMs: 100 }, stop.signal);
      while (!(await importProgress(db, importId))!.finishedAt) await new Promise((r) => setTimeout(r, 100));
      stop.abort();
      await working;
      await stopQueue(boss);
    } else {
      for (const id of await queuedRecordIds(db, importId)) await runRecordInline(ctx, id, QUEUE);
    }
    const progress = (await importProgress(db, importId))!;
    assert.deepEqual([progress.stored, progress.failed, progress.queued], [3, 0, 0]);
    assert.ok(progress.finishedAt);

    const after = (await t.handle.pool.query('select id, start_offset, end_offset from statements where id = any($1) order by id', [[seed.annQuote, seed.bobQuote]])).rows;
    assert.deepEqual(after, before, 'the corrected and the annotated statement keep their ids and offsets');
    const history = (await t.handle.pool.query('select version, status, speaker_id, reason from attributions where statement_id = $1 order by version', [seed.annQuote])).rows;
    assert.deepEqual(history.map((h) => [h.version, h.status, h.speaker_id, h.reason]), [[1, 'machine', seed.annId, null], [2, 'corrected', seed.bobId, 'checked the video']]);
    const notes = (await t.handle.pool.query('select body from annotations where statement_id = $1', [seed.bobQuote])).rows;
    assert.deepEqual(notes, [{ body: 'Matches the transcript' }]);
    const plain = (await t.handle.pool.query(
      `select a.extractor_version, array_agg(sp.canonical_name) as speakers from articles a join statements s on s.article_id = a.id
       join attributions at on at.statement_id = s.id and at.is_current join speakers sp on sp.id = at.speaker_id where a.id = $1 group by a.id`, [plainId])).rows[0];
    assert.equal(plain.extractor_version, EXTRACTOR_VERSION, 'the untouched article was read again by this extractor');
    assert.deepEqual(plain.speakers, ['Lena Brandt']);
  });
});
