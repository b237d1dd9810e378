// Builds quote and claim statements from spans and attributions. Speakers are resolved in
// document order of their mentions, so "he" meets the people named before it.
import type { QuoteAttribution } from './attribute.ts';
import type { ClaimDraft } from './claims.ts';
import { claimConfidence, quoteConfidence } from './confidence.ts';
import type { FrameSentence } from './frame.ts';
import type { Mention } from './mentions.ts';
import type { QuoteSpan } from './quotes.ts';
import type { Resolution, SpeakerRegistry } from './speakers.ts';
import type { QuoteType } from './types.ts';
import { isStatementWorthy } from './worthiness.ts';

export interface DraftStatement {
  kind: 'quote' | 'claim';
  start: number;
  end: number;
  paragraphIndex: number;
  quoteType: QuoteType;
  cue: { start: number; end: number } | null;
  mention: { start: number; end: number } | null;
  resolution: Resolution | null;
  confidence: number;
  evidence: string;
}

/** Resolves every attribution mention once, in document order, observing other subjects on the way. */
export function resolveMentions(registry: SpeakerRegistry, mentions: Mention[], observed: Mention[]): Map<number, Resolution> {
  const resolved = new Map<number, Resolution>();
  const speaking = new Set(mentions.map((m) => m.start));
  const events = [
    ...mentions.map((m) => ({ m, speaks: true })),
    ...observed.filter((m) => !speaking.has(m.start)).map((m) => ({ m, speaks: false })),
  ].sort((a, b) => a.m.start - b.m.start);
  for (const { m, speaks } of events) {
    if (!speaks) registry.observe(m);
    else if (!resolved.has(m.start)) resolved.set(m.start, registry.resolve(m));
  }
  return resolved;
}

/** The quote statements; `headlines[i]` says paragraph i is a Title Case headline (its quotations are not verbatim). */
export function quoteStatements(
  text: string, quotes: QuoteSpan[], attributions: Map<number, QuoteAttribution>, sentencesByParagraph: FrameSentence[][],
  resolved: Map<number, Resolution>, headlines: boolean[],
): DraftStatement[] {
  const precededByWord = partialQuoteRegions(sentencesByParagraph);
  return quotes.filter((q) => isStatementWorthy(text, q, attributions.get(q.regionStart) ?? null, headlines[q.paragraph]!)).map((q) => {
    const att = attributions.get(q.regionStart) ?? null;
    const resolution = att ? resolved.get(att.mention.start) ?? null : null;
    const partial = precededByWord.has(q.regionStart) || (q.nested && !q.continuation);
    return {
      kind: 'quote', start: q.start, end: q.end, paragraphIndex: q.paragraph,
      quoteType: partial ? 'partial' : 'direct',
      cue: att?.cue ? { start: att.cue.start, end: att.cueEnd } : null,
      mention: att ? { start: att.mention.start, end: att.mention.end } : null,
      resolution,
      confidence: quoteConfidence(q, att, resolution),
      evidence: withUnresolved(att ? (att.match ? `${att.via}:${att.match.position}` : att.via) : 'none', resolution),
    };
  });
}

export function claimStatements(claims: ClaimDraft[], resolved: Map<number, Resolution>): DraftStatement[] {
  return claims.map((c) => {
    const resolution = resolved.get(c.mention.start) ?? null;
    return {
      kind: 'claim', start: c.start, end: c.end, paragraphIndex: c.paragraph,
      quoteType: c.mixed ? 'mixed' : 'indirect',
      cue: c.cue, mention: { start: c.mention.start, end: c.mention.end }, resolution,
      confidence: claimConfidence(c, resolution),
      evidence: withUnresolved(`claim:${c.position}`, resolution),
    };
  });
}

/** The route, plus ";unresolved-pronoun" when its pronoun had no antecedent and the speaker is null. */
function withUnresolved(route: string, resolution: Resolution | null): string {
  return resolution && !resolution.speaker ? `${route};unresolved-pronoun` : route;
}

/** Quotations that sit inside a sentence after a word ("described it as "..."): partial quotes. */
function partialQuoteRegions(sentencesByParagraph: FrameSentence[][]): Set<number> {
  const out = new Set<number>();
  for (const sentences of sentencesByParagraph) {
    for (const s of sentences) {
      s.tokens.forEach((t, i) => {
        if (t.region !== undefined && s.tokens[i - 1]?.isWord) out.add(t.region);
      });
    }
  }
  return out;
}
