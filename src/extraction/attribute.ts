// Decides who speaks each quotation: a cue in its own sentence first, then a transcript
// label ("PENCE: ..."), then the paragraph's other quotations, then the previous
// paragraph when this one is a bare continuation ("Caddell continued:" / a quote run).
import { clauseSubject, cueAfter, cueAt, cueBefore, cueInSentence, cueLater, subjectOf, type CueMatch } from './cue-scan.ts';
import type { FrameSentence } from './frame.ts';
import type { Mention } from './mentions.ts';
import type { QuoteSpan } from './quotes.ts';
import type { Token } from './tokens.ts';
import { mentionStartingAt } from './mentions.ts';
import { tokenize } from './tokens.ts';

export type AttributionVia = 'cue' | 'label' | 'paragraph' | 'neighbour' | 'colon' | 'intro' | 'continuation' | 'subject';

export interface QuoteAttribution {
  mention: Mention;
  cue: Token | null;
  cueEnd: number;
  via: AttributionVia;
  match: CueMatch | null;
}

/** Attributions keyed by quotation region start, for every region in the article. */
export function attributeQuotes(text: string, quotes: QuoteSpan[], sentencesByParagraph: FrameSentence[][]): Map<number, QuoteAttribution> {
  const result = new Map<number, QuoteAttribution>();
  let previous: { paragraph: number; attribution: QuoteAttribution; endedWithQuote: boolean } | null = null;
  const byRegion = new Map<number, QuoteSpan>();
  for (const q of quotes) if (!byRegion.has(q.regionStart)) byRegion.set(q.regionStart, q);

  for (const sentences of sentencesByParagraph) {
    const regions: number[] = [];
    for (const s of sentences) {
      s.tokens.forEach((t, i) => {
        if (t.region === undefined) return;
        regions.push(t.region);
        const match = cueAfter(s.tokens, i) ?? cueLater(s.tokens, i) ?? cueBefore(s.tokens, i);
        const label = labelOf(text, byRegion.get(t.region)!);
        if (label) result.set(t.region, { mention: label, cue: null, cueEnd: -1, via: 'label', match: null });
        else if (match) result.set(t.region, { mention: match.mention, cue: match.cue, cueEnd: match.cueEnd, via: 'cue', match });
      });
    }
    if (!sentences.length) continue;
    // Quotations of a paragraph without their own cue share the nearest attributed one.
    shareWithinParagraph(regions, result);
    attributeFromNeighbours(sentences, result);
    const first = sentences[0]!.tokens[0];
    const paragraphIndex = sentences[0]!.paragraph;
    if (first?.region !== undefined && !result.has(first.region) && previous && previous.paragraph === paragraphIndex - 1) {
      // A paragraph that opens with a quotation and names nobody continues the previous speaker.
      const via: AttributionVia = previous.endedWithQuote ? 'continuation' : 'intro';
      for (const r of regions) if (!result.has(r)) result.set(r, { ...previous.attribution, via });
    }
    const intro = introAttribution(sentences);
    const lastRegion = regions[regions.length - 1];
    const lastAttributed = lastRegion === undefined ? undefined : result.get(lastRegion);
    if (intro) previous = { paragraph: paragraphIndex, attribution: intro, endedWithQuote: false };
    else if (lastAttributed) previous = { paragraph: paragraphIndex, attribution: lastAttributed, endedWithQuote: true };
    else previous = null;
  }
  return result;
}

 /** A quotation with no cue of its own: the previous/next sentence's cue, else "Subject ...: <Q>". */
function attributeFromNeighbours(sentences: FrameSentence[], result: Map<number, QuoteAttribution>): void {
  const cache = new Map<number, CueMatch | null>();
  const cueOf = (i: number) => {
    if (!cache.has(i)) cache.set(i, cueInSentence(sentences[i]!.tokens));
    return cache.get(i)!;
  };
  sentences.forEach((s, si) => {
    s.tokens.forEach((t, i) => {
      if (t.region === undefined || result.has(t.region)) return;
      if (s.tokens[i - 1]?.text === ':') {
        const subject = clauseSubject(s.tokens, i - 1);
        if (subject) { result.set(t.region, { mention: subject, cue: null, cueEnd: -1, via: 'colon', match: null }); return; }
      }
      const prev = si > 0 ? cueOf(si - 1) : null;
      const next = !prev && si + 1 < sentences.length ? cueOf(si + 1) : null;
      const found = prev ?? next;
      if (found) { result.set(t.region, { mention: found.mention, cue: found.cue, cueEnd: found.cueEnd, via: 'neighbour', match: found }); return; }
      // Last resort for a fragment inside a sentence: whoever the sentence is about
      // ("Cruz exhorted Republicans to <Q>"). Low confidence; review will tell.
      const subject = i > 0 ? clauseSubject(s.tokens, i) : null;
      if (subject && subject.kind !== 'nominal') result.set(t.region, { mention: subject, cue: null, cueEnd: -1, via: 'subject', match: null });
    });
  });
}

/** Quotations without their own cue take the nearest cued one of the paragraph, previous first. */
function shareWithinParagraph(regions: number[], result: Map<number, QuoteAttribution>): void {
  const cued = regions.map((r) => (result.get(r)?.via === 'cue' ? r : undefined));
  const previous: Array<number | undefined> = [];
  let last: number | undefined;
  for (const r of cued) { previous.push(last); if (r !== undefined) last = r; }
  let next: number | undefined;
  for (let i = regions.length - 1; i >= 0; i--) {
    const r = regions[i]!;
    const source = previous[i] ?? next;
    if (!result.has(r) && source !== undefined) result.set(r, { ...result.get(source)!, via: 'paragraph' });
    if (cued[i] !== undefined) next = cued[i];
  }
}

/** "Caddell continued:" / "The New York Times reports:" at the end of a paragraph. */
function introAttribution(sentences: FrameSentence[]): QuoteAttribution | null {
  const toks = sentences[sentences.length - 1]!.tokens;
  const last = toks[toks.length - 1];
  if (!last || last.text !== ':' || toks.some((t) => t.region !== undefined)) return null;
  for (let c = toks.length - 2; c >= 0 && toks.length - c < 8; c--) {
    const cue = cueAt(toks, c);
    if (!cue) continue;
    const m = subjectOf(toks, c) ?? mentionStartingAt(toks, c + 1);
    if (m) return { mention: m, cue: toks[c]!, cueEnd: toks[c]!.end, via: 'intro', match: null };
  }
  // "Trump issued the following statement:" / "From Josh Feldman writing at Mediaite:".
  const m = clauseSubject(toks, toks.length - 1) ?? (toks[0]?.text === 'From' ? mentionStartingAt(toks, 1) : null);
  if (m && m.kind === 'name') return { mention: m, cue: null, cueEnd: -1, via: 'intro', match: null };
  return null;
}

const LABEL_RE = /^((?:\p{Lu}[\p{Lu}.'\u2019-]+)(?: \p{Lu}[\p{Lu}.'\u2019-]+){0,3}|\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+): /u;

/** Transcript speaker label at the start of a quotation: "WALLACE: If I may ...". */
function labelOf(text: string, q: QuoteSpan): Mention | null {
  const head = text.slice(q.start, Math.min(q.end, q.start + 50));
  const m = LABEL_RE.exec(head);
  if (!m || q.nested) return null;
  const toks = tokenize(text, q.start, q.start + m[1]!.length);
  if (!toks.length) return null;
  return { kind: 'name', tokens: toks, start: toks[0]!.start, end: toks[toks.length - 1]!.end, apposition: null };
}
