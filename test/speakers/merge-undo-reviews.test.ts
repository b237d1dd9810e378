import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedReview } from '../review/seed.ts';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

// Issue #10 tester findings: undoing a merge takes the reviews made during it back with the
// attributions they reviewed; a person and an organization never merge.

describe('undoing a merge after reviews of the moved attributions', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let editor: Agent;
  const send = (path: string, body: object) => editor.agent.post(path).set('x-csrf-token', editor.csrfToken).send(body);
  const version = async (speakerId: number) => (await t.handle.pool.query('select version from speakers where id = $1', [speakerId])).rows[0].version as number;
  const history = async (statementId: number) =>
    (await editor.agent.get(`/api/statements/${statementId}`).expect(200)).body.attributions.map((a: { version: number; status: string; speaker: { id: number } | null }) => [a.version, a.status, a.speaker?.id ?? null]);

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    editor = await loggedIn(t, 'editor');
  });

  it('gives back verifications and speaker-keeping corrections; deliberate choices and other statements stay', async () => {
    const { annId, bobId, annQuote, rallyQuote, bobQuote } = seed;
    const merge = await send(`/api/speakers/${bobId}/merge`, { otherSpeakerId: annId, version: await version(bobId), otherVersion: await version(annId) }).expect(201);
    const mergeId = merge.body.merge.id as number;

    // During the merge: Ann's quote is verified, then its role corrected (both keep "Bob").
    await send(`/api/statements/${annQuote}/verify`, { version: 1, reason: 'checked' }).expect(201);
    await send(`/api/statements/${annQuote}/correct`, { version: 2, roleText: 'the minister' }).expect(201);
    // The rally quote goes to a new speaker, then deliberately back to Bob: that choice stays.
    const carol = await send(`/api/statements/${rallyQuote}/correct`, { version: 1, newSpeaker: { name: 'Carol New', kind: 'person' } }).expect(201);
    const carolId = carol.body.statement.speaker.id as number;
    await send(`/api/statements/${rallyQuote}/correct`, { version: 2, speakerId: bobId }).expect(201);
    // Bob's own quote, verified during the merge, was never Ann's.
    await send(`/api/statements/${bobQuote}/verify`, { version: 1 }).expect(201);
    assert.deepEqual(await history(annQuote), [[1, 'machine', bobId], [2, 'verified', bobId], [3, 'corrected', bobId]]);

    const undo = await send(`/api/speaker-merges/${mergeId}/undo`, {}).expect(200);
    const annVersions = (await t.handle.pool.query('select id, version from attributions where statement_id = $1 and version > 1 order by version', [annQuote])).rows;
    assert.deepEqual(undo.body.merge.movedReviews, annVersions.map((r) => ({ attributionId: r.id, statementId: annQuote, version: r.version })));

    assert.deepEqual(await history(annQuote), [[1, 'machine', annId], [2, 'verified', annId], [3, 'corrected', annId]]);
    const statement = (await editor.agent.get(`/api/statements/${annQuote}`).expect(200)).body.statement;
    assert.equal(statement.speaker.id, annId, 'the statement reads "corrected: Ann" again');
    assert.deepEqual(await history(rallyQuote), [[1, 'machine', annId], [2, 'corrected', carolId], [3, 'corrected', bobId]]);
    assert.deepEqual(await history(bobQuote), [[1, 'machine', bobId], [2, 'verified', bobId]]);

    const audit = (await t.handle.pool.query(`select after from audit_log where action = 'undo_merge'`)).rows;
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].after.movedReviews, undo.body.merge.movedReviews);
    const annPage = await editor.agent.get(`/speakers/${annId}`).expect(200);
    assert.match(annPage.text, new RegExp(`#s-${annQuote}"`), "Ann's page lists her verified quote again");
  });

  it('says on the page how many reviews went back', async () => {
    const { annId, bobId, annQuote } = seed;
    const merge = await send(`/api/speakers/${bobId}/merge`, { otherSpeakerId: annId, version: await version(bobId), otherVersion: await version(annId) }).expect(201);
    await send(`/api/statements/${annQuote}/verify`, { version: 3 }).expect(201);
    await editor.agent.post(`/speaker-merges/${merge.body.merge.id}/undo`).type('form').send({ _csrf: editor.csrfToken }).expect(303);
    const page = await editor.agent.get(`/speakers/${bobId}`).expect(200);
    assert.match(page.text, /Merge undone: speaker \d+ stands on its own again\. 1 review made during the merge went back with its attributions\./);
    assert.equal((await history(annQuote)).at(-1)[2], annId);
  });
});

describe('merging speakers of two kinds', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let editor: Agent;

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    editor = await loggedIn(t, 'editor');
  });

  it('refuses a person into an organization (422 naming otherSpeakerId), on the API and the page; nothing moves', async () => {
    const { annId, bobId } = seed;
    await editor.agent.patch(`/api/speakers/${bobId}`).set('x-csrf-token', editor.csrfToken).send({ version: 1, kind: 'organization' }).expect(200);
    const res = await editor.agent.post(`/api/speakers/${bobId}/merge`).set('x-csrf-token', editor.csrfToken).send({ otherSpeakerId: annId, version: 2, otherVersion: 1 }).expect(422);
    assert.deepEqual(res.body.issues, [{ field: 'otherSpeakerId', message: 'change the kind of one first: Ann Example is a person, Bob Other an organization' }]);
    const page = await editor.agent.post(`/speakers/${bobId}/merge`).type('form').send({ _csrf: editor.csrfToken, otherSpeakerId: String(annId), version: '2', otherVersion: '1' }).expect(422);
    assert.match(page.text, /The merge was not made/);
    assert.match(page.text, /change the kind of one first: Ann Example is a person, Bob Other an organization/);
    const rows = (await t.handle.pool.query('select id, merged_into from speakers where id = any($1) order by id', [[annId, bobId]])).rows;
    assert.deepEqual(rows.map((r) => r.merged_into), [null, null]);
    assert.equal((await t.handle.pool.query('select count(*)::int as n from speaker_merges')).rows[0].n, 0);
  });
});
