import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedReview } from './seed.ts';

type Agent = Awaited<ReturnType<typeof loggedIn>>;
type Item = { statementId: number; confidence: number | null };

describe('the review queue', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedReview>>;
  let editor: Agent;
  let unscored: number;
  const ids = (body: { items: Item[] }) => body.items.map((i) => i.statementId);

  before(async () => {
    t = await testApp();
    seed = await seedReview(t);
    editor = await loggedIn(t, 'editor');
    // A machine attribution without a score comes first.
    await t.handle.pool.query('update attributions set confidence = null where statement_id = $1', [seed.rallyQuote]);
    unscored = seed.rallyQuote;
  });

  it('lists machine attributions lowest confidence first, unscored first, to annotators and editors only', async () => {
    await request(t.app).get('/api/review').expect(401);
    const reader = await loggedIn(t, 'reader');
    await reader.agent.get('/api/review').expect(403);
    await reader.agent.get('/review').expect(403);
    const res = await editor.agent.get('/api/review').expect(200);
    assert.deepEqual(ids(res.body), [unscored, seed.annQuote, seed.bobQuote]);
    assert.deepEqual(res.body.items.map((i: Item) => i.confidence), [null, 0.4, 0.8]);
    assert.equal(res.body.items[1].speaker.name, 'Ann Example');
    assert.equal(res.body.next, null);
  });

  it('filters by article, outlet (name or id), speaker and confidence range; refuses bad parameters', async () => {
    const get = async (query: Record<string, string | number>) => ids((await editor.agent.get('/api/review').query(query).expect(200)).body);
    assert.deepEqual(await get({ article: seed.first.id }), [seed.annQuote, seed.bobQuote]);
    assert.deepEqual(await get({ outlet: 'other paper' }), [unscored]);
    const outletId = (await t.handle.pool.query('select outlet_id from articles where id = $1', [seed.first.id])).rows[0].outlet_id;
    assert.deepEqual(await get({ outlet: outletId }), [seed.annQuote, seed.bobQuote]);
    assert.deepEqual(await get({ speaker: seed.bobId }), [seed.bobQuote]);
    assert.deepEqual(await get({ minConfidence: '0.4', maxConfidence: '0.5' }), [seed.annQuote]);
    assert.deepEqual(await get({ minConfidence: '0.5' }), [seed.bobQuote]);
    const bad = await editor.agent.get('/api/review').query({ minConfidence: '2', sort: 'x' }).expect(400);
    assert.deepEqual(bad.body.issues.map((i: { field: string }) => i.field).sort(), ['minConfidence', 'sort']);
    const order = await editor.agent.get('/api/review').query({ minConfidence: '0.9', maxConfidence: '0.1' }).expect(400);
    assert.equal(order.body.issues[0].field, 'maxConfidence');
  });

  it('pages with a keyset cursor, and drops what has been reviewed', async () => {
    const first = await editor.agent.get('/api/review').query({ limit: 2 }).expect(200);
    assert.deepEqual(ids(first.body), [unscored, seed.annQuote]);
    assert.equal(first.body.next, `0.4:${seed.annQuote}`);
    const second = await editor.agent.get('/api/review').query({ limit: 2, after: first.body.next }).expect(200);
    assert.deepEqual(ids(second.body), [seed.bobQuote]);
    const fromNull = await editor.agent.get('/api/review').query({ limit: 1, after: `null:${unscored}` }).expect(200);
    assert.deepEqual(ids(fromNull.body), [seed.annQuote]);
    await editor.agent.post(`/api/statements/${seed.annQuote}/verify`).set('x-csrf-token', editor.csrfToken).send({ version: 1 }).expect(201);
    assert.deepEqual(ids((await editor.agent.get('/api/review').expect(200)).body), [unscored, seed.bobQuote]);
  });

  it('renders rows with real forms for editors, and suggest links only for annotators', async () => {
    const page = await editor.agent.get('/review').expect(200);
    assert.match(page.text, /<script src="\/static\/review.js" defer><\/script>/);
    assert.match(page.text, new RegExp(`<form method="post" action="/statements/${seed.bobQuote}/verify" class="inline verify-form">`));
    assert.match(page.text, new RegExp(`href="/statements/${seed.bobQuote}\\?review=correct"`));
    assert.match(page.text, /name="back" value="\/review"/);
    const annotator = await loggedIn(t, 'annotator');
    const readOnly = await annotator.agent.get('/review').expect(200);
    assert.doesNotMatch(readOnly.text, /verify-form/);
    assert.match(readOnly.text, new RegExp(`href="/statements/${seed.bobQuote}\\?review=suggest"`));
    // A verify from the queue comes back to the queue.
    const res = await editor.agent.post(`/statements/${seed.bobQuote}/verify`).type('form').send({ _csrf: editor.csrfToken, version: '1', back: '/review?article=1' }).expect(303);
    assert.equal(res.headers.location, '/review?article=1');
    const script = await request(t.app).get('/static/review.js').expect(200);
    assert.match(script.text, /case 'j'/);
  });
});
