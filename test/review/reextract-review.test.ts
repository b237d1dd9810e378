import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { reextractArticle } from '../../src/ingest/reextract-article.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedReview } from './seed.ts';

describe('re-extraction after review', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  const send = (who: typeof editor, path: string, body: object) => who.agent.post(path).set('x-csrf-token', who.csrfToken).send(body);
  const reextract = (articleId: number) => reextractArticle({ db: t.handle.db, statementTimeoutMs: 60_000 }, articleId, t.readers);

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    editor = await loggedIn(t, 'editor');
  });

  it('keeps a corrected statement with its whole history and an annotated one with its annotation', async () => {
    await send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 1, speakerId: seed.bobId, reason: 'kept?' }).expect(201);
    const user = (await t.handle.pool.query('select id from users limit 1')).rows[0].id;
    await t.handle.pool.query(`insert into annotations (user_id, statement_id, body, visibility) values ($1, $2, 'Checked against the transcript', 'shared')`, [user, seed.bobQuote]);
    const r = await reextract(seed.first.id);
    assert.equal(r.removed, 0);
    assert.equal(r.kept, 2);
    const history = (await t.handle.pool.query('select version, status, speaker_id, reason from attributions where statement_id = $1 order by version', [seed.annQuote])).rows;
    assert.deepEqual(history.map((h) => [h.version, h.status, h.speaker_id, h.reason]), [[1, 'machine', seed.annId, null], [2, 'corrected', seed.bobId, 'kept?']]);
    const notes = (await t.handle.pool.query('select body from annotations where statement_id = $1', [seed.bobQuote])).rows;
    assert.deepEqual(notes, [{ body: 'Checked against the transcript' }]);
  });

  it('keeps a statement with a suggestion (pending or decided), and replaces an untouched machine one', async () => {
    const annotator = await loggedIn(t, 'annotator');
    await send(annotator, `/api/statements/${seed.rallyQuote}/suggestions`, { version: 1, roleText: 'Candidate' }).expect(201);
    const kept = await reextract(seed.second.id);
    assert.deepEqual([kept.removed, kept.kept], [0, 1]);
    const stillThere = (await t.handle.pool.query('select count(*)::int as n from attribution_suggestions where statement_id = $1', [seed.rallyQuote])).rows[0].n;
    assert.equal(stillThere, 1);

    const body = 'Plain words here. Nothing else to see in this line either.';
    const plain = await storedArticle(t.handle.db, { text: body, title: 'Untouched' });
    await storeStatements(t.handle.db, plain, [statementOn(plain.bodyText, 'Plain words')], 'old-0.1');
    const replaced = await reextract(plain.id);
    assert.deepEqual([replaced.removed, replaced.kept], [1, 0], 'the machine statement nobody touched goes');
  });
});
