// The name/role split of speaker mentions (issue #12 point 1): appositions, title runs,
// company suffixes, bracketed acronyms, adjectives before nouns, foreign articles. Invented text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isModifierBeforeNoun, tagAlone } from '../../src/extraction/nlp.ts';
import { cpSlice, quotesOf } from './helpers.ts';

test('an apposition role after a name is the role, never the speaker', () => {
  const text = 'Oona Brek, the Green councillor for Westmere South, who chairs the inquiry, said: "The ferry is a lifeline."';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Oona Brek');
  assert.equal(q?.speaker?.kind, 'person');
  assert.equal(q?.role?.text, 'the Green councillor for Westmere South');
  assert.equal(cpSlice(text, q!.start, q!.end), 'The ferry is a lifeline.');
});

test('a second apposition or a relative clause ends the role; a role after a preposition is not an apposition', () => {
  const text = '"The depot must close," Ravi Tandon, the deputy mayor of Orlin, one of the towns affected, said on Friday.';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Ravi Tandon');
  assert.equal(q?.role?.text, 'the deputy mayor of Orlin');
  const other = 'In Orlin, the deputy mayor, who chairs the board, said: "We are ready."';
  assert.notEqual(quotesOf(other)[0]?.speaker?.name, 'Orlin');
});

test('a title run before a name goes to the role', () => {
  const [a] = quotesOf('Deputy Chief Constable Hedda Voss said: "The roads are closed."');
  assert.equal(a?.speaker?.name, 'Hedda Voss');
  assert.equal(a?.role?.text, 'Deputy Chief Constable');
  const [b] = quotesOf('Port Authority Chair Ilse Marrow said: "The quay opens in May."');
  assert.equal(b?.speaker?.name, 'Ilse Marrow');
  assert.equal(b?.role?.text, 'Port Authority Chair');
  const [c] = quotesOf('"We expect a long count," Tamsin campaign manager Odo Venn told reporters.');
  assert.equal(c?.speaker?.name, 'Odo Venn');
  assert.equal(c?.role?.text, 'Tamsin campaign manager');
});

test('a company name keeps its legal-form suffix and is an organisation', () => {
  const [a] = quotesOf('Harrow & Daughters Ltd. said: "Orders doubled this spring."');
  assert.equal(a?.speaker?.name, 'Harrow & Daughters Ltd.');
  assert.equal(a?.speaker?.kind, 'organization');
  const [b] = quotesOf('"Orders doubled," Quillstone LLC said.');
  assert.equal(b?.speaker?.name, 'Quillstone LLC');
  assert.equal(b?.speaker?.kind, 'organization');
});

test('an acronym in brackets after an organisation is its alias, and the acronym later joins it', () => {
  const text = 'The Coastal Fishers’ Cooperative (CFC) said: "Quotas are too low."\nLater the CFC said: "We will appeal."';
  const [a, b] = quotesOf(text);
  assert.equal(a?.speaker?.name, 'Coastal Fishers’ Cooperative');
  assert.equal(a?.speaker?.kind, 'organization');
  assert.ok(a?.speaker?.aliases.includes('CFC'));
  assert.equal(b?.speaker?.name, 'Coastal Fishers’ Cooperative');
});

test('a capitalised adjective before a noun is a modifier, never a speaker', () => {
  assert.equal(tagAlone('Norwegian'), 'ADJ');
  assert.equal(isModifierBeforeNoun('Norwegian', 'salmon'), true);
  assert.equal(isModifierBeforeNoun('Brown', 'said'), false);
  const text = 'Norwegian salmon, landed by a small trawler, reached the market.\n"It sells itself," he said.';
  const [q] = quotesOf(text);
  assert.notEqual(q?.speaker?.name, 'Norwegian');
  const [r] = quotesOf('"We won," Young also told us.');
  assert.equal(r?.speaker?.name, 'Young');
});

test('after a determiner and an adjective, a given name is the head of the mention', () => {
  const text = '"We will dance until dawn," a grinning Marisol said as the band arrived.';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Marisol');
  assert.equal(q?.role ?? null, null);
});

test('a name after a lowercase word is a name', () => {
  const [a] = quotesOf('On Tuesday evening Idris Okoro, a local baker, said he was tired. "The ovens never stop," he said.');
  assert.equal(a?.speaker?.name, 'Idris Okoro');
  assert.equal(a?.role?.text, 'a local baker');
  const [b] = quotesOf('In the yard, foreman Bram Tillet checked the hull.\n"It will float," Tillet said.');
  assert.equal(b?.speaker?.name, 'Bram Tillet');
  assert.equal(b?.role?.text, 'foreman');
});

test('a French or German nominal speaker keeps no leading article', () => {
  const [a] = quotesOf('« Nous devons agir vite », affirme le rapport de la commission.', );
  if (a?.speaker) assert.doesNotMatch(a.speaker.name, /^(le|la|les|l’)\s/i);
  const [b] = quotesOf('Le comité de quartier a déclaré : « Le parc restera ouvert à tous les habitants. »');
  if (b?.speaker) assert.doesNotMatch(b.speaker.name, /^le\s/i);
});

test('a noun inside a prepositional phrase is never the subject; a coordinated verb takes the clause subject', () => {
  const text = 'Before the final the coach walked over to the bench and, with a grin said, "Nobody sleeps tonight."';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.mention?.text, 'the coach');
  assert.notEqual(q?.speaker?.name, 'grin');
});

test('a wire dateline (a place, the agency in brackets, a dash) is not the subject: a later surname joins the full name after it', () => {
  for (const dateline of ['Brenholm (NTB) - ', 'ORSA (Wire) — ']) {
    const text = `${dateline}Painter Ilse Varga has won the coast prize for a series of harbour scenes. The jury called the work patient. "I painted what I saw every morning," Varga said.`;
    const [q] = quotesOf(text);
    assert.equal(q?.speaker?.name, 'Ilse Varga', dateline);
  }
});
