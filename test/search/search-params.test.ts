import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { encodeCursor } from '../../src/search/search.cursor.ts';
import { type TestApp, testApp } from '../helpers/app.ts';
import { buildCorpus } from './corpus.ts';

describe('search parameters', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await buildCorpus(t.handle.db);
  });

  const bad: [string, Record<string, string> | string, string][] = [
    ['an unknown parameter', { q: 'x', speeker: 'Price' }, 'speeker'],
    ['a bad date', { q: 'x', from: '2021-02-30' }, 'from'],
    ['a date that is not a date', { to: 'yesterday' }, 'to'],
    ['a reversed date range', { from: '2022-01-01', to: '2021-01-01' }, 'to'],
    ['a query over 1,000 characters', { q: 'a'.repeat(1001) }, 'q'],
    ['a cursor that is not one', { q: 'attack', cursor: 'not-a-cursor' }, 'cursor'],
    ['a cursor with a wrong key', { q: 'attack', cursor: encodeCursor({ s: 'relevance', r: '1e99', id: 1 } as never) }, 'cursor'],
    ['a cursor with a huge id', { q: 'attack', cursor: Buffer.from('{"s":"relevance","r":"0.1","id":99999999999}').toString('base64url') }, 'cursor'],
    ['a cursor from another sort', { q: 'attack', sort: 'newest', cursor: encodeCursor({ s: 'relevance', r: '0.1', id: 1 }) }, 'cursor'],
    ['a bad sort', { q: 'x', sort: 'random' }, 'sort'],
    ['a bad mode', { q: 'x', mode: 'fuzzy' }, 'mode'],
    ['a bad statement kind', { kind: 'rumour' }, 'kind'],
    ['a bad review status', { status: 'approved' }, 'status'],
    ['a bad limit', { q: 'x', limit: '1000' }, 'limit'],
    ['a parameter given twice', 'q=a&q=b', 'q'],
    ['a NUL character', { q: 'a\u0000b' }, 'q'],
    ['an unknown parameter with no value', 'q=x&publised', 'publised'],
    ['an unknown empty parameter', 'publised=&q=x', 'publised'],
    ['a parameter named __proto__', '__proto__=1&q=x', '__proto__'],
  ];

  for (const [what, query, field] of bad) {
    it(`answers 400 naming the parameter for ${what}`, async () => {
      const api = await request(t.app).get('/api/search').query(query).expect(400);
      assert.equal(api.body.status, 400);
      assert.ok(api.body.issues.some((i: { field: string }) => i.field === field), JSON.stringify(api.body));
      const page = await request(t.app).get('/search').query(query).set('Accept', 'text/html').expect(400);
      assert.match(page.text, /role="alert"/);
      assert.match(page.text, new RegExp(`<a href="#field-${field}">${field}</a>: `));
      assert.match(page.text, /<form method="get" action="\/search"/);
    });
  }

  it('keeps what was typed in the form when it re-renders with an error', async () => {
    const page = await request(t.app).get('/search').query({ q: 'attack <b>', from: 'soon', outlet: 'Other Times' }).expect(400);
    assert.match(page.text, /value="attack &lt;b&gt;"/);
    assert.match(page.text, /value="Other Times"/);
  });

  it('treats odd but valid queries as searches, never a 500', async () => {
    for (const q of ['"', '-', 'or', '!!! & | :*', "'", '\\', 'the', '"unclosed phrase', '\u{1F600} émigré']) {
      await request(t.app).get('/api/search').query({ q }).expect(200);
      await request(t.app).get('/api/search').query({ q, mode: 'similar' }).expect(200);
    }
  });

  it('explains how to search when nothing is asked, and what to try when nothing matches', async () => {
    const blank = await request(t.app).get('/search').expect(200);
    assert.match(blank.text, /How to search/);
    assert.match(blank.text, /double quotes/);
    const none = await request(t.app).get('/search').query({ q: 'zebra', outlet: 'Other Times' }).expect(200);
    assert.match(none.text, /No statements match/);
    assert.match(none.text, /Remove some filters/);
    assert.match(none.text, /href="\/search\?q&#x3D;zebra&amp;outlet&#x3D;Other\+Times&amp;mode&#x3D;similar"/);
    const api = await request(t.app).get('/api/search').expect(200);
    assert.deepEqual(api.body.hits, []);
  });

  it('is linked from the header and bookmarkable: the form holds the query', async () => {
    const page = await request(t.app).get('/search').query({ q: 'attack', kind: 'quote', sort: 'newest' }).expect(200);
    assert.match(page.text, /<a href="\/search">Search<\/a>/);
    assert.match(page.text, /<option value="quote" selected>/);
    assert.match(page.text, /<option value="newest" selected>/);
  });
});

describe('speaker autocomplete', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await buildCorpus(t.handle.db);
  });

  it('suggests speakers by the start of any word of a name or alias, then by similarity', async () => {
    const names = async (q: string) => (await request(t.app).get('/api/speakers/autocomplete').query({ q }).expect(200)).body.speakers.map((s: { name: string }) => s.name);
    assert.deepEqual(await names('blin'), ['Antony Blinken']);
    assert.deepEqual(await names('Tony'), ['Antony Blinken']);
    assert.deepEqual(await names('embas'), ['Chinese embassy']);
    assert.deepEqual(await names('Ned Prise'), ['Ned Price']);
    assert.deepEqual(await names(''), []);
    await request(t.app).get('/api/speakers/autocomplete').query({ q: 'x', limit: '5' }).expect(400);
  });
});
