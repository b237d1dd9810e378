// npm run eval -- GOLD.jsonl [PRED.jsonl] [--threshold 0.5] [--kinds direct,mixed]
//                 [--strict-speaker] [--json]
// Scores predictions (or, without PRED, the current extractor run on the gold texts, as the
// app runs it) with the same rules and output as score_quotes.py.
import { existsSync, readFileSync } from 'node:fs';
import { extract } from '../src/extraction/index.ts';
import { scoreQuotes, type GoldDoc, type Metrics } from '../src/extraction/evaluation/score-quotes.ts';
import { toArticleLine } from './extract-format.ts';

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    try { return JSON.parse(l) as T; } catch { throw new Error(`${path}:${i + 1}: not valid JSON`); }
  });
}

function parseArgs(argv: string[]) {
  const files: string[] = [];
  const unknown: string[] = [];
  const opt = { threshold: 0.5, kinds: 'direct,mixed', strict: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--threshold') opt.threshold = Number(argv[++i]);
    else if (a === '--kinds') opt.kinds = argv[++i] ?? '';
    else if (a === '--strict-speaker') opt.strict = true;
    else if (a === '--json') opt.json = true;
    else if (a.startsWith('--')) unknown.push(a);
    else files.push(a);
  }
  return { files, unknown, opt };
}

const f3 = (x: number | string[] | boolean) => (x as number).toFixed(3);

function print(m: Metrics, kinds: string[], threshold: number, strict: boolean): void {
  console.log(`gold quotes ${m.gold_quotes} | predicted ${m.pred_quotes} | matched ${m.matched}  (overlap >= ${threshold.toFixed(2)} of longer span; kinds=${kinds.join(',')})`);
  console.log(`quote span      P ${f3(m.quote_precision!)}  R ${f3(m.quote_recall!)}  F1 ${f3(m.quote_f1!)}`);
  console.log(`quote exact     P ${f3(m.exact_precision!)}  R ${f3(m.exact_recall!)}  F1 ${f3(m.exact_f1!)}`);
  console.log(`speaker acc     ${f3(m.speaker_accuracy!)} over ${m.matched} matched  (named-gold subset: ${f3(m.speaker_accuracy_named_gold!)} over ${m.named_gold_matched})${strict ? '  [strict]' : ''}`);
  console.log(`end-to-end      P ${f3(m.e2e_precision!)}  R ${f3(m.e2e_recall!)}  F1 ${f3(m.e2e_f1!)}`);
  console.log(`diagnostics: ${m.unmatched_pred_on_unannotated_quote_marks} unmatched predictions fall on quote marks the annotators did not attribute; ${m.unlocatable_pred_texts} prediction texts not found in the document`);
}

function main(argv: string[]): number {
  const { files, unknown, opt } = parseArgs(argv);
  const [goldPath, predPath] = files;
  if (unknown.length) console.error(`eval: unknown option ${unknown[0]}`);
  if (!goldPath || unknown.length) {
    console.error('usage: npm run eval -- GOLD.jsonl [PRED.jsonl] [--threshold 0.5] [--kinds direct,mixed] [--strict-speaker] [--json]');
    return 2;
  }
  for (const p of [goldPath, predPath]) {
    if (p && !existsSync(p)) { console.error(`eval: file not found: ${p}`); return 1; }
  }
  const gold = readJsonl<GoldDoc>(goldPath);
  const preds = predPath
    ? readJsonl<{ id: string; quotes: [] }>(predPath)
    : gold.map((d) => toArticleLine(d.id, extract(d.text)));
  const known = new Set(gold.map((d) => d.id));
  const extra = [...new Set(preds.map((p) => p.id))].filter((id) => !known.has(id)).length;
  if (extra) console.error(`warning: ${extra} predicted doc ids not in gold (ignored)`);
  const predicted = new Set(preds.map((p) => p.id));
  const missing = gold.filter((d) => !predicted.has(d.id)).length;
  if (missing) console.error(`warning: ${missing} gold docs have no prediction line`);
  const kinds = new Set(opt.kinds.split(',').map((k) => k.trim()).filter(Boolean));
  const metrics = scoreQuotes(gold, preds, { threshold: opt.threshold, kinds, strict: opt.strict });
  if (opt.json) console.log(JSON.stringify(metrics, null, 2));
  else print(metrics, [...kinds].sort(), opt.threshold, opt.strict);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`eval: ${(err as Error).message}`);
  process.exitCode = 1;
}
