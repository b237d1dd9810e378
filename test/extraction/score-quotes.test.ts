// The TypeScript port of score_quotes.py: name keys, matching, and the eval CLI's errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { givenName, givenNamesDiffer, nameKey } from '../../src/extraction/evaluation/name-key.ts';
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

test('rule 4d: a different given name before the same surname is a different person', () => {
  assert.equal(givenName('Hunter Biden'), 'hunter');
  assert.equal(givenName('President Biden'), null); // a title gives no given name
  assert.equal(givenName('J. Biden'), null); // nor does an initial
  assert.equal(givenName('Biden'), null);
  assert.ok(givenNamesDiffer('Tariq Fell', 'Omar Fell'));
  assert.ok(!givenNamesDiffer('Mayor Fell', 'Omar Fell'));
  assert.ok(!givenNamesDiffer('Omar Fell Jr.', 'Omar Fell'));
  const text = 'Tariq Fell said "we will build it" and "on time".';
  const gold = [{ id: 'd', text, quotes: [
    { start: 16, end: 33, kind: 'direct', speaker: 'Tariq Fell' },
    { start: 38, end: 47, kind: 'direct', speaker: 'Tariq Fell', speaker_aliases: ['Fell'] },
  ] }];
  const preds = [{ id: 'd', quotes: [{ start: 16, end: 33, speaker: 'Omar Fell' }, { start: 38, end: 47, speaker: 'Fell' }] }];
  const m = scoreQuotes(gold, preds, { threshold: 0.5, kinds: new Set(['direct']), strict: false });
  assert.equal(m.matched, 2);
  assert.equal(m.speaker_accuracy, 0.5); // "Omar Fell" is wrong, the bare surname is right
});

// The port must print what score_quotes.py prints. Checked on the corpus when it is there
// (../shared/corpus, research copy) and on invented cases always, when python3 is installed.
const reference = fileURLToPath(new URL('../../../shared/tools/score_quotes.py', import.meta.url));
const hasPython = spawnSync('python3', ['--version']).status === 0 && spawnSync('test', ['-f', reference]).status === 0;

test('the port gives the same metrics as score_quotes.py on invented rule-4 cases', { skip: !hasPython && 'python3 or score_quotes.py not available' }, () => {
  const text = 'Mayor Ana Ruiz said "the bridge opens in May." Her son, Leo Ruiz, said "not before June." \u201cWe wait,\u201d residents said.';
  const gold = [{ id: 'a', text, quotes: [
    { start: 20, end: 45, kind: 'direct', speaker: 'Ana Ruiz', speaker_type: 'named', speaker_aliases: ['Mayor Ruiz'] },
    { start: 71, end: 88, kind: 'direct', speaker: 'Leo Ruiz', speaker_type: 'named' },
    { start: 89, end: 98, kind: 'mixed', speaker: 'residents', speaker_type: 'nominal' },
  ], other_quoted_segments: [] }];
  const preds = [{ id: 'a', quotes: [
    { start: 20, end: 45, speaker: 'Leo Ruiz' },
    { text: 'not before June.', speaker: 'Ruiz' },
    { start: 89, end: 98, speaker: 'Residents' },
  ] }];
  const dir = mkdtempSync(join(tmpdir(), 'score-'));
  try {
    const goldPath = join(dir, 'gold.jsonl'), predPath = join(dir, 'pred.jsonl');
    writeFileSync(goldPath, gold.map((g) => JSON.stringify(g)).join('\n'));
    writeFileSync(predPath, preds.map((p) => JSON.stringify(p)).join('\n'));
    for (const strict of [false, true]) {
      const out = spawnSync('python3', [reference, goldPath, predPath, '--json', ...(strict ? ['--strict-speaker'] : [])], { encoding: 'utf8' });
      assert.equal(out.status, 0, out.stderr);
      const ours = scoreQuotes(gold, preds, { threshold: 0.5, kinds: new Set(['direct', 'mixed']), strict });
      assert.deepEqual(ours, JSON.parse(out.stdout));
    }
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('eval CLI exits non-zero with a clear message when the gold file is missing', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const out = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/eval.ts'), '/nonexistent/gold.jsonl'], { cwd: root, encoding: 'utf8' });
  assert.notEqual(out.status, 0);
  assert.match(out.stderr, /file not found: \/nonexistent\/gold\.jsonl/);
});

test('eval CLI refuses an unknown option (there is no --doubled-apostrophes: it reads \'\' as the app does)', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const out = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/eval.ts'), 'gold.jsonl', '--doubled-apostrophes'], { cwd: root, encoding: 'utf8' });
  assert.equal(out.status, 2);
  assert.match(out.stderr, /unknown option --doubled-apostrophes/);
});
