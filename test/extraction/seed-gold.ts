// Loads the seed article and its hand-made gold, and compares extractor output with it
// using the reference scorer's rules (>= 50% overlap of the longer span, surname keys).
import { readFileSync } from 'node:fs';
import { speakerOk } from '../../src/extraction/evaluation/name-key.ts';
import type { ExtractedStatement } from '../../src/extraction/index.ts';

export interface GoldItem {
  start: number;
  end: number;
  text: string;
  speaker: string;
  speaker_aliases: string[];
  role: string | null;
  note?: string;
}

export const seedText = readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8');
export const seedGold = JSON.parse(readFileSync(new URL('../fixtures/seed-article.gold.json', import.meta.url), 'utf8')) as {
  quotes: GoldItem[];
  claims: GoldItem[];
};

const MARKS = '"\u201c\u201d\'\u2018\u2019\u00ab\u00bb';

/**
 * Erratum, without editing the gold: the "solidarity" quote is annotated at 3299, the word
 * in the section heading "- NATO solidarity -", not the quoted "solidarity" further down.
 * A gold quote that is not preceded by a quote mark is moved to the next quoted occurrence.
 */
export function quotedSpan(g: GoldItem): [number, number] {
  const cps = Array.from(seedText);
  if (MARKS.includes(cps[g.start - 1] ?? '')) return [g.start, g.end];
  const words = Array.from(g.text);
  for (let i = g.end; i + words.length < cps.length; i++) {
    if (MARKS.includes(cps[i - 1]!) && words.every((w, j) => cps[i + j] === w)) return [i, i + words.length];
  }
  return [g.start, g.end];
}

export function bestMatch(span: [number, number], statements: ExtractedStatement[]): ExtractedStatement | null {
  let best: ExtractedStatement | null = null;
  let bestRatio = 0;
  for (const s of statements) {
    const overlap = Math.min(span[1], s.end) - Math.max(span[0], s.start);
    const ratio = overlap / Math.max(span[1] - span[0], s.end - s.start);
    if (ratio >= 0.5 && ratio > bestRatio) { best = s; bestRatio = ratio; }
  }
  return best;
}

export function rightSpeaker(g: GoldItem, s: ExtractedStatement): boolean {
  return speakerOk({ start: g.start, end: g.end, speaker: g.speaker, speaker_aliases: g.speaker_aliases }, { speaker: s.speaker?.name ?? null }, true);
}
