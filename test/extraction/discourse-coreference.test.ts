// Coreference that follows the discourse (issue #12 point 2). Invented text, one test per kind of fault.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quotesOf } from './helpers.ts';

test('a spokesperson for an organisation speaks for it, and "he" after it is that spokesperson', () => {
  const text = 'Lea Moor, the tenants\u2019 leader, said rents were too high.\nBut a spokesperson for the Harbour Landlords\u2019 Guild said costs had risen.\n"We have frozen rents twice," he said.';
  const [q] = quotesOf(text);
  assert.equal(q?.text, 'We have frozen rents twice,');
  assert.equal(q?.speaker?.name, 'Harbour Landlords\u2019 Guild');
  assert.equal(q?.speaker?.kind, 'organization');
  // The mention is "he" here, or the spokesperson's phrase where a paragraph rule (attribute.ts) hands it on.
  assert.ok(['he', 'the Harbour Landlords\u2019 Guild'].includes(q?.speaker?.mention?.text ?? ''));
  assert.equal(q?.role?.text, 'spokesperson');
});

test('a person named outside subject position is an antecedent for "he"', () => {
  const text = 'At the quarry, foreman Ulf Brenner checked the drills.\n"The stone is sound," he said.\n"We start on Monday," Brenner said.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.speaker?.name), ['Ulf Brenner', 'Ulf Brenner']);
  assert.equal(quotes[0]?.speaker?.mention?.text, 'he');
});

test('a name behind a lowercase role after an introductory phrase is an antecedent for "she"', () => {
  const text = 'Drivers at the yard said the strike was over.\n\nLater, night supervisor Wren Ostby was asked about the rota. She answered: "Nothing changes until spring."';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Wren Ostby');
  assert.equal(q?.speaker?.mention?.text, 'She');
});

test('"the company" is the latest organisation, never the word Company in a person\u2019s role', () => {
  const text = '"Stock is short," said Oda Lind, director of Lind Timber Company, a supplier.\nMeanwhile, Pine Cart says it is cutting fees. The company claims its offers have saved builders "a great deal" this spring.';
  const quotes = quotesOf(text);
  assert.equal(quotes[0]?.speaker?.name, 'Oda Lind');
  assert.equal(quotes[1]?.text, 'a great deal');
  assert.equal(quotes[1]?.speaker?.name, 'Pine Cart');
  assert.equal(quotes[1]?.speaker?.mention?.text, 'The company');
});

test('an unresolved pronoun names nobody: null speaker, the pronoun kept as evidence, low confidence', () => {
  const text = '"The bridge will open in May," he said.';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker, null);
  assert.equal(q?.role, null);
  assert.equal(q?.mention?.text, 'he');
  assert.match(q?.evidence ?? '', /unresolved-pronoun/);
  assert.ok((q?.confidence ?? 1) <= 0.1);
});

test('"he" takes the most recent compatible mention, a definite description too, skipping a woman', () => {
  const text = 'Mrs Arden, the council leader, had blamed the governor for the delay. On Monday the governor replied. He wrote to Mrs Arden: "The money was sent in March."';
  const [q] = quotesOf(text);
  assert.equal(q?.text, 'The money was sent in March.');
  assert.equal(q?.speaker?.name, 'governor');
  assert.equal(q?.speaker?.mention?.text, 'He');
});

test('a gender learnt from a misread pronoun does not bar the other pronoun later', () => {
  const text = 'Aino Kessel, the planner, presented the scheme.\n"It is ready," he said.\nAino Kessel disagreed with the timing. "We need a year," she said.';
  const quotes = quotesOf(text);
  assert.equal(quotes[1]?.speaker?.name, 'Aino Kessel');
});
