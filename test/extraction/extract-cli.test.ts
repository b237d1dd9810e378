// The extract CLI: JSONL in, one JSON line per article out; clear errors on bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seed = readFileSync(join(root, 'test/fixtures/seed-article.txt'), 'utf8');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/extract.ts'), ...args], { cwd: root, encoding: 'utf8' });

test('extract CLI prints one line per article with quotes and claims', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-extract-'));
  const input = join(dir, 'in.jsonl');
  writeFileSync(input, `${JSON.stringify({ id: 'seed', text: seed })}\n${JSON.stringify({ id: 'empty', text: '' })}\n`);
  const out = run([input]);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), ['seed', 'empty']);
  const [first] = lines;
  assert.ok(first.quotes.length >= 20 && first.claims.length >= 12);
  const q = first.quotes[0];
  for (const key of ['start', 'end', 'text', 'speaker', 'speaker_mention_start', 'speaker_mention_end', 'role', 'cue', 'quote_type', 'confidence']) {
    assert.ok(key in q, `quote has ${key}`);
  }
  assert.equal(Array.from(seed).slice(q.start, q.end).join(''), q.text);
  assert.deepEqual(lines[1].quotes, []);
});

test('extract CLI reads doubled apostrophes as quote marks, as the app does, and has no option for it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-extract-'));
  const input = join(dir, 'nyt.jsonl');
  writeFileSync(input, `${JSON.stringify({ id: 'nyt', text: "''We will win,'' Mr. Smith said." })}\n`);
  const quotesWith = (args: string[]) => {
    const out = run([...args, input]);
    assert.equal(out.status, 0, out.stderr);
    return JSON.parse(out.stdout).quotes.map((q: { text: string; speaker: string }) => [q.text, q.speaker]);
  };
  assert.deepEqual(quotesWith([]), [['We will win,', 'Smith']]);
  const unknown = run(['--doubled-apostrophes', input]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option --doubled-apostrophes/);
});

test('extract CLI fails clearly on a missing file and on a bad JSON line', () => {
  const missing = run(['/nonexistent/file.jsonl']);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /cannot read \/nonexistent\/file\.jsonl/);
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-extract-'));
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"id":"a","text":"ok"}\n{not json\n');
  const out = run([bad]);
  assert.notEqual(out.status, 0);
  assert.match(out.stderr, /bad\.jsonl:2: not valid JSON/);
  assert.equal(run([]).status, 2);
});
