// The extract CLI's JSON line shape (also what score_quotes.py reads): one object per
// input article with its quotes and claims, offsets in code points.
import type { ExtractedStatement, ExtractionResult } from '../src/extraction/index.ts';

export interface StatementLine {
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  speaker_kind: string | null;
  speaker_mention_start: number | null;
  speaker_mention_end: number | null;
  role: string | null;
  role_organization: string | null;
  cue: string | null;
  quote_type: string;
  paragraph: number;
  confidence: number;
  evidence: string;
}

export interface ArticleLine {
  id: string;
  extractor_version: string;
  quotes: StatementLine[];
  claims: StatementLine[];
}

function line(s: ExtractedStatement): StatementLine {
  return {
    start: s.start,
    end: s.end,
    text: s.text,
    speaker: s.speaker?.name ?? null,
    speaker_kind: s.speaker?.kind ?? null,
    // With a null speaker, an unresolved pronoun's span (evidence only: a null speaker scores as none).
    speaker_mention_start: (s.speaker?.mention ?? s.mention)?.start ?? null,
    speaker_mention_end: (s.speaker?.mention ?? s.mention)?.end ?? null,
    role: s.role?.text ?? null,
    role_organization: s.role?.organization ?? null,
    cue: s.cue?.text ?? null,
    quote_type: s.quoteType,
    paragraph: s.paragraphIndex,
    confidence: s.confidence,
    evidence: s.evidence,
  };
}

export function toArticleLine(id: string, result: ExtractionResult): ArticleLine {
  return {
    id,
    extractor_version: result.extractorVersion,
    quotes: result.statements.filter((s) => s.kind === 'quote').map(line),
    claims: result.statements.filter((s) => s.kind === 'claim').map(line),
  };
}
