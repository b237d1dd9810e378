// Reporting cues of news English (issue #12 point 3), one test per kind, on invented text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lookupCue } from '../../src/extraction/cues.ts';
import { quotesOf } from './helpers.ts';

test('lexicon: verbs of manner of speaking, instrument, complaint and begging, every inflection', () => {
  for (const form of ['grumbled', 'grumbles', 'grumbling', 'beseeched', 'besought', 'texted', 'texting', 'quipped',
    'conceded', 'wrote', 'tweeted', 'posted', 'added', 'insisted', 'emailed', 'muttered', 'pleaded', 'recommends']) {
    assert.ok(lookupCue(form), form);
  }
  assert.equal(lookupCue('related'), null); // "related to", not speech
});

test('both word orders: "X grumbled" and "grumbled X"', () => {
  const after = quotesOf('"The bridge will never open on time," Senator Walt Brenner grumbled. "We need a new plan," said Mayor Ida Kranz.');
  assert.deepEqual(after.map((q) => q.speaker?.name), ['Walt Brenner', 'Ida Kranz']);
  const [inverted] = quotesOf('"Drink more water in the heat," advises Lola Vance, a nurse at the clinic.');
  assert.equal(inverted?.speaker?.name, 'Lola Vance');
});

test('a communication-instrument verb with an object: "X texted her deputy"', () => {
  const [q] = quotesOf('"Book the hall for Friday," Ms Farrow texted her assistant on Monday.');
  assert.equal(q?.speaker?.name, 'Farrow');
  assert.equal(q?.cue?.text, 'texted');
});

test('"X was quoted as saying" (passive)', () => {
  const [q] = quotesOf('Harriet Quill was quoted as saying "the harbour deal is dead" by a local paper.');
  assert.equal(q?.speaker?.name, 'Harriet Quill');
});

test('an outlet quoting a person: the person speaks, not the outlet', () => {
  const [q] = quotesOf('The Valley Courier quoted Osman Reyes as saying "the mill will reopen in spring."');
  assert.equal(q?.speaker?.name, 'Osman Reyes');
  const [after] = quotesOf('"We are not selling," the Evening Ledger quoted Ada Brill as saying.');
  assert.equal(after?.speaker?.name, 'Ada Brill');
});

test('"X said in a memo that <Q>, Reuters reported": X, not the agency', () => {
  const [q] = quotesOf('Pia Okonjo said in a letter that the "old pricing model is over," the Daily Herald reported.');
  assert.equal(q?.speaker?.name, 'Pia Okonjo');
  const [only] = quotesOf('The plant will close in June and "nobody saw it coming," the Daily Herald reported.');
  assert.equal(only?.speaker?.name, 'Daily Herald');
});

test('press-release layouts: "And from Chairwoman X:" and "From the desk of X"', () => {
  const [q] = quotesOf('And from Commissioner Lara Voss:\n\n"The new rules protect every tenant in the county."');
  assert.equal(q?.speaker?.name, 'Lara Voss');
  const [d] = quotesOf('From the desk of Director Sam Ekwueme\n"Our doors stay open through the holidays."');
  assert.equal(d?.speaker?.name, 'Sam Ekwueme');
});

test('an unknown verb never hands its quotation to another speaker of the paragraph with high confidence', () => {
  const quotes = quotesOf('"Not again," Rolf Dagger harrumphed. "The vote is on Friday," said Mayor Nell Prior.');
  const first = quotes[0]!;
  assert.notEqual(first.speaker?.name, 'Nell Prior');
  assert.ok(first.confidence < 0.7, `confidence ${first.confidence}`);
});

test('a speech verb after a comma and a name in dashes: "X - then a junior minister - told"', () => {
  const [q] = quotesOf('"Nobody reads the annual plan," Ivo Strand told a radio show.');
  assert.equal(q?.speaker?.name, 'Ivo Strand');
});
