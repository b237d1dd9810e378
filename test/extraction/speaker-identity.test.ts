// Issue #12 point 7 inside one article: people who share a surname stay apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extraction/index.ts';

const speakersOf = (text: string) =>
  extract(text).statements.filter((s) => s.kind === 'quote').map((s) => [s.text, s.speaker?.name ?? null, [...(s.speaker?.aliases ?? [])]]);

test('a full name with another given name is another person, not an alias of the namesake', () => {
  const text = 'Governor Rita Vance said "the dam holds." Tomas Vance, her brother, said "it leaks every spring."';
  const [rita, tomas] = speakersOf(text);
  assert.equal(rita![1], 'Rita Vance');
  assert.equal(tomas![1], 'Tomas Vance');
  assert.ok(!(rita![2] as string[]).includes('Tomas Vance') && !(tomas![2] as string[]).includes('Rita Vance'));
});

test('a namesake "who is not related" keeps his own quote', () => {
  const text = 'Mayor Nadia Osei said "we open in May." Kofi Osei, who is not related to the mayor, said "not before June."';
  assert.deepEqual(speakersOf(text).map(([, name]) => name), ['Nadia Osei', 'Kofi Osei']);
});

test('a middle initial or an initial given name still joins the full name', () => {
  const text = 'Marta L. Quist said "yes." M. Quist added "no." "Maybe," Marta Quist said.';
  assert.deepEqual(speakersOf(text).map(([, name]) => name), ['Marta L. Quist', 'Marta L. Quist', 'Marta L. Quist']);
});

test('a bare surname joins the namesake mentioned last', () => {
  const text = 'Rita Vance said "the dam holds." Tomas Vance said "it leaks." "Every spring," Vance added.';
  assert.deepEqual(speakersOf(text).map(([, name]) => name), ['Rita Vance', 'Tomas Vance', 'Tomas Vance']);
});
