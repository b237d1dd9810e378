// Reported speech (claims).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimsOf } from './helpers.ts';

test('X said that ... claim', () => {
  const [c] = claimsOf('Senator Jane Roe said that the bill would pass next week.');
  assert.equal(c?.text, 'the bill would pass next week');
  assert.equal(c?.speaker?.name, 'Jane Roe');
  assert.equal(c?.quoteType, 'indirect');
  assert.equal(c?.cue?.text, 'said');
});

test('X accused Y of ... claim stops at the clause end', () => {
  const [c] = claimsOf('The embassy accused Australia of "parroting" US rhetoric and described Washington as hostile.');
  assert.equal(c?.text, 'Australia of "parroting" US rhetoric');
  assert.equal(c?.quoteType, 'mixed');
});

test('X denied ... claim', () => {
  const [c] = claimsOf('Chinese authorities on Tuesday denied carrying out a massive hack, calling the claims false.');
  assert.equal(c?.text, 'carrying out a massive hack');
  assert.equal(c?.speaker?.name, 'Chinese authorities');
});

test('according to X claim', () => {
  const [c] = claimsOf('According to the ministry, the talks collapsed after midnight.');
  assert.equal(c?.text, 'the talks collapsed after midnight');
  assert.equal(c?.speaker?.name, 'ministry');
  const [d] = claimsOf('The talks collapsed after midnight, according to two diplomats.');
  assert.equal(d?.text, 'The talks collapsed after midnight');
});

test('X told reporters ... claim', () => {
  const [c] = claimsOf('President Joe Biden told reporters the investigation was still under way and drew parallels with Russia.');
  assert.equal(c?.text, 'the investigation was still under way');
  assert.equal(c?.speaker?.name, 'Joe Biden');
});

test('content before the cue: ..., he said', () => {
  const [c] = claimsOf('The plan will fail, the spokesman said.');
  assert.equal(c?.text, 'The plan will fail');
  assert.equal(c?.speaker?.mention?.text, 'the spokesman');
});

test('a plain quotation is not also a claim', () => {
  assert.deepEqual(claimsOf('"We will win," Smith said.'), []);
  assert.deepEqual(claimsOf('Blinken said in a statement.'), []);
});
