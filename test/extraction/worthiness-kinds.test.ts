// Quote marks that are not statements, and quote marks misread (issue #12 point 4, PolNeAR
// precision), one test per kind of fault; each also checks that the real quote beside it is
// kept with its speaker. All texts are invented.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quotesOf } from './helpers.ts';

test('the mark closing a markup attribute value (author="@x">) opens no quotation', () => {
  const text = '<tweet id="17" author="@citydesk" datetime="2030-01-02">Budget vote moved to Friday</tweet>. "We need more time," said Mayor Lena Ortiz.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['We need more time,']);
  assert.equal(quotes[0]!.speaker?.name, 'Lena Ortiz');
  assert.match(quotes[0]!.evidence, /^cue/);
});

test("''' after a word closes the inner single quote, then the doubled-apostrophe quote", () => {
  const text = "''We asked for 'a fair deal,''' said Mayor Lena Ortiz.";
  const quotes = quotesOf(text);
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0]!.text, "We asked for 'a fair deal,'");
  assert.equal(quotes[0]!.speaker?.name, 'Lena Ortiz');
  assert.match(quotes[0]!.evidence, /^cue/);
});

test('a quotation inside a Title Case headline is restyled wording, not a statement', () => {
  const text = "Ortiz Tells Council: 'We Will Not Back Down'\n\"We will not back down,\" Mayor Lena Ortiz told the council on Monday.";
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['We will not back down,']);
  assert.equal(quotes[0]!.speaker?.name, 'Lena Ortiz');
});

test('a title of a show after a possessive is a name even with lowercase minor words', () => {
  const text = 'Mayor Lena Ortiz said on Radio Tarn\'s "Morning with the Mayor" that the budget was fine. "It balances," she said.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['It balances,']);
  assert.equal(quotes[0]!.speaker?.name, 'Lena Ortiz');
});

test('a scare-quoted modifier found only through the sentence subject is dropped; a subject fragment is kept', () => {
  const text = 'Senator Paul Reyes joined the committee for a "unity" lunch on Friday. Reyes likened the plan to "burning money" in a long speech.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['burning money']);
  assert.equal(quotes[0]!.speaker?.name, 'Paul Reyes');
  assert.equal(quotes[0]!.evidence, 'subject');
});

test('a bracketed stage direction in a quoted transcript is not a statement', () => {
  const text = '"REYES: We will win this vote.\n"(CROSSTALK.)\n"REYES: Let me finish."';
  const quotes = quotesOf(text);
  assert.equal(quotes.length, 2);
  assert.ok(quotes.every((q) => !q.text.includes('CROSSTALK')));
  assert.ok(quotes.every((q) => q.speaker?.name === 'REYES'));
});
