import { explainEvidence } from './badge-words.ts';
import type { StatementWithAttribution } from './statements.queries.ts';

export interface StatementView {
  id: number;
  articleId: number;
  kind: 'quote' | 'claim';
  quoteType: string;
  text: string;
  start: number;
  end: number;
  speaker: { id: number; name: string; kind: string } | null;
  mention: string | null;
  role: string | null;
  cue: string | null;
  confidence: number | null;
  confidencePercent: number | null;
  evidence: string | null;
  /** The evidence code in words (badge-words.ts), for its badge. */
  evidenceText: string | null;
  status: string;
  /** The earlier part of a quotation split by its attribution (split-utterances.queries.ts). */
  continuesStatementId: number | null;
  /** The later part of it, set by presentArticle (which sees every statement of the article). */
  continuedByStatementId: number | null;
  clusterId: number | null;
  /** Other speakers its cluster credits the same words to. */
  alsoAttributedTo: { id: number; name: string }[];
  /** One line for hover text: who, as what, by which cue. */
  summary: string;
}

export function presentStatement(row: StatementWithAttribution, alsoAttributedTo: { id: number; name: string }[] = []): StatementView {
  const speaker = row.speaker_id && row.speaker_name ? { id: row.speaker_id, name: row.speaker_name, kind: row.speaker_kind ?? 'person' } : null;
  // A generic source ("experts") has no speaker record: its mention says who it was.
  const who = speaker ? speaker.name : row.mention_text ?? 'Unknown speaker';
  const summary = `${row.kind === 'quote' ? 'Quote' : 'Claim'}: ${who}${row.role_text ? ` (${row.role_text})` : ''}${row.cue_text ? ` — ${row.cue_text}` : ''}`;
  return {
    id: row.id,
    articleId: row.article_id,
    kind: row.kind,
    quoteType: row.quote_type,
    text: row.text,
    start: row.start_offset,
    end: row.end_offset,
    speaker,
    mention: row.mention_text,
    role: row.role_text,
    cue: row.cue_text,
    confidence: row.confidence,
    confidencePercent: row.confidence === null ? null : Math.round(row.confidence * 100),
    evidence: row.evidence,
    evidenceText: row.evidence === null ? null : explainEvidence(row.evidence),
    continuesStatementId: row.continues_statement_id,
    continuedByStatementId: null,
    clusterId: row.cluster_id,
    alsoAttributedTo,
    status: row.status,
    summary,
  };
}
