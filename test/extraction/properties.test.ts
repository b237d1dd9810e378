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
    fc.constantFrom(' ', '\n', '\n\n', ', ', '. ', ': ', ' -- ', '\u{1F600}', '\u00a0', '\u202f'),
    fc.constantFrom('said', 'Smith', 'he', 'she', 'according to', 'Mr.', 'told reporters', 'the spokesman', 'that', 'accused', 'of', 'We',
      'called', 'the words', 'director', 'a', 'as if to say', 'Title Case'),
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

// Speed is measured by scripts/bench-extract.ts; the timeout here only stops a quadratic
// regression from hanging the suite.
test('a 1 MB paragraph without line breaks, and other pathological texts, extract cleanly', { timeout: 180_000 }, () => {
  const unit = 'The minister said "we will act, and we will act fast," adding that the plan\'s critics were wrong. ';
  const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
  checkResult(text);
  const unbalanced = '"Open quote and more words said Smith, '.repeat(25_000);
  checkResult(unbalanced);
  checkResult('"a" '.repeat(250_000)); // 250k quotations in one sentence
  checkResult("'a' ".repeat(250_000));
  checkResult('Smith said: "yes" '.repeat(50_000));
  checkResult(Array.from({ length: 30_000 }, (_, i) => `"Yes," said Al${i} Smith.`).join(' ')); // one surname, 30k names
  // Quote-span rules: flattened paragraphs, spaced guillemets, lead-ins of names and titles.
  checkResult('"We start now. '.repeat(60_000));
  checkResult('\u00ab\u00a0a\u00a0\u00bb, \u00bb \u00ab '.repeat(60_000));
  checkResult('the words "a" and "b" and '.repeat(40_000));
  checkResult('a pattern called "Big Thing" director '.repeat(25_000));
  checkResult(`"A. ${' '.repeat(500_000)}"B."`);
});
