// Text and URL clean-up runs on whatever a user sends: it must stay linear in the input's
// length. Both functions used a trailing-run regex (/\s+$/, /\/+$/) that a regex engine retries
// from every character of a long run: quadratic, minutes of blocked event loop for one request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalizeUrl, normalizeBodyText } from '../../src/articles/articles.ts';

const within = (ms: number, fn: () => void) => {
  const started = performance.now();
  fn();
  const took = performance.now() - started;
  assert.ok(took < ms, `took ${Math.round(took)} ms`);
};

describe('clean-up of long runs', () => {
  it('normalizeBodyText strips trailing blanks of every kind and keeps the rest', () => {
    assert.equal(normalizeBodyText('\uFEFF  Café\r\nsaid.\u00a0\u3000 \n\t'), '  Café\nsaid.');
    // 200,000 blanks before a last word: the old regex took minutes (40,000: 1.1 s).
    within(1000, () => assert.equal(normalizeBodyText(`${' '.repeat(200_000)}word`).length, 200_004));
  });

  it('canonicalizeUrl drops trailing slashes of a long path', () => {
    assert.equal(canonicalizeUrl('http://www.Example.org/story///'), 'https://example.org/story');
    assert.equal(canonicalizeUrl('http://x.com//'), 'https://x.com/');
    within(1000, () => assert.equal(canonicalizeUrl(`https://x.com/${'/'.repeat(200_000)}a`).length, 'https://x.com/'.length + 200_001));
  });
});
