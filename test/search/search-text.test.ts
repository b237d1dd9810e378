import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { type TestApp, testApp } from '../helpers/app.ts';
import { buildCorpus, REWORDED_ORIGINAL, texts } from './corpus.ts';

describe('full-text search', () => {
  let t: TestApp;
  const search = async (query: Record<string, string>) => (await request(t.app).get('/api/search').query(query).expect(200)).body;
  before(async () => {
    t = await testApp();
    await buildCorpus(t.handle.db);
  });

  it('stems words: attack finds attacked and attack', async () => {
    const hits = texts(await search({ q: 'attack' }));
    assert.equal(hits.length, 4);
    assert.ok(hits.some((x) => x.includes('cyber attacks')));
    assert.ok(hits.includes('We know the hackers attacked the servers'));
    assert.ok(hits.includes('The attack on Microsoft Exchange was reckless'));
  });

  it('finds exact phrases only with the words in order', async () => {
    assert.deepEqual(texts(await search({ q: '"massive hack"' })), ['denied carrying out a massive hack']);
    assert.deepEqual(texts(await search({ q: '"hack massive"' })), []);
  });

  it('takes or between alternatives and -word to exclude', async () => {
    assert.deepEqual(texts(await search({ q: 'ransom or reckless', sort: 'oldest' })), ['Ransom payments fund crime', 'The attack on Microsoft Exchange was reckless']);
    assert.deepEqual(texts(await search({ q: 'attacked -servers', sort: 'oldest' })), ['The attack on Microsoft Exchange was reckless', REWORDED_ORIGINAL]);
    assert.deepEqual(texts(await search({ q: 'attack -servers -"microsoft exchange"' })), [REWORDED_ORIGINAL]);
  });

  it('ranks by relevance, and sorts newest or oldest first with undated articles last', async () => {
    const newest = texts(await search({ q: 'attack', sort: 'newest' }));
    assert.deepEqual(newest, [REWORDED_ORIGINAL, 'The attack on Microsoft Exchange was reckless', 'We know the hackers attacked the servers', 'Servers were never attacked by us']);
    const oldest = texts(await search({ q: 'attack', sort: 'oldest' }));
    assert.deepEqual(oldest, ['We know the hackers attacked the servers', 'The attack on Microsoft Exchange was reckless', REWORDED_ORIGINAL, 'Servers were never attacked by us']);
    const body = await search({ q: 'hackers attacked servers' });
    assert.equal(body.sort, 'relevance');
    assert.equal(body.hits[0].text, 'We know the hackers attacked the servers');
  });

  it('highlights the matched words and escapes everything else', async () => {
    const [hit] = (await search({ q: 'hackers thieves' })).hits;
    assert.equal(hit.html, '&lt;script&gt;alert(1)&lt;/script&gt; <mark>hackers</mark> &amp; <mark>thieves</mark> are not welcome');
    const page = await request(t.app).get('/search').query({ q: 'hackers thieves' }).expect(200);
    assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; <mark>hackers</mark>'));
    assert.ok(!page.text.includes('<script>alert(1)'));
  });

  it('gives each hit its speaker, role as printed, outlet, date and a link to the spot in the article', async () => {
    const [hit] = (await search({ q: 'reckless' })).hits;
    assert.equal(hit.speaker.name, 'Antony Blinken');
    assert.match(hit.speaker.url, /^\/speakers\/\d+$/);
    assert.equal(hit.role, 'US Secretary of State');
    assert.equal(hit.outlet, 'Other Times');
    assert.equal(hit.agency, 'Reuters');
    assert.equal(hit.published, '2023-05-02');
    assert.equal(hit.url, `/articles/${hit.articleId}#s-${hit.id}`);
    const article = await request(t.app).get(hit.url.split('#')[0]).expect(200);
    assert.ok(article.text.includes(`id="s-${hit.id}"`));
  });

  it('counts facets by speaker, outlet, year and kind', async () => {
    const body = await search({ q: 'attack or hack or ransom' });
    assert.deepEqual(body.total, { count: 6, atLeast: false });
    const counts = (name: string) => Object.fromEntries(body.facets[name].map((f: { label: string; count: number }) => [f.label, f.count]));
    assert.deepEqual(counts('speaker'), { 'Chinese embassy': 3, 'Ned Price': 2, 'Antony Blinken': 1 });
    assert.deepEqual(counts('outlet'), { 'The Daily Test': 4, 'Other Times': 2 });
    assert.deepEqual(counts('year'), { 2023: 2, 2021: 3 });
    assert.deepEqual(counts('kind'), { quote: 5, claim: 1 });
    const outletLink = body.facets.outlet.find((f: { label: string }) => f.label === 'Other Times').url;
    assert.equal(outletLink, '/search?q=attack+or+hack+or+ransom&outlet=Other+Times');
    const year = body.facets.year.find((f: { label: string }) => f.label === '2021').url;
    assert.match(year, /from=2021-01-01&to=2021-12-31/);
  });
});
