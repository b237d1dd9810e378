// Golden test on the seed article (AFP, 20 Jul 2021) against its hand-made gold.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extraction/index.ts';
import { bestMatch, rightSpeaker, seedGold, seedText } from './seed-gold.ts';

const result = extract(seedText);
const quotes = result.statements.filter((s) => s.kind === 'quote');
const claims = result.statements.filter((s) => s.kind === 'claim');
const bodyQuotes = seedGold.quotes.filter((g) => !/headline/.test(g.note ?? ''));

test('seed: all 20 non-headline gold quotes are found with the right speaker', () => {
  assert.equal(bodyQuotes.length, 20);
  const misses = bodyQuotes.filter((g) => {
    const s = bestMatch([g.start, g.end], quotes);
    return !s || !rightSpeaker(g, s);
  });
  assert.deepEqual(misses.map((g) => g.text), []);
});

test('seed: every gold role is extracted exactly as printed', () => {
  for (const g of bodyQuotes.filter((q) => q.role)) {
    const s = bestMatch([g.start, g.end], quotes);
    assert.equal(s?.role?.text, g.role, `role for "${g.text.slice(0, 40)}"`);
  }
});

test('seed: at least 13 of the 14 gold claims are found with the right speaker', () => {
  const found = seedGold.claims.filter((g) => {
    const s = bestMatch([g.start, g.end], claims);
    return s && rightSpeaker(g, s);
  });
  assert.equal(seedGold.claims.length, 14);
  assert.ok(found.length >= 13, `found ${found.length}: missing ${seedGold.claims.filter((g) => !found.includes(g)).map((g) => g.text.slice(0, 40)).join(' | ')}`);
});

test('seed: canonical names join the mentions of one speaker', () => {
  const byMention = (m: string) => quotes.find((s) => s.speaker?.mention?.text === m)?.speaker?.name;
  assert.equal(byMention('Blinken'), 'Antony Blinken');
  assert.equal(byMention('Price'), 'Ned Price');
  assert.equal(byMention('Biden'), 'Joe Biden');
  assert.equal(byMention('he'), 'Frank Cilluffo');
});

test('seed: speaker kinds (person / organization) match the gold', () => {
  for (const g of bodyQuotes) {
    const s = bestMatch([g.start, g.end], quotes);
    assert.equal(s?.speaker?.kind, g.speaker_kind, `kind of ${g.speaker}`);
  }
});

test('seed: the headline single-quoted word is a quote, the apostrophes are not', () => {
  assert.equal(quotes[0]?.text, 'groundless');
  assert.ok(!quotes.some((s) => /^(ll|s)\b/.test(s.text)));
});
