import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';
import { buildCorpus, texts } from './corpus.ts';

// Issue #13 point 10: agency and outlet filters match their known short forms and aliases,
// name filters match a prefix of any name, and outlet and agency boxes have autocomplete.

describe('name filters: aliases and prefixes', () => {
  let t: TestApp;
  const found = async (query: Record<string, string>) =>
    texts((await request(t.app).get('/api/search').query({ sort: 'oldest', ...query }).expect(200)).body);
  const story = async (outlet: string, agency: string, quote: string) => {
    const body = `"${quote}," a spokesperson said.`;
    const article = await storedArticle(t.handle.db, { title: quote, outlet, agency, published: '2024-06-01', text: body });
    await storeStatements(t.handle.db, article, [statementOn(body, quote)]);
  };
  before(async () => {
    t = await testApp();
    await buildCorpus(t.handle.db); // agencies AFP and Reuters; outlets The Daily Test and Other Times
    await story('The New York Times', 'Agence France-Presse', 'Spelt out in full');
    await story('NYT', 'Associated Press', 'Carried by the AP');
    await story('Wiener Zeitung', 'APA', 'Carried by the Austrian agency');
    await story('Süddeutsche Zeitung', 'Thomson Reuters', 'Wire copy from Munich');
  });

  it('an agency filter finds the agency stored under its short form and under its full name, both ways', async () => {
    const afp = ['We know the hackers attacked the servers', 'denied carrying out a massive hack', 'Ransom payments fund crime', 'Spelt out in full'];
    assert.deepEqual(await found({ agency: 'AFP' }), afp);
    assert.deepEqual(await found({ agency: 'Agence France-Presse' }), afp);
    assert.deepEqual(await found({ agency: 'agence france presse' }), afp, 'case and punctuation aside');
    assert.deepEqual(await found({ agency: 'Reuters' }), ['The attack on Microsoft Exchange was reckless', '<script>alert(1)</script> hackers & thieves are not welcome', 'One must have clear evidence before accusing a sovereign state of cyber attacks on private companies', 'Wire copy from Munich']);
    assert.deepEqual(await found({ agency: 'Thomson Reuters', q: 'munich' }), ['Wire copy from Munich']);
    assert.deepEqual(await found({ agency: 'thomson reuters', q: 'attack' }), ['The attack on Microsoft Exchange was reckless', 'One must have clear evidence before accusing a sovereign state of cyber attacks on private companies']);
  });

  it('an exact name wins over a prefix: AP is the Associated Press, not APA; a prefix finds the rest', async () => {
    assert.deepEqual(await found({ agency: 'AP' }), ['Carried by the AP']);
    assert.deepEqual(await found({ agency: 'Associated Press' }), ['Carried by the AP']);
    assert.deepEqual(await found({ agency: 'assoc' }), ['Carried by the AP']);
    assert.deepEqual(await found({ agency: 'Austria Presse' }), ['Carried by the Austrian agency']);
    assert.deepEqual(await found({ agency: 'Nobody Press' }), []);
  });

  it('an outlet filter matches aliases (NYT = The New York Times), prefixes and accents', async () => {
    const nyt = ['Spelt out in full', 'Carried by the AP'];
    assert.deepEqual(await found({ outlet: 'NYT' }), nyt);
    assert.deepEqual(await found({ outlet: 'The New York Times' }), nyt);
    assert.deepEqual(await found({ outlet: 'new york' }), nyt);
    assert.deepEqual(await found({ outlet: 'Suddeutsche' }), ['Wire copy from Munich']);
    assert.deepEqual(await found({ outlet: 'SZ' }), ['Wire copy from Munich']);
    assert.deepEqual(await found({ q: 'attack', outlet: 'other' }), ['The attack on Microsoft Exchange was reckless', 'One must have clear evidence before accusing a sovereign state of cyber attacks on private companies']);
  });

  it('a speaker filter matches a prefix of a name ("Ned" finds Ned Price), and exact names as before', async () => {
    const price = ['We know the hackers attacked the servers', 'Ransom payments fund crime', 'Evidence matters more than accusations'];
    assert.deepEqual(await found({ speaker: 'Ned' }), price);
    assert.deepEqual(await found({ speaker: 'ned pr' }), price);
    assert.deepEqual(await found({ speaker: 'Price' }), price);
    assert.deepEqual(await found({ speaker: 'Tony' }), ['The attack on Microsoft Exchange was reckless', '<script>alert(1)</script> hackers & thieves are not welcome']);
    assert.deepEqual(await found({ speaker: 'Nobody' }), []);
  });

  it('the page applies the same filters', async () => {
    const page = await request(t.app).get('/search').query({ agency: 'AFP', outlet: 'nyt' }).expect(200);
    assert.match(page.text, /Spelt out in full/);
    assert.doesNotMatch(page.text, /Carried by the AP/);
  });

  it('suggests outlets by name, alias or any word of them', async () => {
    const outlets = async (q: string) => (await request(t.app).get('/api/outlets/autocomplete').query({ q }).expect(200)).body.outlets;
    assert.deepEqual((await outlets('nyt')).map((o: { name: string; alias: string }) => [o.name, o.alias]), [['NYT', 'NYT'], ['The New York Times', 'NYT']]);
    // NYT through its group's alias "The New York Times".
    assert.deepEqual((await outlets('times')).map((o: { name: string }) => o.name), ['NYT', 'Other Times', 'The New York Times']);
    const [daily] = await outlets('daily');
    assert.equal(daily.name, 'The Daily Test');
    assert.equal(typeof daily.id, 'number');
    assert.deepEqual(await outlets(''), []);
  });

  it('suggests the agency names stored on articles, through their aliases too', async () => {
    const agencies = async (q: string) => (await request(t.app).get('/api/agencies/autocomplete').query({ q }).expect(200)).body.agencies;
    assert.deepEqual(await agencies('afp'), [{ name: 'AFP', alias: 'AFP' }, { name: 'Agence France-Presse', alias: 'AFP' }]);
    assert.deepEqual(await agencies('agence'), [{ name: 'AFP', alias: 'Agence France-Presse' }, { name: 'Agence France-Presse', alias: 'Agence France-Presse' }]);
    assert.deepEqual((await agencies('reut')).map((a: { name: string }) => a.name), ['Reuters', 'Thomson Reuters']);
    assert.deepEqual(await agencies('zz top'), []);
  });

  it('refuses unknown parameters on the autocomplete endpoints', async () => {
    for (const path of ['/api/outlets/autocomplete', '/api/agencies/autocomplete']) {
      const res = await request(t.app).get(path).query({ q: 'afp', kind: 'x' }).expect(400);
      assert.deepEqual(res.body.issues.map((i: { field: string }) => i.field), ['kind']);
      assert.equal(res.body.status, 400);
    }
  });
});
