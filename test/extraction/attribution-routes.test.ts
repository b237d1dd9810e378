// Attribution routes, one test per kind of fault (invented text): quantity subjects of poll
// reporting, the "put it" cue idiom, and excerpt blocks whose narration quotes others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimsOf, quotesOf } from './helpers.ts';

test('a quantity phrase is one speaker mention: "N percent of X call/say", "N in 10 said", "half of X"', () => {
  const [tenants] = quotesOf('Forty percent of commuters call the new timetable "a total mess," and many want refunds.');
  assert.equal(tenants?.text, 'a total mess,');
  assert.equal(tenants?.speaker?.mention?.text, 'Forty percent of commuters');
  assert.equal(tenants?.cue?.text, 'call');
  assert.equal(tenants?.evidence, 'cue:before');

  const [poll] = quotesOf('In the same survey, 58 percent said the council was "out of touch" with renters.');
  assert.equal(poll?.text, 'out of touch');
  assert.equal(poll?.speaker?.mention?.text, '58 percent');

  const [ratio] = quotesOf('About three in 10 said they felt "completely ignored" by the planners.');
  assert.equal(ratio?.speaker?.mention?.text, 'About three in 10');

  const pair = quotesOf('Asked about the plan, 31 percent said "too slow" and 12 percent said "far too slow."');
  assert.deepEqual(pair.map((q) => q.speaker?.mention?.text), ['31 percent', '12 percent']);

  const [half] = quotesOf('More than half of the growers said the rules were "written by people who never farmed."');
  assert.equal(half?.speaker?.mention?.text, 'More than half of the growers');
});

test('a noun after a preposition and a modifier is still no cue ("of Republican claims")', () => {
  // The plural-noun exception is for base forms only: "claims" after "Republican" stays a noun.
  const quotes = quotesOf('Officials pushed back on a wave of Republican claims "that the depot is closing."');
  assert.notEqual(quotes[0]?.cue?.text, 'claims');
});

test('"put it" is a cue of saying, its "it" is not part of the claim', () => {
  const [q] = quotesOf('Or, as Mara Quist, a retired harbour pilot, put it: "The tide does not wait for committees."');
  assert.equal(q?.text, 'The tide does not wait for committees.');
  assert.equal(q?.speaker?.name, 'Mara Quist');
  assert.equal(q?.cue?.text, 'put');
  const [claim] = claimsOf('As Quist put it, the tide waits for nobody in this town.');
  assert.equal(claim?.text, 'the tide waits for nobody in this town');
  assert.equal(claim?.speaker?.name, 'Quist');
  // "put it on the table" is no cue.
  assert.equal(quotesOf('He put it on the table and left "without a word."')[0]?.cue, null);
});

test('an excerpt block paragraph is layout: narration is dropped, its inner quotations are statements', () => {
  const text = [
    'The Ledger described the evening this way:',
    '"Holm tried to wave the question away by joking, \u201cOnly on Tuesdays.\u201d But the panel pressed on.',
    '"By the end of the night, one ally admitted, \u201cIt is a long shot,\u201d in the hallway.',
  ].join('\n');
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['Only on Tuesdays.', 'It is a long shot,']);
  assert.equal(quotes[0]?.speaker?.name, 'Holm');
  assert.equal(quotes[0]?.evidence, 'cue:gerund');
});

test('a labelled transcript turn or a block whose only inner quote ends it stays a quotation', () => {
  const turn = quotesOf('"VARGA: Well, some people think this is a \u201cgame show.\u201d It is not. It is the budget.');
  assert.ok(turn.some((q) => q.text.startsWith('VARGA: Well')));
  const closing = quotesOf('"Without a larger fleet, she added, "the routes will close."');
  assert.ok(closing.some((q) => q.text.startsWith('Without a larger fleet')));
});

test('a gerund after "footage/clip of NAME" takes that name as its subject', () => {
  const [q] = quotesOf('The new ad opens with footage of Ivo Marsh asking, "Who pays for the bridge?"');
  assert.equal(q?.speaker?.name, 'Ivo Marsh');
  assert.equal(q?.cue?.text, 'asking');
  assert.equal(q?.evidence, 'cue:gerund');
});

test('a "so-called" label is nobody\'s cued words, whatever the route', () => {
  const quotes = quotesOf('Exporters worry about the so-called "green corridor" after the vote, Lind said.');
  assert.equal(quotes.length, 0);
  const [kept] = quotesOf('Exporters worry about the "green corridor" after the vote, Lind said.');
  assert.equal(kept?.speaker?.name, 'Lind');
});

test('"X laughed and said" takes the subject of the verb before "and", not of an earlier clause', () => {
  const [q] = quotesOf('When the warden mentioned the fence to us, I nodded and said, "We will mend it by Friday."');
  // "I" in narration has no antecedent: it names nobody, and the mention stays as evidence.
  assert.equal(q?.speaker, null);
  assert.equal(q?.mention?.text, 'I');
  assert.equal(q?.evidence, 'cue:coordinated;unresolved-pronoun');
  const [named] = quotesOf('As the inspectors described the damage, Ola Brandt sighed and then said, "Start again."');
  assert.equal(named?.speaker?.name, 'Ola Brandt');
});
