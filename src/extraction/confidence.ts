// Confidence that an attribution is right, from how it was found. Each route's base is its
// rounded accuracy on annotated political news (PolNeAR dev, ~2,700 matched quotes); the
// adjustments order attributions within a route. Sorting by confidence puts the doubtful
// ones first in the review queue; the numbers are not exact probabilities.
import type { QuoteAttribution } from './attribute.ts';
import type { ClaimDraft } from './claims.ts';
import type { QuoteSpan } from './quotes.ts';
import type { Resolution } from './speakers.ts';

/** Keyed by `via` or `via:position`. */
const ROUTE_BASE: Record<string, number> = {
  'cue:after': 0.98, 'cue:inverted': 0.94, 'cue:before': 0.94, 'cue:according': 0.9, 'cue:gerund': 0.9,
  'cue:coordinated': 0.82, 'paragraph:after': 0.97, 'paragraph:inverted': 0.94, paragraph: 0.7,
  label: 0.8, intro: 0.7, reported: 0.7, colon: 0.85, possessive: 0.8, subject: 0.78, neighbour: 0.72, continuation: 0.6, 'prior-subject': 0.45,
  // A name before a verb the lexicon lacks ("<Q>, Tull beseeched"): right more often than not, never sure.
  'unknown-verb': 0.55,
};

const HOW_ADJUST: Record<string, number> = {
  named: 0, surname: 0, pronoun: -0.03, nominal: -0.05, 'new-nominal': -0.03,
};

/**
 * A cue whose subject is a pronoun with no compatible person before it ("he said" opening an
 * article): the statement is output with no speaker, so the attribution is as doubtful as
 * none at all, just above an unattributed quotation (0.05) because its cue is known.
 */
export const UNRESOLVED_CONFIDENCE = 0.1;

export function quoteConfidence(q: QuoteSpan, att: QuoteAttribution | null, res: Resolution | null): number {
  if (!att || !res) return 0.05;
  if (!res.speaker) return UNRESOLVED_CONFIDENCE;
  const route = att.match ? `${att.via}:${att.match.position}` : att.via;
  let c = ROUTE_BASE[route] ?? ROUTE_BASE[att.via] ?? 0.6;
  // A cue far from the quotation is more often some other clause's cue.
  if (att.match) c -= Math.min(0.3, att.match.distance * 0.015);
  c += HOW_ADJUST[res.how] ?? 0;
  if (q.family === 'single') c -= 0.1;
  return clamp(c);
}

const CLAIM_BASE: Record<string, number> = { before: 0.8, after: 0.75, according: 0.8, gerund: 0.65, coordinated: 0.55, inverted: 0.75 };

export function claimConfidence(c: ClaimDraft, res: Resolution | null): number {
  if (!res) return 0.05;
  if (!res.speaker) return UNRESOLVED_CONFIDENCE;
  return clamp((CLAIM_BASE[c.position] ?? 0.6) + (HOW_ADJUST[res.how] ?? 0));
}

function clamp(c: number): number {
  return Math.round(Math.max(0.01, Math.min(0.99, c)) * 100) / 100;
}
