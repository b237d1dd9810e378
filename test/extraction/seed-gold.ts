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
  speaker_kind: 'person' | 'organization';
  note?: string;
}

export const seedText = readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8');
export const seedGold = JSON.parse(readFileSync(new URL('../fixtures/seed-article.gold.json', import.meta.url), 'utf8')) as {
  quotes: GoldItem[];
  claims: GoldItem[];
};

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
