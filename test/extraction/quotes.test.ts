// Quote spans: marks, apostrophes, nesting, paragraphs, offsets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extraction/index.ts';
import { cpSlice, quotesOf } from './helpers.ts';

test('single quotes in a headline are quotes, apostrophes are not', () => {
  const text = "China slams 'groundless' allegations\n\nWe know we'll act, Cilluffo's team said of US allies' claims.";
  assert.deepEqual(quotesOf(text).map((q) => q.text), ['groundless']);
});

test('curly double quotes exclude the marks and keep the trailing comma', () => {
  const text = '\u201cWe act collectively,\u201d Price said.';
  const [q] = quotesOf(text);
  assert.equal(q?.text, 'We act collectively,');
  assert.equal(q?.start, 1);
});

test('guillemets and low-high quotes are quote marks', () => {
  const text = 'The minister said \u00abnous agirons\u00bb on Monday. Merz told reporters \u201eWir handeln\u201c yesterday.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['nous agirons', 'Wir handeln']);
  assert.equal(quotes[1]?.speaker?.name, 'Merz');
});

test('quotes inside quotes: the outer quote is split around the inner one', () => {
  const text = 'He said: "Voters were asked \u201cdo you trust her?\u201d and most said no."';
  const texts = quotesOf(text).map((q) => q.text);
  assert.deepEqual(texts, ['Voters were asked', 'do you trust her?', 'and most said no.']);
  // "He" has no antecedent: no speaker (issue #12 point 2), the pronoun kept as the mention.
  assert.ok(quotesOf(text).every((q) => q.speaker === null && q.mention?.text === 'He'));
});

test('single quotes inside double quotes stay inside the outer quote', () => {
  const text = '"They call it \u2018a smear,\u2019 and it is," Smith said.';
  assert.deepEqual(quotesOf(text).map((q) => q.text), ['They call it \u2018a smear,\u2019 and it is,']);
});

test('multi-paragraph quote continues', () => {
  const text = 'Senator Jane Roe said:\n\n"The first paragraph has no closing mark.\n\n"The second one closes." \n\nOther news.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['The first paragraph has no closing mark.', 'The second one closes.']);
  assert.ok(quotes.every((q) => q.speaker?.name === 'Jane Roe'));
});

test('offsets are code points, also after astral characters', () => {
  const text = '\u{1F600}\u{1F4A5} "Go \u{1F680} now," she said.';
  const [q] = quotesOf(text);
  assert.ok(q);
  assert.equal(cpSlice(text, q.start, q.end), 'Go \u{1F680} now,');
  assert.equal(q.text, 'Go \u{1F680} now,');
  assert.equal(cpSlice(text, q.mention!.start, q.mention!.end), 'she');
});

test('straight quotes are told apart by their neighbours', () => {
  const text = 'He stood 5\'11" tall. "It is fine," he said, "really."';
  assert.deepEqual(quotesOf(text).map((q) => q.text), ['It is fine,', 'really.']);
});

test('doubled apostrophes work as double quotes', () => {
  const text = "''We will win,'' Mr. Smith said.";
  const quotes = extract(text).statements.filter((s) => s.kind === 'quote');
  assert.equal(quotes[0]?.text, 'We will win,');
  assert.equal(quotes[0]?.speaker?.name, 'Smith');
});

test('doubled apostrophes are one double mark, never half of a single quote', () => {
  const text = "''This isn't tax reform,'' said Douglas Holtz-Eakin. ''It's anti-reform.''";
  assert.deepEqual(quotesOf(text).map((q) => q.text), ["This isn't tax reform,", "It's anti-reform."]);
});
