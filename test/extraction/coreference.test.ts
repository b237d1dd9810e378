// Coreference within one article (issue #12 points 2 and 7). Invented text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { givenNamesAgree } from '../../src/extraction/speakers.ts';
import { quotesOf } from './helpers.ts';

test('a different given name before the same surname is a different person', () => {
  const text = 'Retired captain Odo Varga sold the ferry in 2001. His daughter Mira Varga said the sale was "a quiet betrayal".';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Mira Varga');
  assert.equal(givenNamesAgree('Odo Varga', 'Mira Varga'), false);
  assert.equal(givenNamesAgree('Mr. Varga', 'Odo Varga'), true);
  assert.equal(givenNamesAgree('Varga', 'Odo Varga'), true);
});

test('a bare surname still joins the full name given earlier', () => {
  const text = 'Harbour master Odo Varga met the crews.\n"We stay open," Varga said.';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Odo Varga');
});
