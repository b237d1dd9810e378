// TypeScript port of score_quotes.py (the project's reference scorer): span trimming,
// >= threshold overlap of the longer span, greedy one-to-one matching by ratio, gold
// kinds filter, speaker rules. Offsets are code points, as in the Python original.
import { speakerOk, type GoldQuote, type PredQuote } from './name-key.ts';

export interface GoldDoc { id: string; text: string; quotes: GoldQuote[]; other_quoted_segments?: Array<[number, number]> }
export interface ScoreOptions { threshold: number; kinds: Set<string>; strict: boolean }
export type Metrics = Record<string, number | string[] | boolean>;

const QUOTE_CHARS = '\u201c\u201d"\u2018\u2019\'\u00ab\u00bb';
const isPySpace = (ch: string) => /^[\s\u001c-\u001f\u0085]$/u.test(ch);

function trim(cps: string[], s0: number, e0: number): [number, number] {
  let s = Math.max(0, s0), e = Math.min(cps.length, e0);
  while (s < e && (isPySpace(cps[s]!) || QUOTE_CHARS.includes(cps[s]!))) s++;
  while (e > s && (isPySpace(cps[e - 1]!) || QUOTE_CHARS.includes(cps[e - 1]!) || ',;:'.includes(cps[e - 1]!))) e--;
  return [s, e];
}

function locate(cps: string[], quote: string, used: Set<string>, cursor: number): [number, number] | null {
  const strip = (x: string) => x.replace(/^[\s]+|[\s]+$/gu, '');
  let q = strip(quote);
  q = q.replace(new RegExp(`^[${QUOTE_CHARS}]+|[${QUOTE_CHARS}]+$`, 'g'), '');
  q = strip(strip(q).replace(/[,;:]+$/, ''));
  if (!q) return null;
  const text = cps.join('');
  let hay = text, needle = q;
  if (!text.includes(q)) { hay = text.toLowerCase(); needle = q.toLowerCase(); }
  const hayCps = Array.from(hay), needleCps = Array.from(needle);
  const find = (from: number) => {
    for (let i = from; i + needleCps.length <= hayCps.length; i++) {
      let ok = true;
      for (let j = 0; j < needleCps.length && ok; j++) ok = hayCps[i + j] === needleCps[j];
      if (ok) return i;
    }
    return -1;
  };
  for (const begin of [cursor, 0]) {
    for (let i = find(begin); i >= 0; i = find(i + 1)) {
      if (!used.has(`${i},${i + needleCps.length}`)) return [i, i + needleCps.length];
    }
  }
  return null;
}

const prf = (tp: number, np: number, ng: number) => {
  const p = np ? tp / np : 0, r = ng ? tp / ng : 0;
  return [p, r, p + r ? (2 * p * r) / (p + r) : 0] as const;
};

export function scoreQuotes(gold: GoldDoc[], predLines: Array<{ id: string; quotes?: PredQuote[] }>, opt: ScoreOptions): Metrics {
  const preds = new Map<string, PredQuote[]>();
  for (const d of predLines) preds.set(d.id, [...(preds.get(d.id) ?? []), ...(d.quotes ?? [])]);
  let nGold = 0, nPred = 0, tp = 0, exact = 0, spOk = 0, namedMatched = 0, namedOk = 0, e2e = 0, fpOther = 0, unlocatable = 0;
  for (const doc of gold) {
    const cps = Array.from(doc.text);
    const gSpans = doc.quotes.map((q) => trim(cps, q.start, q.end));
    const pSpans: Array<[number, number]> = [], pItems: PredQuote[] = [], used = new Set<string>();
    let cursor = 0;
    for (const q of preds.get(doc.id) ?? []) {
      let sp: [number, number];
      if (q.start != null && q.end != null) sp = [Math.trunc(q.start), Math.trunc(q.end)];
      else {
        const found = locate(cps, q.text ?? '', used, cursor);
        if (!found) { unlocatable++; sp = [0, 0]; } else { sp = found; cursor = found[1]; }
      }
      used.add(`${sp[0]},${sp[1]}`);
      pSpans.push(trim(cps, sp[0], sp[1]));
      pItems.push(q);
    }
    const cands: Array<[number, number, number]> = [];
    gSpans.forEach(([gs, ge], gi) => pSpans.forEach(([ps, pe], pi) => {
      const ov = Math.min(ge, pe) - Math.max(gs, ps);
      if (ov <= 0) return;
      const ratio = ov / Math.max(ge - gs, pe - ps);
      if (ratio >= opt.threshold) cands.push([ratio, gi, pi]);
    }));
    cands.sort((a, b) => b[0] - a[0]);
    const gUsed = new Set<number>(), pUsed = new Set<number>(), pairs: Array<[number, number]> = [];
    for (const [, gi, pi] of cands) {
      if (gUsed.has(gi) || pUsed.has(pi)) continue;
      gUsed.add(gi); pUsed.add(pi); pairs.push([gi, pi]);
    }
    const kindOf = (gi: number) => doc.quotes[gi]!.kind ?? 'direct';
    const ignored = new Set(pairs.filter(([gi]) => !opt.kinds.has(kindOf(gi))).map(([, pi]) => pi));
    nGold += doc.quotes.filter((q) => opt.kinds.has(q.kind ?? 'direct')).length;
    nPred += pSpans.length - ignored.size;
    const others = doc.other_quoted_segments ?? [];
    pSpans.forEach(([ps, pe], pi) => {
      if (!pUsed.has(pi) && others.some(([os, oe]) => Math.min(pe, oe) > Math.max(ps, os))) fpOther++;
    });
    for (const [gi, pi] of pairs) {
      if (!opt.kinds.has(kindOf(gi))) continue;
      tp++;
      if (gSpans[gi]![0] === pSpans[pi]![0] && gSpans[gi]![1] === pSpans[pi]![1]) exact++;
      const ok = speakerOk(doc.quotes[gi]!, pItems[pi]!, opt.strict);
      spOk += +ok; e2e += +ok;
      if (doc.quotes[gi]!.speaker_type === 'named') { namedMatched++; namedOk += +ok; }
    }
  }
  const [qp, qr, qf] = prf(tp, nPred, nGold), [xp, xr, xf] = prf(exact, nPred, nGold), [ep, er, ef] = prf(e2e, nPred, nGold);
  return {
    gold_quotes: nGold, pred_quotes: nPred, matched: tp, quote_precision: qp, quote_recall: qr, quote_f1: qf,
    exact_precision: xp, exact_recall: xr, exact_f1: xf, speaker_accuracy: tp ? spOk / tp : 0,
    speaker_accuracy_named_gold: namedMatched ? namedOk / namedMatched : 0, named_gold_matched: namedMatched,
    e2e_precision: ep, e2e_recall: er, e2e_f1: ef, unmatched_pred_on_unannotated_quote_marks: fpOther,
    unlocatable_pred_texts: unlocatable, threshold: opt.threshold, kinds: [...opt.kinds].sort(), strict_speaker: opt.strict,
  };
}
