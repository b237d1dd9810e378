import { attributeQuotes } from './attribute.ts';
import { describedPeople, namedPeople } from './antecedents.ts';
import { frameSentences, type FrameSentence } from './frame.ts';
import type { Mention } from './mentions.ts';
import { stripPossessive } from './tokens.ts';
import { makeCodePointMapper } from '../text/code-points.ts';
import { findClaims } from './claims.ts';
import { clauseSubject } from './cue-scan.ts';
import { claimStatements, quoteStatements, resolveMentions, type DraftStatement } from './statements.ts';
import { findQuotes, type QuoteSpan } from './quotes.ts';
import { collectNameEvidence } from './names.ts';
import { isHeadlineLike, splitParagraphs } from './paragraphs.ts';
import { SpeakerRegistry } from './speakers.ts';
import { cueLanguageOf, detectCueLanguage } from './language.ts';
import type { ExtractedStatement, ExtractionResult, ExtractOptions } from './types.ts';

export * from './types.ts';

export const EXTRACTOR_VERSION = '1.4.0';

/** Finds quotes and reported claims in an article's body text. Pure: no I/O, no clock. */
export function extract(text: string, options: ExtractOptions = {}): ExtractionResult {
  const paragraphs = splitParagraphs(text);
  const quotes = findQuotes(text, paragraphs);
  const quotesByParagraph: QuoteSpan[][] = paragraphs.map(() => []);
  for (const q of quotes) quotesByParagraph[q.paragraph]!.push(q);
  const names = collectNameEvidence(text);
  const sentencesByParagraph = paragraphs.map((p) => frameSentences(text, p, quotesByParagraph[p.index]!, names));
  const language = cueLanguageOf(options.language) ?? detectCueLanguage(text);
  const attributions = attributeQuotes(text, quotes, sentencesByParagraph, language);
  // Reported-speech claims are read with English syntax only.
  const claims = language === 'en' ? sentencesByParagraph.flatMap((sentences) => findClaims(sentences)) : [];
  const mentions = [...[...attributions.values()].map((a) => a.mention), ...claims.map((c) => c.mention)];
  // Headlines are Title Case: their capitalized words are not names, so they name nobody.
  const headlines = paragraphs.map((p) => isHeadlineLike(text, p));
  const bodySentences = sentencesByParagraph.filter((_, i) => !headlines[i]);
  const subjects = bodySentences.flatMap((sentences) => sentences.map((s) => clauseSubject(s.tokens, s.tokens.length)));
  // Clause subjects are read with English syntax ("Selon X" is no name in French).
  const observed = language === 'en' ? [...subjects.filter((m): m is NonNullable<typeof m> => m !== null), ...peopleNamed(bodySentences, text, mentions)] : [];
  const resolved = resolveMentions(new SpeakerRegistry(text), mentions, observed);
  const drafts = [
    ...quoteStatements(text, quotes, attributions, sentencesByParagraph, resolved, headlines),
    ...claimStatements(claims, resolved),
  ];
  const toCodePoint = makeCodePointMapper(text);
  const statements = drafts.map((d) => finish(text, d, toCodePoint)).sort((a, b) => a.start - b.start || a.end - b.end);
  return { extractorVersion: EXTRACTOR_VERSION, statements };
}

/** People named outside subject position (antecedents.ts) in the body's sentences (headlines left out). */
function peopleNamed(bodySentences: FrameSentence[][], text: string, speaking: Mention[]): Mention[] {
  const surnames = new Set(speaking.filter((m) => m.kind === 'name').map((m) => stripPossessive(m.tokens[m.tokens.length - 1]!.text).toLowerCase()));
  return bodySentences.flatMap((sentences) => [...namedPeople(text, sentences, surnames), ...describedPeople(text, sentences)]);
}

function finish(text: string, d: DraftStatement, cp: (i: number) => number): ExtractedStatement {
  const span = (s: number, e: number) => ({ text: text.slice(s, e), start: cp(s), end: cp(e) });
  const r = d.resolution;
  const speaker = r?.speaker ?? null;
  const role = speaker ? r?.analysis.role ?? speaker.role : null;
  return {
    kind: d.kind,
    start: cp(d.start),
    end: cp(d.end),
    text: text.slice(d.start, d.end),
    paragraphIndex: d.paragraphIndex,
    quoteType: d.quoteType,
    cue: d.cue ? span(d.cue.start, d.cue.end) : null,
    speaker: speaker && d.mention
      ? { name: speaker.name, kind: speaker.kind, mention: span(d.mention.start, d.mention.end), aliases: [...speaker.aliases].filter((a) => a !== speaker.name) }
      : null,
    // An unresolved pronoun names nobody: no speaker, the pronoun kept as evidence.
    mention: !speaker && r && d.mention ? span(d.mention.start, d.mention.end) : null,
    role: role ? { text: role.text, organization: role.organization } : null,
    confidence: d.confidence,
    evidence: d.evidence,
  };
}
