// The TypeScript port of score_quotes.py: name keys, matching, and the eval CLI's errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nameKey } from '../../src/extraction/evaluation/name-key.ts';
import { scoreQuotes } from '../../src/extraction/evaluation/score-quotes.ts';

test('name keys follow the reference scorer (rule 4c examples)', () => {
  assert.equal(nameKey('Secretary of State John Kerry'), 'kerry');
  assert.equal(nameKey('White House deputy press secretary Eric Schultz'), 'schultz');
  assert.equal(nameKey('Chris Low at FTN Financial'), 'low');
  assert.equal(nameKey('Mr. Kelly, a retired astronaut'), 'kelly');
  assert.equal(nameKey('Mrs. Trump'), nameKey('Donald Trump'));
  assert.equal(nameKey('Martin Luther King Jr.'), 'king');
  assert.equal(nameKey('sources'), 'sources');
  assert.equal(nameKey(null), null);
});

test('scoring: 50% overlap of the longer span, greedy one-to-one, speaker by mention or key', () => {
  const text = 'He said "one two three four" and "five six".';
  const gold = [{ id: 'd', text, quotes: [
    { start: 9, end: 27, kind: 'direct', speaker: 'John Smith', speaker_mention_start: 0, speaker_mention_end: 2, speaker_type: 'pronoun', speaker_resolved: 'John Smith' },
    { start: 34, end: 42, kind: 'mixed', speaker: 'Ann Lee' },
  ] }];
  const preds = [{ id: 'd', quotes: [
    { start: 8, end: 28, speaker: 'he', speaker_mention_start: 0, speaker_mention_end: 2 },
    { start: 34, end: 37, speaker: 'Lee' },
  ] }];
  const m = scoreQuotes(gold, preds, { threshold: 0.5, kinds: new Set(['direct', 'mixed']), strict: false });
  assert.equal(m.matched, 1); // "five" covers 3 of 8 characters: below the threshold
  assert.equal(m.speaker_accuracy, 1);
  assert.equal(m.e2e_precision, 0.5);
});

test('eval CLI exits non-zero with a clear message when the gold file is missing', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const out = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/eval.ts'), '/nonexistent/gold.jsonl'], { cwd: root, encoding: 'utf8' });
  assert.notEqual(out.status, 0);
  assert.match(out.stderr, /file not found: \/nonexistent\/gold\.jsonl/);
});
