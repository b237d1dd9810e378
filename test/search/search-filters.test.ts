import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { type TestApp, testApp } from '../helpers/app.ts';
import { buildCorpus, REWORDED_ORIGINAL, texts } from './corpus.ts';

describe('search filters', () => {
  let t: TestApp;
  const found = async (query: Record<string, string>) =>
    texts((await request(t.app).get('/api/search').query({ sort: 'oldest', ...query }).expect(200)).body);
  before(async () => {
    t = await testApp();
    await buildCorpus(t.handle.db);
  });

  it('by speaker name or alias, any case and accents', async () => {
    const blinken = ['The attack on Microsoft Exchange was reckless', '<script>alert(1)</script> hackers & thieves are not welcome'];
    assert.deepEqual(await found({ speaker: 'Antony Blinken' }), blinken);
    assert.deepEqual(await found({ speaker: 'tony BLINKEN' }), blinken);
    assert.deepEqual(await found({ q: 'attack', speaker: 'Ned Price' }), ['We know the hackers attacked the servers']);
    assert.deepEqual(await found({ speaker: 'Nobody Known' }), []);
  });

  it('by speaker kind', async () => {
    assert.deepEqual(await found({ q: 'attack', speaker_kind: 'organization' }), [REWORDED_ORIGINAL, 'Servers were never attacked by us']);
  });

  it('by role text as printed and by organization', async () => {
    assert.deepEqual(await found({ role: 'secretary of state' }), ['The attack on Microsoft Exchange was reckless']);
    assert.deepEqual(await found({ organization: 'state department' }), ['We know the hackers attacked the servers', 'Ransom payments fund crime', 'The attack on Microsoft Exchange was reckless']);
    assert.deepEqual(await found({ role: '100%_' }), []);
  });

  it('by outlet and agency', async () => {
    assert.deepEqual(await found({ q: 'attack', outlet: 'other times' }), ['The attack on Microsoft Exchange was reckless', REWORDED_ORIGINAL]);
    assert.deepEqual(await found({ agency: 'afp' }), ['We know the hackers attacked the servers', 'denied carrying out a massive hack', 'Ransom payments fund crime']);
  });

  it('by published date range, both ends included', async () => {
    assert.deepEqual(await found({ q: 'attack', from: '2023-05-02' }), ['The attack on Microsoft Exchange was reckless', REWORDED_ORIGINAL]);
    assert.deepEqual(await found({ q: 'attack', to: '2021-07-20' }), ['We know the hackers attacked the servers']);
    assert.deepEqual(await found({ q: 'attack', from: '2021-07-21', to: '2023-05-01' }), []);
  });

  it('by statement kind and quote type', async () => {
    assert.deepEqual(await found({ kind: 'claim' }), ['denied carrying out a massive hack']);
    assert.deepEqual(await found({ quote_type: 'partial' }), ['<script>alert(1)</script> hackers & thieves are not welcome']);
  });

  it('by review status of the current attribution', async () => {
    assert.deepEqual(await found({ status: 'verified' }), ['Ransom payments fund crime']);
    assert.equal((await found({ status: 'machine' })).length, 7);
  });

  it('by annotation tag, never revealing private annotations', async () => {
    assert.deepEqual(await found({ tag: 'crime' }), ['Ransom payments fund crime']);
    assert.deepEqual(await found({ tag: 'secret-tag' }), []);
  });

  it('combines filters, and lists filter-only searches newest first', async () => {
    const body = (await request(t.app).get('/api/search').query({ speaker: 'Price', organization: 'State' }).expect(200)).body;
    assert.equal(body.sort, 'newest');
    assert.deepEqual(texts(body), ['Ransom payments fund crime', 'We know the hackers attacked the servers']);
  });
});
