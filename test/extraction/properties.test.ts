// Property tests: extract() never throws and always returns sane, ordered, in-bounds
// code-point offsets, whatever the input (arbitrary Unicode, unbalanced quotes, only marks).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { extract } from '../../src/extraction/index.ts';

function checkResult(text: string): void {
  const codePoints = Array.from(text);
  const length = codePoints.length;
  const { statements } = extract(text);
  let previousStart = -1;
  const lastEnd = { quote: -1, claim: -1 };
  for (const s of statements) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end));
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= length, `span ${s.start}-${s.end} of ${length}`);
    assert.ok(s.start >= previousStart, 'sorted by start');
    assert.ok(s.start >= lastEnd[s.kind], `${s.kind} spans overlap`);
    assert.equal(s.text, codePoints.slice(s.start, s.end).join(''));
    assert.ok(s.confidence >= 0 && s.confidence <= 1);
    const m = s.speaker?.mention;
    if (m) assert.ok(m.start >= 0 && m.start <= m.end && m.end <= length);
    previousStart = s.start;
    lastEnd[s.kind] = s.end;
  }
}

const MARKS = ['"', "'", '\u201c', '\u201d', '\u2018', '\u2019', '\u00ab', '\u00bb', '\u201e', "''"];
const newsy = fc.array(
  fc.oneof(
    fc.constantFrom(...MARKS),
    fc.constantFrom(' ', '\n', '\n\n', ', ', '. ', ': ', ' -- ', '\u{1F600}', '\u00a0'),
    fc.constantFrom('said', 'Smith', 'he', 'she', 'according to', 'Mr.', 'told reporters', 'the spokesman', 'that', 'accused', 'of', 'We'),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
  ),
  { maxLength: 80 },
).map((parts) => parts.join(''));

test('extract never throws on arbitrary Unicode (code points)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => checkResult(s)), { numRuns: 400 });
});

test('extract never throws on arbitrary graphemes', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => checkResult(s)), { numRuns: 300 });
});

test('extract keeps offsets sane on news-like text with unbalanced quotes', () => {
  fc.assert(fc.property(newsy, (s) => checkResult(s)), { numRuns: 1500 });
});

test('texts made only of quote marks', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...MARKS, ' ', '\n'), { maxLength: 200 }).map((a) => a.join('')), (s) => checkResult(s)), { numRuns: 300 });
  checkResult('"'.repeat(10_000));
  checkResult('\u201c\u201d'.repeat(5_000));
});

test('a 1 MB paragraph without line breaks finishes quickly (no quadratic loops)', () => {
  const unit = 'The minister said "we will act, and we will act fast," adding that the plan\'s critics were wrong. ';
  const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
  const started = performance.now();
  checkResult(text);
  const unbalanced = '"Open quote and more words said Smith, '.repeat(25_000);
  checkResult(unbalanced);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 15_000, `took ${Math.round(elapsed)} ms`);
});
