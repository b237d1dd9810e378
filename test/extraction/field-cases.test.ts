// The field cases of issue #12 (../shared/corpus/field-cases.jsonl: small invented inputs, each
// showing one kind of fault found on real material, with the right spans and speakers), as one
// named test each: a case is right when the official scorer's rules (the port in
// src/extraction/evaluation/) match every gold quote with its speaker and find nothing else.
// The corpus is read beside the repository, never copied into it; where it is absent (CI),
// these tests skip, and the unit tests named after each kind cover the same faults on other text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { toArticleLine } from '../../scripts/extract-format.ts';
import { scoreQuotes, type GoldDoc } from '../../src/extraction/evaluation/score-quotes.ts';
import { extract } from '../../src/extraction/index.ts';

const FILE = path.resolve('../shared/corpus/field-cases.jsonl');
type FieldCase = Omit<GoldDoc, 'quotes'> & { kind_of_fault?: string; quotes: (GoldDoc['quotes'][number] & { text: string })[] };
const cases: FieldCase[] = fs.existsSync(FILE)
  ? fs.readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  : [];

describe('field cases (issue #12), each right by the official scoring rules', () => {
  if (!cases.length) it('the shared corpus is not on this machine', (ctx) => ctx.skip('no ../shared/corpus/field-cases.jsonl'));
  for (const doc of cases) {
    it(`${doc.id}${doc.kind_of_fault ? ` (${doc.kind_of_fault})` : ''}: ${doc.quotes.map((q) => q.speaker).join(', ')}`, () => {
      const line = toArticleLine(doc.id, extract(doc.text));
      const m = scoreQuotes([doc], [line], { threshold: 0.5, kinds: new Set(['direct', 'mixed']), strict: false });
      const got = line.quotes.map((q) => `${JSON.stringify(q.text)} → ${q.speaker} [${q.evidence}]`).join('\n  ');
      const want = doc.quotes.map((q) => `${JSON.stringify(q.text)} → ${q.speaker}`).join('\n  ') || '(no quote)';
      // Every gold quote found with its speaker, and nothing else (a case may have no quote at all).
      const right = m.pred_quotes === m.gold_quotes && (m.gold_quotes === 0 || m.e2e_recall === 1);
      assert.ok(right, `expected\n  ${want}\ngot\n  ${got}`);
    });
  }
});
