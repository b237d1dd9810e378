// Quote spans on real-news layouts (issue #12 point 4), one test per kind of fault:
// flattened multi-paragraph quotes, spaced guillemets and „…“, and quote marks that are not
// speech (titles of works, nicknames, words mentioned as words, scare quotes), next to short
// real quotes that must be kept. All texts are invented.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitParagraphs } from '../../src/extraction/paragraphs.ts';
import { findQuotes } from '../../src/extraction/quotes.ts';
import { quotesOf } from './helpers.ts';

const spansOf = (text: string): string[] => findQuotes(text, splitParagraphs(text)).map((q) => text.slice(q.start, q.end));

test('a flattened multi-paragraph quote is one quote per segment, never paired across narration', () => {
  const text = 'Ivo Marsh said: "We trained hard all winter. "The young players grew up fast." Marsh said the team would travel on Sunday.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['We trained hard all winter.', 'The young players grew up fast.']);
  assert.ok(quotes.every((q) => q.speaker?.name === 'Ivo Marsh'));
  assert.ok(quotes.every((q) => !q.text.includes('Marsh said')));
});

test('three flattened segments on one line give three quotes, each ending at the next opening mark', () => {
  const text = '"The roof leaked in March. "Then the boiler failed. "Nobody came to fix it," said tenant Mia Ross. "We gave up."';
  assert.deepEqual(spansOf(text), ['The roof leaked in March.', 'Then the boiler failed.', 'Nobody came to fix it,', 'We gave up.']);
  const regions = findQuotes(text, splitParagraphs(text));
  assert.ok(regions.every((q, k) => k === 0 || q.regionStart >= regions[k - 1]!.regionEnd), 'regions do not overlap');
});

test('a quote nested after a comma or a word is still a quote within the quote', () => {
  const text = 'She said: "He told me, "Go home," and I did."';
  assert.deepEqual(spansOf(text), ['He told me,', 'Go home,', 'and I did.']);
});

test('spaced guillemets give the text inside, with ordinary, no-break and narrow no-break spaces', () => {
  const text = '\u00ab Nous resterons \u00bb, a dit Paul Roy. \u00ab\u00a0La porte reste ouverte.\u00a0\u00bb Il a parl\u00e9 de \u00ab\u202fvraie crise\u202f\u00bb et de \u00ab\u00a0temps perdu\u00a0\u00bb.';
  assert.deepEqual(spansOf(text), ['Nous resterons', 'La porte reste ouverte.', 'vraie crise', 'temps perdu']);
});

test('spaced guillemets around an English quote with a cue keep the quote and its speaker', () => {
  const [q, ...rest] = quotesOf('\u00ab We will not close the harbour, not this year \u00bb, said Mayor Lea Brun.');
  assert.equal(rest.length, 0);
  assert.equal(q?.text, 'We will not close the harbour, not this year');
  assert.equal(q?.speaker?.name, 'Lea Brun');
});

test('„…“ and unspaced »…« (German) give the text inside', () => {
  const text = '\u201eWir bleiben hier\u201c, sagte Jan Vogel. Er sagte: \u00bbDas ist gut.\u00ab Dann ging er.';
  assert.deepEqual(spansOf(text), ['Wir bleiben hier', 'Das ist gut.']);
});

test('titles of works are not statements: after a genre word, before the noun they modify, heading a sentence', () => {
  const text = 'The jury gave its top prize to the drama "Silver Lake."\n\n' +
    '"Silver Lake" director Omar Reyes said the win surprised everyone in the crew.\n\n' +
    '"Silver Lake," the first feature from a small studio, opened in May.\n\n' +
    'Comedy "The Quiet Street" and thriller "Night Ferry" also took prizes.';
  assert.deepEqual(quotesOf(text).map((q) => q.text), []);
});

test('nicknames and names given by an agentless "called" are not statements', () => {
  const text = '"It was a long night on the water," said a fisherman who calls himself "Skipper."\n\n' +
    'Economists blame a pattern called "quiet quitting." It is hard to measure.';
  assert.deepEqual(quotesOf(text).map((q) => q.text), ['It was a long night on the water,']);
});

test('words mentioned as words and imagined speech are not statements', () => {
  const text = 'The final draft drops the words "binding" and "urgent review." Officials met on Monday.\n\n' +
    'The goalkeeper shrugged as if to say "what did you expect from a team like that?" and walked off.';
  assert.deepEqual(quotesOf(text).map((q) => q.text), []);
});

test('a scare quote in an apposition of the subject, or echoing a noun phrase, is not a statement', () => {
  const text = 'Lark Capital, an aggressive "growth lender" that backs small farms, will open an office in Leeds.\n\n' +
    'Of course, there is nothing modest about a "bold, ambitious, world-class plan."';
  assert.deepEqual(quotesOf(text).map((q) => q.text), []);
});

test('short real quotes with a cue are kept, Title Case or not', () => {
  const text = '"Vote early," Ada Kell said.\n\n"Absolutely," the minister said.\n\n"Yes" said Bob Lane.\n\nAsked about the deal, Ms Kell said: "Never Again."';
  assert.deepEqual(quotesOf(text).map((q) => q.text), ['Vote early,', 'Absolutely,', 'Yes', 'Never Again.']);
});

test('a short quote punctuated as an utterance is kept even when its cue verb is unknown', () => {
  const text = 'Councillor Abe Tull spoke for an hour.\n\n"Vote early," Tull bellowed at the hall.';
  assert.deepEqual(quotesOf(text).map((q) => q.text), ['Vote early,']);
});
