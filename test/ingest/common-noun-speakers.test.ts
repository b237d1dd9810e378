// Issue #12 point 1: a sentence-initial common noun is never a person. News-like articles
// written for this test (a British paper, a wire story, a local page with a caption and a
// promo line; every name is invented) go through the real ingest path on a real database, and
// no person stored from them is a word that only opens a sentence. A plural noun that reports
// ("Fishermen said ...") is a group speaker, stored as such, never as a person.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

const ARTICLES = [
  {
    title: 'Schools told to cut class sizes',
    text: [
      'Children in the county will be taught in smaller classes from September, the education board said on Tuesday.',
      'Staff at three schools had warned that rooms built for 25 pupils now hold 34. "We cannot teach like this," said Orla Quinn, a head teacher in Ashby.',
      'Conservation of the old buildings has also been delayed. "Simply put, the money ran out," Ms Quinn added.',
      'Additional funding of £2m was promised last year but never arrived.',
      'British teaching unions welcomed the decision. "It is a start," said Dev Malhotra, the regional secretary of the teachers\' union.',
    ].join('\n\n'),
  },
  {
    title: 'Harbour reopens',
    text: [
      'PORTSEA (Wire) - New rules for the harbour came into force on Monday after a year of repairs.',
      'Fishermen said the quay was safer. "The ladders are fixed at last," said skipper Tor Vik, who has fished here for thirty years.',
      'Residents were less sure. "Nobody asked us about the car park," said Mina Hall, who lives on the seafront.',
      'Officials declined to comment on the cost.',
      'Photograph: harbour office',
      'Sign up for our morning newsletter',
    ].join('\n\n'),
  },
];

describe('no stored speaker is a sentence-initial common noun', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    const editor = await loggedIn(t, 'editor');
    for (const a of ARTICLES) await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(a).expect(201);
  });

  it('stores the people who spoke, and none of the words that open sentences', async () => {
    const rows = (await t.handle.pool.query('select canonical_name, kind from speakers order by canonical_name')).rows;
    const names: string[] = rows.map((r) => r.canonical_name);
    const people: string[] = rows.filter((r) => r.kind === 'person').map((r) => r.canonical_name);
    const openers = new Set(ARTICLES.flatMap((a) => a.text.split(/(?<=[.!?"”])\s+|\n+/).map((s) => s.replace(/^["“]/, '').split(/[\s,]/)[0]!)).filter(Boolean));
    for (const name of people) assert.ok(!openers.has(name), `"${name}" only opens a sentence, but was stored as a person (people: ${people.join(', ')})`);
    for (const person of ['Orla Quinn', 'Dev Malhotra', 'Tor Vik', 'Mina Hall']) assert.ok(people.includes(person), `${person} is stored as a person (all: ${names.join(', ')})`);
    for (const word of ['Children', 'Conservation', 'Simply', 'Additional', 'British', 'New', 'Officials', 'Photograph', 'Sign']) {
      assert.ok(!names.includes(word), `"${word}" is no speaker at all (all: ${names.join(', ')})`);
    }
  });
});
