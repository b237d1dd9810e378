// Turns quotation segments plus their attributions into quote statements (UTF-16 offsets;
// index.ts converts to code points at the edge).
import type { QuoteAttribution } from './attribute.ts';
import { quoteConfidence } from './confidence.ts';
import type { FrameSentence } from './frame.ts';
import type { QuoteSpan } from './quotes.ts';
import type { Resolution, SpeakerRegistry } from './speakers.ts';
import type { QuoteType } from './types.ts';

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
}

export function quoteStatements(
  quotes: QuoteSpan[], attributions: Map<number, QuoteAttribution>, sentencesByParagraph: FrameSentence[][],
  registry: SpeakerRegistry, resolved: Map<number, Resolution>,
): DraftStatement[] {
  const drafts: DraftStatement[] = [];
  const precededByWord = partialQuoteRegions(sentencesByParagraph);
  for (const q of quotes) {
    const att = attributions.get(q.regionStart) ?? null;
    let resolution: Resolution | null = null;
    if (att) {
      resolution = resolved.get(att.mention.start) ?? registry.resolve(att.mention);
      resolved.set(att.mention.start, resolution);
    }
    const partial = precededByWord.has(q.regionStart) || (q.nested && !q.continuation);
    drafts.push({
      kind: 'quote', start: q.start, end: q.end, paragraphIndex: q.paragraph,
      quoteType: partial ? 'partial' : 'direct',
      cue: att?.cue ? { start: att.cue.start, end: att.cueEnd } : null,
      mention: att ? { start: att.mention.start, end: att.mention.end } : null,
      resolution,
      confidence: quoteConfidence(q, att, resolution),
    });
  }
  return drafts;
}

/** Quotations that sit inside a sentence after a word ("described it as "..."): partial quotes. */
function partialQuoteRegions(sentencesByParagraph: FrameSentence[][]): Set<number> {
  const out = new Set<number>();
  for (const sentences of sentencesByParagraph) {
    for (const s of sentences) {
      s.tokens.forEach((t, i) => {
        if (t.region === undefined) return;
        const prev = s.tokens[i - 1];
        if (prev && prev.isWord) out.add(t.region);
      });
    }
  }
  return out;
}
