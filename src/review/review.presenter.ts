import type { AttributionVersion } from '../statements/statements.queries.ts';
import type { AttributionRow, SuggestionListRow, SuggestionRow } from './review.queries.ts';

// View models of the review workflow: camelCase, for JSON, pages, the audit log and the
// conflict page. Offsets are code points into the article's body text.

export interface AttributionVersionView {
  version: number;
  isCurrent: boolean;
  status: string;
  speaker: { id: number; name: string | null } | null;
  roleText: string | null;
  mention: string | null;
  confidence: number | null;
  evidence: string | null;
  extractorVersion: string | null;
  /** Username of the person who made this version; null for the machine's. */
  createdBy: string | null;
  createdAt: Date;
  reason: string | null;
  rejectReason: string | null;
  /** The span this version set (a span correction); null when it kept the statement's span. */
  quoteStart: number | null;
  quoteEnd: number | null;
}

/** One entry of a statement's attribution history. */
export function presentVersion(v: AttributionVersion): AttributionVersionView {
  return {
    version: v.version,
    isCurrent: v.is_current,
    status: v.status,
    speaker: v.speaker_id === null ? null : { id: v.speaker_id, name: v.speaker_name },
    roleText: v.role_text,
    mention: v.mention_text,
    confidence: v.confidence,
    evidence: v.evidence,
    extractorVersion: v.extractor_version,
    createdBy: v.created_by,
    createdAt: v.created_at,
    reason: v.reason,
    rejectReason: v.reject_kind,
    quoteStart: v.quote_start,
    quoteEnd: v.quote_end,
  };
}

/**
 * An attribution version as the audit log and the conflict page show it: what a reviewer
 * changes, with the statement's span at that version (`span`).
 */
export function attributionAuditView(row: AttributionRow, span: { start: number; end: number }): { version: number } & Record<string, unknown> {
  return {
    version: row.version,
    statementId: row.statement_id,
    status: row.status,
    speakerId: row.speaker_id,
    roleText: row.role_text,
    quoteStart: span.start,
    quoteEnd: span.end,
    reason: row.reason,
    rejectReason: row.reject_kind,
    createdBy: row.created_by,
  };
}

export interface SuggestionView {
  id: number;
  statementId: number;
  baseVersion: number;
  status: string;
  suggestedBy: string | null;
  speaker: { id: number; name: string | null } | null;
  newSpeaker: { name: string; kind: string } | null;
  roleText: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  createdAt: Date;
}

export function presentSuggestion(g: SuggestionRow & Partial<Pick<SuggestionListRow, 'suggested_by_name' | 'decided_by_name' | 'speaker_name'>>): SuggestionView {
  return {
    id: g.id,
    statementId: g.statement_id,
    baseVersion: g.base_version,
    status: g.status,
    suggestedBy: g.suggested_by_name ?? null,
    speaker: g.speaker_id === null ? null : { id: g.speaker_id, name: g.speaker_name ?? null },
    newSpeaker: g.new_speaker_name && g.new_speaker_kind ? { name: g.new_speaker_name, kind: g.new_speaker_kind } : null,
    roleText: g.role_text,
    quoteStart: g.quote_start,
    quoteEnd: g.quote_end,
    reason: g.reason,
    decidedBy: g.decided_by_name ?? null,
    decidedAt: g.decided_at,
    decisionReason: g.decision_reason,
    createdAt: g.created_at,
  };
}

/** A suggestion as the audit log stores it (user ids, not names). */
export function suggestionAuditView(g: SuggestionRow): Record<string, unknown> {
  return {
    id: g.id,
    statementId: g.statement_id,
    baseVersion: g.base_version,
    status: g.status,
    suggestedBy: g.suggested_by,
    speakerId: g.speaker_id,
    newSpeaker: g.new_speaker_name ? { name: g.new_speaker_name, kind: g.new_speaker_kind } : null,
    roleText: g.role_text,
    quoteStart: g.quote_start,
    quoteEnd: g.quote_end,
    reason: g.reason,
    decidedBy: g.decided_by,
    decisionReason: g.decision_reason,
  };
}
