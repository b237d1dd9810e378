// Confidence that an attribution is right, from how it was found. The weights are the
// observed accuracy of each route on held-out annotated news, rounded; they order the
// review queue (least sure first) rather than promise exact probabilities.
import type { QuoteAttribution } from './attribute.ts';
import type { QuoteSpan } from './quotes.ts';
import type { ClaimDraft } from './claims.ts';
import type { Resolution } from './speakers.ts';

const VIA_BASE: Record<string, number> = {
  label: 0.9, cue: 0.85, paragraph: 0.8, neighbour: 0.6, colon: 0.55, intro: 0.75, continuation: 0.7,
};

const POSITION_ADJUST: Record<string, number> = {
  inverted: 0.08, after: 0.06, before: 0, according: 0.04, coordinated: -0.1, gerund: -0.12,
};

const HOW_ADJUST: Record<string, number> = {
  named: 0.04, surname: 0.04, pronoun: -0.04, nominal: -0.06, 'new-nominal': -0.02, 'unresolved-pronoun': -0.25,
};

export function quoteConfidence(q: QuoteSpan, att: QuoteAttribution | null, res: Resolution | null): number {
  if (!att || !res) return q.family === 'single' ? 0.15 : 0.2;
  let c = VIA_BASE[att.via] ?? 0.6;
  if (att.match) {
    c += POSITION_ADJUST[att.match.position] ?? 0;
    c -= Math.min(0.3, att.match.distance * 0.02);
  }
  c += HOW_ADJUST[res.how] ?? 0;
  if (q.family === 'single') c -= 0.1;
  return clamp(c);
}

export function clamp(c: number): number {
  return Math.round(Math.max(0.01, Math.min(0.99, c)) * 100) / 100;
}

const CLAIM_POSITION: Record<string, number> = { before: 0.7, after: 0.7, according: 0.75, gerund: 0.55, coordinated: 0.5, inverted: 0.7 };

export function claimConfidence(c: ClaimDraft, res: Resolution | null): number {
  if (!res) return 0.2;
  return clamp((CLAIM_POSITION[c.position] ?? 0.6) + (HOW_ADJUST[res.how] ?? 0));
}
