import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { BOB_QUOTE, SHARED_QUOTE, seedReview } from './seed.ts';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

describe('review API: verify, correct, reject', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let editor: Agent;
  const send = (who: Agent, path: string, body: object) => who.agent.post(path).set('x-csrf-token', who.csrfToken).send(body);
  const cluster = async (statementId: number) =>
    (await t.handle.pool.query('select c.* from quote_clusters c join statements s on s.cluster_id = c.id where s.id = $1', [statementId])).rows[0];

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    editor = await loggedIn(t, 'editor');
  });

  it('refuses anonymous (401), readers and annotators (403) on verify, and a missing CSRF token (403)', async () => {
    await request(t.app).post(`/api/statements/${seed.bobQuote}/verify`).send({ version: 1 }).expect(401);
    const reader = await loggedIn(t, 'reader');
    await send(reader, `/api/statements/${seed.bobQuote}/verify`, { version: 1 }).expect(403);
    const annotator = await loggedIn(t, 'annotator');
    await send(annotator, `/api/statements/${seed.bobQuote}/verify`, { version: 1 }).expect(403);
    await editor.agent.post(`/api/statements/${seed.bobQuote}/verify`).send({ version: 1 }).expect(403);
    const versions = (await t.handle.pool.query('select count(*)::int as n from attributions where statement_id = $1', [seed.bobQuote])).rows[0].n;
    assert.equal(versions, 1, 'nothing was written');
  });

  it('refuses unknown fields and bad values with 400 naming the field', async () => {
    const res = await send(editor, `/api/statements/${seed.bobQuote}/verify`, { version: 1, speaker: 'x' }).expect(400);
    assert.deepEqual(res.body.issues.map((i: { field: string }) => i.field), ['speaker']);
    const bad = await send(editor, `/api/statements/${seed.bobQuote}/correct`, { version: 'one', reason: 'a\u0000b' }).expect(400);
    assert.deepEqual(bad.body.issues.map((i: { field: string }) => i.field).sort(), ['reason', 'version']);
    await send(editor, '/api/statements/99999999/verify', { version: 1 }).expect(404);
  });

  it('verifies: a new version with who and why, the old one kept, audited', async () => {
    const res = await send(editor, `/api/statements/${seed.bobQuote}/verify`, { version: 1, reason: 'Checked the video' }).expect(201);
    assert.equal(res.body.statement.status, 'verified');
    assert.equal(res.body.version, 2);
    assert.deepEqual(res.body.attributions.map((a: { version: number; status: string; isCurrent: boolean }) => [a.version, a.status, a.isCurrent]), [[1, 'machine', false], [2, 'verified', true]]);
    const v2 = res.body.attributions[1];
    assert.equal(v2.createdBy, editor.username);
    assert.equal(v2.reason, 'Checked the video');
    assert.equal(v2.speaker.id, seed.bobId);
    const audit = (await t.handle.pool.query(`select action, before, after from audit_log where entity_type = 'attribution' and action = 'verify'`)).rows;
    assert.equal(audit.length, 1);
    assert.equal(audit[0].before.status, 'machine');
    assert.equal(audit[0].after.status, 'verified');
    assert.equal(audit[0].after.reason, 'Checked the video');
  });

  it('answers 409 on a stale version, with the current and the submitted version, and saves nothing', async () => {
    const res = await send(editor, `/api/statements/${seed.bobQuote}/reject`, { version: 1, reason: 'made on the old page' }).expect(409);
    assert.equal(res.body.status, 409);
    assert.equal(res.body.current.version, 2);
    assert.equal(res.body.current.status, 'verified');
    assert.equal(res.body.submitted.version, 1);
    assert.equal(res.body.submitted.reason, 'made on the old page');
    const current = (await t.handle.pool.query('select status from attributions where statement_id = $1 and is_current', [seed.bobQuote])).rows[0];
    assert.equal(current.status, 'verified');
  });

  it('corrects the speaker: search, speaker pages and the cluster conflict follow at once', async () => {
    assert.equal((await cluster(seed.annQuote)).conflicting, false, 'both copies credit Ann before');
    const res = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 1, speakerId: seed.bobId, roleText: 'Party spokesman', reason: 'Video shows Bob' }).expect(201);
    assert.equal(res.body.statement.speaker.id, seed.bobId);
    assert.equal(res.body.statement.role, 'Party spokesman');
    assert.deepEqual(res.body.attributions.map((a: { status: string; speaker: { id: number } }) => [a.status, a.speaker.id]), [['machine', seed.annId], ['corrected', seed.bobId]]);

    const search = await request(t.app).get('/api/search').query({ speaker: 'Bob Other' }).expect(200);
    assert.ok(search.body.hits.some((h: { id: number }) => h.id === seed.annQuote), 'search by the new speaker finds it');
    const old = await request(t.app).get('/api/search').query({ speaker: 'Ann Example' }).expect(200);
    assert.ok(!old.body.hits.some((h: { id: number }) => h.id === seed.annQuote), 'search by the old speaker does not');
    const bobPage = await request(t.app).get(`/speakers/${seed.bobId}`).expect(200);
    assert.ok(bobPage.text.includes(`#s-${seed.annQuote}"`), 'the new speaker page lists it');
    const annPage = await request(t.app).get(`/speakers/${seed.annId}`).expect(200);
    assert.ok(!annPage.text.includes(`#s-${seed.annQuote}"`), 'the old speaker page no longer does');
    assert.ok(annPage.text.includes(`#s-${seed.rallyQuote}"`));
    const c = await cluster(seed.annQuote);
    assert.equal(c.conflicting, true, 'the same words now credit two speakers');
    assert.equal(c.speaker_count, 2);
  });

  it('refuses a correction that changes nothing, a missing or merged speaker, and both speaker forms', async () => {
    const version = 2;
    const nothing = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version, speakerId: seed.bobId, roleText: 'Party spokesman' }).expect(422);
    assert.equal(nothing.body.issues[0].field, 'speakerId');
    const missing = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version, speakerId: 99999999 }).expect(422);
    assert.equal(missing.body.issues[0].field, 'speakerId');
    const merged = (await t.handle.pool.query(`insert into speakers (canonical_name, kind, merged_into) values ('Old Bob', 'person', $1) returning id`, [seed.bobId])).rows[0].id;
    const res = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version, speakerId: merged }).expect(422);
    assert.match(res.body.issues[0].message, /merged into speaker/);
    const both = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version, speakerId: seed.annId, newSpeaker: { name: 'X Y', kind: 'person' } }).expect(422);
    assert.equal(both.body.issues[0].field, 'newSpeaker');
  });

  it('corrects to a new speaker, created with the name as alias', async () => {
    const res = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 2, newSpeaker: { name: 'Carol <b>Newname</b>', kind: 'person' } }).expect(201);
    const speaker = res.body.statement.speaker;
    assert.equal(speaker.name, 'Carol <b>Newname</b>');
    const aliases = (await t.handle.pool.query('select alias from speaker_aliases where speaker_id = $1', [speaker.id])).rows;
    assert.deepEqual(aliases, [{ alias: 'Carol <b>Newname</b>' }]);
    const page = await request(t.app).get(`/speakers/${speaker.id}`).expect(200);
    assert.ok(page.text.includes('Carol &lt;b&gt;Newname&lt;/b&gt;') && !page.text.includes('<b>Newname'), 'the name is shown escaped');
    const audit = (await t.handle.pool.query(`select after from audit_log where entity_type = 'speaker' and action = 'create' and entity_id = $1`, [speaker.id])).rows;
    assert.equal(audit[0].after.canonicalName, 'Carol <b>Newname</b>');
  });

  it('fixes the quote span: 422 outside the body or on another statement, else the statement text and search follow', async () => {
    const body = seed.first.bodyText;
    const length = [...body].length;
    const outside = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 3, quoteStart: 1, quoteEnd: length + 5 }).expect(422);
    assert.deepEqual(outside.body.issues.map((i: { field: string }) => i.field), ['quoteEnd']);
    const backwards = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 3, quoteStart: 10, quoteEnd: 5 }).expect(422);
    assert.equal(backwards.body.issues[0].field, 'quoteEnd');
    const alone = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 3, quoteStart: 10 }).expect(422);
    assert.equal(alone.body.issues[0].field, 'quoteEnd');
    const bobStart = body.indexOf(BOB_QUOTE);
    const collide = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 3, quoteStart: bobStart, quoteEnd: bobStart + BOB_QUOTE.length }).expect(422);
    assert.equal(collide.body.issues[0].field, 'quoteStart');

    const exampleBefore = (await t.handle.pool.query(`select doc_count from statement_words where word = 'exampl'`)).rows[0]?.doc_count ?? 0;
    assert.equal(exampleBefore, 0);
    // Widen the span to take in the closing words of the sentence ("said Ann Example").
    const start = body.indexOf(SHARED_QUOTE);
    const end = body.indexOf('Example') + 'Example'.length;
    const res = await send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 3, quoteStart: start, quoteEnd: end, reason: 'span' }).expect(201);
    assert.equal(res.body.statement.text, body.slice(start, end));
    assert.deepEqual([res.body.statement.start, res.body.statement.end], [start, end]);
    const v4 = res.body.attributions.at(-1);
    assert.deepEqual([v4.version, v4.quoteStart, v4.quoteEnd], [4, start, end]);
    const row = (await t.handle.pool.query('select normalized_text, cluster_id from statements where id = $1', [seed.annQuote])).rows[0];
    assert.match(row.normalized_text, /said ann example$/);
    const counts = (await t.handle.pool.query(`select word, doc_count from statement_words where word in ('exampl', 'tax') order by word`)).rows;
    assert.deepEqual(counts, [{ word: 'exampl', doc_count: 1 }, { word: 'tax', doc_count: 2 }], 'word counts follow the new text');
    const search = await request(t.app).get('/api/search').query({ q: 'taxes said example', speaker: 'Carol <b>Newname</b>' }).expect(200);
    assert.deepEqual(search.body.hits.map((h: { id: number }) => h.id), [seed.annQuote], 'the search row holds the new words');
  });

  it('rejects: no speaker any more, dropped from speaker pages and cluster conflicts, struck through on the article page', async () => {
    // Put the copy back in conflict first: the rally quote credited to Bob, the first one to Ann.
    await send(editor, `/api/statements/${seed.rallyQuote}/correct`, { version: 1, speakerId: seed.bobId }).expect(201);
    const clusterId = (await t.handle.pool.query('select cluster_id from statements where id = $1', [seed.rallyQuote])).rows[0].cluster_id;
    const res = await send(editor, `/api/statements/${seed.bobQuote}/reject`, { version: 2, rejectReason: 'not_attributable', reason: 'Anonymous in the original' }).expect(201);
    assert.equal(res.body.statement.status, 'rejected');
    assert.equal(res.body.statement.speaker, null);
    assert.equal(res.body.attributions.at(-1).rejectReason, 'not_attributable');
    const bobPage = await request(t.app).get(`/speakers/${seed.bobId}`).expect(200);
    assert.ok(!bobPage.text.includes(`#s-${seed.bobQuote}"`), 'the speaker page drops it');
    const speakerIdInSearch = (await t.handle.pool.query('select speaker_id from statement_search where id = $1', [seed.bobQuote])).rows[0].speaker_id;
    assert.equal(speakerIdInSearch, null);
    const article = await request(t.app).get(`/articles/${seed.first.id}`).expect(200);
    assert.match(article.text, /class="statement statement-quote statement-rejected"/);
    assert.ok(clusterId !== null);
    const verifyRejected = await send(editor, `/api/statements/${seed.bobQuote}/verify`, { version: 3 }).expect(422);
    assert.equal(verifyRejected.body.issues[0].field, 'version');
  });

  it('re-clusters a statement whose span changed, and drops a rejected one from the cluster conflict', async () => {
    const clusterOf = async (id: number) => (await t.handle.pool.query('select c.id, c.conflicting, c.speaker_count, c.member_count from quote_clusters c join statements s on s.cluster_id = c.id where s.id = $1', [id])).rows[0];
    // The widened quote (Carol's now) still reads near-verbatim like the rally copy (Bob's): one cluster, two speakers.
    const before = await clusterOf(seed.rallyQuote);
    assert.equal((await clusterOf(seed.annQuote))?.id, before.id);
    assert.deepEqual([before.member_count, before.speaker_count, before.conflicting], [2, 2, true]);
    const version = (await t.handle.pool.query('select version from attributions where statement_id = $1 and is_current', [seed.rallyQuote])).rows[0].version;
    await send(editor, `/api/statements/${seed.rallyQuote}/reject`, { version }).expect(201);
    const after = await clusterOf(seed.rallyQuote);
    assert.deepEqual([after.member_count, after.speaker_count, after.conflicting], [2, 1, false], 'a rejected attribution credits nobody');
  });

  it('GET /api/statements/:id gives the whole history in camelCase', async () => {
    const res = await request(t.app).get(`/api/statements/${seed.annQuote}`).expect(200);
    assert.deepEqual(res.body.attributions.map((a: { version: number; status: string }) => [a.version, a.status]), [[1, 'machine'], [2, 'corrected'], [3, 'corrected'], [4, 'corrected']]);
    assert.deepEqual(Object.keys(res.body.attributions[0]).sort(), ['confidence', 'createdAt', 'createdBy', 'evidence', 'extractorVersion', 'isCurrent', 'mention', 'quoteEnd', 'quoteStart', 'reason', 'rejectReason', 'roleText', 'speaker', 'status', 'version'].sort());
  });

  it('lets only one of two simultaneous reviews of one version through; the other gets 409', async () => {
    const other = await loggedIn(t, 'editor');
    const [a, b] = await Promise.all([
      send(editor, `/api/statements/${seed.annQuote}/correct`, { version: 4, speakerId: seed.annId }),
      send(other, `/api/statements/${seed.annQuote}/correct`, { version: 4, speakerId: seed.bobId }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [201, 409]);
    const versions = (await t.handle.pool.query('select version, is_current from attributions where statement_id = $1 order by version', [seed.annQuote])).rows;
    assert.deepEqual(versions.map((v) => [v.version, v.is_current]), [[1, false], [2, false], [3, false], [4, false], [5, true]]);
  });
});
