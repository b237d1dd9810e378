import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedReview } from './seed.ts';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

describe('suggested corrections', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let editor: Agent;
  let annotator: Agent;
  const send = (who: Agent, path: string, body: object) => who.agent.post(path).set('x-csrf-token', who.csrfToken).send(body);

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    editor = await loggedIn(t, 'editor');
    annotator = await loggedIn(t, 'annotator');
  });

  it('lets an annotator suggest (201) but not a reader (403); the suggestion shows on the statement', async () => {
    const reader = await loggedIn(t, 'reader');
    await send(reader, `/api/statements/${seed.annQuote}/suggestions`, { version: 1, speakerId: seed.bobId }).expect(403);
    const res = await send(annotator, `/api/statements/${seed.annQuote}/suggestions`, { version: 1, speakerId: seed.bobId, reason: 'Bob said it on TV' }).expect(201);
    assert.equal(res.body.suggestion.status, 'pending');
    assert.equal(res.body.suggestion.baseVersion, 1);
    assert.equal(res.body.suggestion.suggestedBy, annotator.username);
    const statement = await annotator.agent.get(`/api/statements/${seed.annQuote}`).expect(200);
    assert.deepEqual(statement.body.suggestions.map((g: { id: number; status: string }) => [g.id, g.status]), [[res.body.suggestion.id, 'pending']]);
    assert.equal(statement.body.statement.speaker.id, seed.annId, 'a suggestion changes nothing by itself');
    const page = await annotator.agent.get(`/statements/${seed.annQuote}`).expect(200);
    assert.match(page.text, /Pending suggestions/);
    assert.match(page.text, /Suggest a correction/);
    assert.doesNotMatch(page.text, /action="\/statements\/\d+\/verify"/, 'an annotator gets no review forms');
    const audit = (await t.handle.pool.query(`select action from audit_log where entity_type = 'suggestion'`)).rows;
    assert.deepEqual(audit, [{ action: 'create' }]);
  });

  it('refuses an annotator on accept and decline (403), and a suggestion that changes nothing (422)', async () => {
    const id = (await t.handle.pool.query('select id from attribution_suggestions limit 1')).rows[0].id;
    await send(annotator, `/api/suggestions/${id}/accept`, {}).expect(403);
    await send(annotator, `/api/suggestions/${id}/decline`, {}).expect(403);
    const nothing = await send(annotator, `/api/statements/${seed.annQuote}/suggestions`, { version: 1, speakerId: seed.annId }).expect(422);
    assert.equal(nothing.body.issues[0].field, 'speakerId');
    const extra = await send(annotator, `/api/statements/${seed.annQuote}/suggestions`, { version: 1, speakerId: seed.bobId, status: 'accepted' }).expect(400);
    assert.equal(extra.body.issues[0].field, 'status');
  });

  it('accepts: the correction becomes a new version crediting the suggester; the suggestion is accepted', async () => {
    const id = (await t.handle.pool.query('select id from attribution_suggestions limit 1')).rows[0].id;
    const res = await send(editor, `/api/suggestions/${id}/accept`, { reason: 'Confirmed' }).expect(201);
    assert.equal(res.body.suggestion.status, 'accepted');
    assert.equal(res.body.statement.speaker.id, seed.bobId);
    const v2 = res.body.attributions.at(-1);
    assert.equal(v2.status, 'corrected');
    assert.equal(v2.createdBy, editor.username);
    assert.match(v2.reason, new RegExp(`Suggested by ${annotator.username} \\(suggestion ${id}\\): Bob said it on TV — Confirmed`));
    const audit = (await t.handle.pool.query(`select entity_type, action, after from audit_log where action in ('correct', 'accept') order by id`)).rows;
    assert.deepEqual(audit.map((a) => [a.entity_type, a.action]), [['attribution', 'correct'], ['suggestion', 'accept']]);
    assert.equal(audit[0].after.suggestionId, id);
    await send(editor, `/api/suggestions/${id}/accept`, {}).expect(422);
  });

  it('answers 409 when accepting a suggestion made on an older version, and keeps it pending', async () => {
    const made = await send(annotator, `/api/statements/${seed.bobQuote}/suggestions`, { version: 1, roleText: 'Opposition leader' }).expect(201);
    await send(editor, `/api/statements/${seed.bobQuote}/verify`, { version: 1 }).expect(201);
    const res = await send(editor, `/api/suggestions/${made.body.suggestion.id}/accept`, {}).expect(409);
    assert.equal(res.body.current.version, 2);
    assert.equal(res.body.submitted.version, 1);
    assert.equal(res.body.submitted.roleText, 'Opposition leader');
    const status = (await t.handle.pool.query('select status from attribution_suggestions where id = $1', [made.body.suggestion.id])).rows[0].status;
    assert.equal(status, 'pending');
  });

  it('declines with a reason, and a stale suggestion cannot be made (409)', async () => {
    const id = (await t.handle.pool.query(`select id from attribution_suggestions where status = 'pending'`)).rows[0].id;
    const res = await send(editor, `/api/suggestions/${id}/decline`, { reason: 'Role printed differently' }).expect(200);
    assert.equal(res.body.suggestion.status, 'declined');
    assert.equal(res.body.suggestion.decisionReason, 'Role printed differently');
    await send(editor, `/api/suggestions/${id}/decline`, {}).expect(422);
    await send(annotator, `/api/statements/${seed.bobQuote}/suggestions`, { version: 1, roleText: 'Leader' }).expect(409);
    await send(editor, '/api/suggestions/99999999/accept', {}).expect(404);
  });
});
