// Speaker kinds (issue #12 point 1, helper "kinds"): a group of people is never a person, one
// person named by a role noun is one, and words that cannot speak never head a speaker
// mention. One test per kind of fault; all text is invented.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentiveStem, isPluralNoun, nounKind } from '../../src/extraction/noun-kinds.ts';
import { claimsOf, cpSlice, quotesOf } from './helpers.ts';

test('a plural or collective noun that reports is a group speaker (organization), never a person', () => {
  const text = [
    'Ferrymen said the crossing was rough.',
    'Staff at two clinics had warned that the queues were growing.',
    'Organisers said the lifts were broken. Inspectors at the park said the gates were locked.',
    '"Move along," police told the walkers.',
  ].join('\n\n');
  const statements = [...claimsOf(text), ...quotesOf(text)];
  const bySpeaker = new Map(statements.map((s) => [s.speaker?.name, s]));
  for (const name of ['Ferrymen', 'Staff', 'Organisers', 'Inspectors', 'police']) {
    const s = bySpeaker.get(name);
    assert.ok(s, `${name} reports (speakers: ${[...bySpeaker.keys()].join(', ')})`);
    assert.equal(s!.speaker!.kind, 'organization', `${name} is a group`);
  }
  const ferry = bySpeaker.get('Ferrymen')!;
  assert.equal(cpSlice(text, ferry.speaker!.mention!.start, ferry.speaker!.mention!.end), 'Ferrymen');
  assert.equal(ferry.text, 'the crossing was rough');
});

test('the model reads number: irregular plurals are plurals, spelling variants and mass nouns are not', () => {
  for (const w of ['ferrymen', 'children', 'wardens', 'dockhands']) assert.ok(isPluralNoun(w), w);
  for (const w of ['councillor', 'news', 'staff', 'analysis']) assert.ok(!isPluralNoun(w), w);
  assert.equal(nounKind('crowd'), 'group');
  assert.equal(nounKind('statement'), 'document');
});

test('a role noun heading its own mention is one person', () => {
  const text = [
    '"The bridge must wait," the Green MP for Westmere said.',
    '"That was offside," the linesman said.',
    '"We were not consulted," a councillor said.',
    '"Nobody checked the valves," said the inspector.',
  ].join('\n\n');
  const qs = quotesOf(text);
  assert.equal(qs.length, 4);
  for (const q of qs) assert.equal(q.speaker?.kind, 'person', `${q.speaker?.name} is a person`);
  assert.deepEqual(qs.map((q) => q.speaker?.name), ['Green MP for Westmere', 'linesman', 'councillor', 'inspector']);
  assert.equal(agentiveStem('referee'), 'refer');
  assert.equal(agentiveStem('councillor'), 'council');
  assert.equal(agentiveStem('power'), null);
  assert.equal(agentiveStem('number'), null);
});

test('an inflected word that opens a sentence is a common word, not a name', () => {
  const text = 'Boatmen blamed the tide. "We lost three nets," said Ilka Sarno, who runs the co-operative.';
  const names = [...claimsOf(text), ...quotesOf(text)].map((s) => s.speaker?.name);
  assert.ok(names.includes('Ilka Sarno'));
  for (const s of [...claimsOf(text), ...quotesOf(text)]) assert.ok(!(s.speaker?.name === 'Boatmen' && s.speaker.kind === 'person'));
});

test('an all-capitals heading word is never a speaker', () => {
  const text = 'Harbour fees rise again.\n\nNOTICES.\n\nThe harbour fees are "frankly a scandal" and nobody answers our letters.';
  for (const s of quotesOf(text)) assert.notEqual(s.speaker?.name, 'NOTICES');
});

test('the object of a preposition is not the subject of a following verb', () => {
  const text = 'At the fair in Dunmore his stewards moved the stalls, calling them "a fire risk."';
  for (const s of quotesOf(text)) assert.notEqual(s.speaker?.name, 'Dunmore');
});

test('a loose speaker phrase heads on a noun, not an adverb or a bare adjective', () => {
  const text = 'Voss, Hale and Amin, the members most often named as rebels, "never voted against the budget," the minutes show.';
  for (const s of quotesOf(text)) assert.notEqual(s.speaker?.name, 'members most');
  const other = 'The agency sent a letter calling the two lengthy technical audits "unfair and late."';
  for (const s of quotesOf(other)) assert.ok(!/technical$/.test(s.speaker?.name ?? ''), s.speaker?.name);
  // An adjective right after a determiner is used as a noun and still heads the phrase.
  const [claim] = claimsOf('One chemist told the panel that the samples had been swapped.');
  assert.equal(claim?.speaker?.name, 'One chemist');
  const [adjective] = claimsOf('One academic told the panel that the contracts had been cut.');
  assert.equal(adjective?.speaker?.name, 'One academic');
  const past = 'The FBI looked into the claims "casually," the report says.';
  for (const s of quotesOf(past)) assert.notEqual(s.speaker?.name, 'FBI looked');
});

test('a name inside a relative clause between commas is not the subject', () => {
  const text = 'Ms. Okoro, whose first bakery, Crumbworks, sells rye to hotels, said the flour tax "hurts every small baker."';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Okoro');
  assert.equal(q?.speaker?.kind, 'person');
});

test('a party-and-place apposition after a name is not the subject', () => {
  const text = 'Senator Mara Lindqvist, Democrat of Oregon, said the levy "will not survive the winter."';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Mara Lindqvist');
  assert.equal(q?.speaker?.kind, 'person');
});

test('an apposition inside an opening participle phrase is not the subject', () => {
  const text = 'Introduced on stage by Ola Berg, the county sheriff and anti-tax campaigner, Petra Voss launched into an attack on the "lazy, lazy, lazy councils" of the north.';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Petra Voss');
});

test('a role apposition after a name opening the sentence is not a second person for "he"', () => {
  const text = 'On Monday morning Tobias Lerne, a retired plumber, said the pipes were lead. "Nobody listened," he said.';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Tobias Lerne');
  assert.equal(q?.role?.text, 'a retired plumber');
  const clause = 'As Lerne criticised Vance, the tenants shouted "shame" at the board.';
  for (const s of quotesOf(clause)) assert.notEqual(s.speaker?.name, 'Vance');
});
