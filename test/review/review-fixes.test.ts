import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedReview } from './seed.ts';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

// Issue #10 tester findings on the review workflow.

describe('review fixes', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let editor: Agent;
  let annotator: Agent;
  let queues: { editor: string; annotator: string };
  const send = (who: Agent, path: string, body: object) => who.agent.post(path).set('x-csrf-token', who.csrfToken).send(body);
  const q = (text: string, params: unknown[] = []) => t.handle.pool.query(text, params).then((r) => r.rows);
  const speakerVersion = async (id: number) => (await q('select version from speakers where id = $1', [id]))[0].version as number;

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    editor = await loggedIn(t, 'editor');
    annotator = await loggedIn(t, 'annotator');
    // The queue as it is before the tests below review every seeded statement.
    queues = { editor: (await editor.agent.get('/review').expect(200)).text, annotator: (await annotator.agent.get('/review').expect(200)).text };
  });

  it('names the suggester (and the decider) in the accept and decline answers', async () => {
    const first = await send(annotator, `/api/statements/${seed.bobQuote}/suggestions`, { version: 1, roleText: 'the critic' }).expect(201);
    assert.equal(first.body.suggestion.suggestedBy, annotator.username);
    const declined = await send(editor, `/api/suggestions/${first.body.suggestion.id}/decline`, { reason: 'no' }).expect(200);
    assert.equal(declined.body.suggestion.suggestedBy, annotator.username);
    assert.equal(declined.body.suggestion.decidedBy, editor.username);
    const second = await send(annotator, `/api/statements/${seed.bobQuote}/suggestions`, { version: 1, speakerId: seed.annId }).expect(201);
    assert.deepEqual(second.body.suggestion.speaker, { id: seed.annId, name: 'Ann Example' });
    const accepted = await send(editor, `/api/suggestions/${second.body.suggestion.id}/accept`, {}).expect(201);
    assert.equal(accepted.body.suggestion.suggestedBy, annotator.username);
    assert.equal(accepted.body.suggestion.decidedBy, editor.username);
    assert.equal(accepted.body.suggestion.status, 'accepted');
  });

  it('accepts a suggestion whose speaker was merged away since: the speaker it joined, through chains', async () => {
    const [carl] = await q(`insert into speakers (canonical_name, kind) values ('Carl Third', 'person') returning id`);
    const [dana] = await q(`insert into speakers (canonical_name, kind) values ('Dana Fourth', 'person') returning id`);
    const suggestion = await send(annotator, `/api/statements/${seed.rallyQuote}/suggestions`, { version: 1, speakerId: carl.id, reason: 'Carl said it' }).expect(201);
    await send(editor, `/api/speakers/${dana.id}/merge`, { otherSpeakerId: carl.id, version: await speakerVersion(dana.id), otherVersion: await speakerVersion(carl.id) }).expect(201);
    const [eve] = await q(`insert into speakers (canonical_name, kind) values ('Eve Fifth', 'person') returning id`);
    await send(editor, `/api/speakers/${eve.id}/merge`, { otherSpeakerId: dana.id, version: await speakerVersion(eve.id), otherVersion: await speakerVersion(dana.id) }).expect(201);
    const res = await send(editor, `/api/suggestions/${suggestion.body.suggestion.id}/accept`, {}).expect(201);
    assert.equal(res.body.statement.speaker.id, eve.id, 'Carl → Dana → Eve');
    assert.equal(res.body.attributions.at(-1).status, 'corrected');
  });

  it('verifying an already verified attribution with no reason adds nothing (API 200, page "already verified")', async () => {
    const id = seed.annQuote;
    const first = await send(editor, `/api/statements/${id}/verify`, { version: 1 }).expect(201);
    assert.equal(first.body.attributions.length, 2);
    const again = await send(editor, `/api/statements/${id}/verify`, { version: 2 }).expect(200);
    assert.equal(again.body.unchanged, true);
    assert.equal(again.body.version, 2);
    assert.deepEqual(again.body.attributions.map((a: { status: string }) => a.status), ['machine', 'verified']);
    await editor.agent.post(`/statements/${id}/verify`).type('form').send({ _csrf: editor.csrfToken, version: '2', reason: '' }).expect(303);
    const page = await editor.agent.get(`/statements/${id}`).expect(200);
    assert.match(page.text, /Already verified: nothing was added\./);
    assert.equal((await q('select count(*)::int as n from attributions where statement_id = $1', [id]))[0].n, 2);
    assert.equal((await q(`select count(*)::int as n from audit_log where action = 'verify' and (after->>'statementId')::int = $1`, [id]))[0].n, 1);
    // A new reason is a new review: it is kept as its own version.
    const withReason = await send(editor, `/api/statements/${id}/verify`, { version: 2, reason: 'Checked the recording' }).expect(201);
    assert.equal(withReason.body.version, 3);
    assert.equal(withReason.body.unchanged, false);
  });

  it('opens the statement for correcting from the queue: the first field of the correction form has autofocus', async () => {
    assert.match(queues.editor, new RegExp(`href="/statements/${seed.bobQuote}\\?review=correct"`));
    const opened = await editor.agent.get(`/statements/${seed.bobQuote}?review=correct`).expect(200);
    assert.match(opened.text, /<select id="c-speaker" name="speakerId" autofocus>/);
    assert.equal(opened.text.match(/autofocus/g)?.length, 1);
    const plain = await editor.agent.get(`/statements/${seed.bobQuote}`).expect(200);
    assert.doesNotMatch(plain.text, /autofocus/);
    const bad = await editor.agent.get(`/statements/${seed.bobQuote}?review=everything`).expect(400);
    assert.match(bad.text, /review/);
    await editor.agent.get(`/statements/${seed.bobQuote}?foo=1`).expect(400);
    assert.match(queues.annotator, /\?review=suggest"/);
    const suggest = await annotator.agent.get(`/statements/${seed.bobQuote}?review=suggest`).expect(200);
    assert.match(suggest.text, /<select id="g-speaker" name="speakerId" autofocus>/);
  });

  it('names the reject kinds in words, in the form and in the history', async () => {
    const page = await editor.agent.get(`/statements/${seed.bobQuote}`).expect(200);
    assert.match(page.text, /<option value="not_a_statement">Not a statement<\/option><option value="not_attributable">Not attributable<\/option>/);
    const version = (await editor.agent.get(`/api/statements/${seed.bobQuote}`).expect(200)).body.version;
    await send(editor, `/api/statements/${seed.bobQuote}/reject`, { version, rejectReason: 'not_attributable' }).expect(201);
    const after = await editor.agent.get(`/statements/${seed.bobQuote}`).expect(200);
    assert.match(after.text, /· Not attributable<\/p>/);
    assert.doesNotMatch(after.text, />[^<]*not_attributable[^<]*</);
  });

  it('shows a bad queue filter on the queue page itself (400), the filter as typed', async () => {
    const res = await editor.agent.get('/review?minConfidence=abc&outlet=Daily').expect(400);
    assert.match(res.text, /<h1>Review queue<\/h1>/);
    assert.match(res.text, /The filter was not applied/);
    assert.match(res.text, /id="q-min" type="text" inputmode="decimal" name="minConfidence" value="abc" aria-invalid="true" aria-describedby="q-min-error"/);
    assert.match(res.text, /<p class="field-error" id="q-min-error">minConfidence: must be a number from 0 to 1<\/p>/);
    assert.match(res.text, /name="outlet" value="Daily"/);
    assert.doesNotMatch(res.text, /class="review-row"/);
    const api = await editor.agent.get('/api/review?minConfidence=abc').expect(400);
    assert.equal(api.body.issues[0].field, 'minConfidence');
    const xss = await editor.agent.get('/review?outlet=%3Cscript%3Ealert(1)%3C%2Fscript%3E&speaker=%3Cb%3E').expect(400);
    assert.doesNotMatch(xss.text, /<script>alert|<b>/);
  });
});
