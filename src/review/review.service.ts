import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { Database } from '../db/database.ts';
import { InputError, StaleVersionError } from '../http/errors.ts';
import { lockSpeakerNames } from '../speakers/speakers.queries.ts';
import { attributionAuditView } from './review.presenter.ts';
import { addAttributionVersion, type AttributionRow, createSpeaker, findSpeaker, type LockedStatement, lockCurrentAttribution } from './review.queries.ts';
import type { CorrectionInput, RejectInput, Reviewer, VerifyInput } from './review.ts';
import { applySpan, checkSpan, refreshStatementCluster, type SpanFix } from './statement-span.ts';

// An editor's review of a statement's current attribution: verify, correct or reject. Each
// runs inside the caller's transaction, locks the statement, refuses a stale version (409,
// showing both), adds a new version (never changes an old one), keeps the cluster's counts
// and conflict flag right, and records the write in the audit log.

const spanOf = (s: LockedStatement) => ({ start: s.start_offset, end: s.end_offset });
const blankAsNull = (s: string | null | undefined) => (s === undefined || s === null || s === '' ? null : s);

/** Locks the statement and checks `version` is its current attribution's. */
async function begin(db: Kysely<Database>, statementId: number, version: number, submitted: Record<string, unknown>) {
  const locked = await lockCurrentAttribution(db, statementId);
  if (locked.current.version !== version) {
    throw new StaleVersionError(`The attribution of statement ${statementId}`, version, attributionAuditView(locked.current, spanOf(locked.statement)), { version, ...submitted });
  }
  return locked;
}

async function finish(db: Kysely<Database>, action: string, user: Reviewer, before: { row: AttributionRow; span: { start: number; end: number } }, after: AttributionRow, span: { start: number; end: number }, extra: Record<string, unknown> = {}) {
  await refreshStatementCluster(db, after.statement_id);
  await recordAudit(db, {
    userId: user.id,
    action,
    entityType: 'attribution',
    entityId: after.id,
    before: attributionAuditView(before.row, before.span),
    after: { ...attributionAuditView(after, span), ...extra },
  });
}

/**
 * Marks the current attribution right as it stands: a 'verified' version. 422 if it is
 * rejected. A current version that is already 'verified' gets no new version unless a
 * reason is given: `unchanged` is then true and nothing is written (nor audited).
 */
export async function verifyAttribution(db: Kysely<Database>, statementId: number, input: VerifyInput, user: Reviewer): Promise<{ attribution: AttributionRow; unchanged: boolean }> {
  const { statement, current } = await begin(db, statementId, input.version, { action: 'verify', reason: input.reason });
  if (current.status === 'rejected') throw new InputError([{ field: 'version', message: 'this attribution was rejected: correct it to credit a speaker' }]);
  if (current.status === 'verified' && blankAsNull(input.reason) === null) return { attribution: current, unchanged: true };
  const next = await addAttributionVersion(db, current, {
    speaker_id: current.speaker_id, role_text: current.role_text, role_id: current.role_id,
    mention_text: current.mention_text, mention_start: current.mention_start, mention_end: current.mention_end,
    confidence: current.confidence, status: 'verified', created_by: user.id, reason: blankAsNull(input.reason),
  });
  await finish(db, 'verify', user, { row: current, span: spanOf(statement) }, next, spanOf(statement));
  return { attribution: next, unchanged: false };
}

/** Not a statement, or not attributable: a 'rejected' version crediting nobody. */
export async function rejectAttribution(db: Kysely<Database>, statementId: number, input: RejectInput, user: Reviewer): Promise<AttributionRow> {
  const { statement, current } = await begin(db, statementId, input.version, { action: 'reject', reason: input.reason, rejectReason: input.rejectReason });
  const next = await addAttributionVersion(db, current, {
    speaker_id: null, role_text: null, role_id: null, mention_text: null, mention_start: null, mention_end: null,
    confidence: null, status: 'rejected', created_by: user.id, reason: blankAsNull(input.reason), reject_kind: input.rejectReason ?? null,
  });
  await finish(db, 'reject', user, { row: current, span: spanOf(statement) }, next, spanOf(statement));
  return next;
}

/** The cross-field rules of a correction (or suggestion): 422 naming the field. */
export function checkCorrectionShape(input: CorrectionInput): void {
  if (input.speakerId !== undefined && input.newSpeaker !== undefined) {
    throw new InputError([{ field: 'newSpeaker', message: 'give speakerId or newSpeaker, not both' }]);
  }
  if ((input.quoteStart === undefined) !== (input.quoteEnd === undefined)) {
    throw new InputError([{ field: input.quoteStart === undefined ? 'quoteStart' : 'quoteEnd', message: 'give quoteStart and quoteEnd together' }]);
  }
}

/** The stored speaker a correction names: it must exist and not have been merged away. */
export async function usableSpeaker(db: Kysely<Database>, speakerId: number) {
  const speaker = await findSpeaker(db, speakerId);
  if (!speaker) throw new InputError([{ field: 'speakerId', message: `no speaker has id ${speakerId}` }]);
  if (speaker.merged_into !== null) throw new InputError([{ field: 'speakerId', message: `this speaker was merged into speaker ${speaker.merged_into}: choose that one` }]);
  return speaker;
}

/**
 * A 'corrected' version: another speaker (stored or new), the role as printed, and/or the
 * quote span (the statement row follows, see statement-span.ts). Omitted parts keep the
 * current values; a correction that changes nothing is refused (422). `audit` adds fields
 * to the audit entry (the suggestion it came from).
 */
export async function correctAttribution(
  db: Kysely<Database>,
  statementId: number,
  input: CorrectionInput,
  user: Reviewer,
  audit: Record<string, unknown> = {},
): Promise<AttributionRow> {
  checkCorrectionShape(input);
  // Speaker-name locks come before statement locks, in the order stores take them.
  if (input.newSpeaker) await lockSpeakerNames(db, [{ ...input.newSpeaker, aliases: [] }]);
  const { statement, current } = await begin(db, statementId, input.version, { action: 'correct', ...input });
  let speakerId = current.speaker_id;
  if (input.speakerId !== undefined) speakerId = (await usableSpeaker(db, input.speakerId)).id;
  const roleText = input.roleText === undefined ? current.role_text : blankAsNull(input.roleText);
  let span: SpanFix | null = null;
  if (input.quoteStart !== undefined && input.quoteEnd !== undefined && (input.quoteStart !== statement.start_offset || input.quoteEnd !== statement.end_offset)) {
    span = await checkSpan(db, statement, input.quoteStart, input.quoteEnd);
  }
  if (!input.newSpeaker && speakerId === current.speaker_id && roleText === current.role_text && !span) {
    throw new InputError([{ field: 'speakerId', message: 'the correction changes nothing: give another speaker, role or span (or verify it as it is)' }]);
  }
  if (current.status === 'rejected' && speakerId === null && !input.newSpeaker) {
    throw new InputError([{ field: 'speakerId', message: 'a rejected attribution needs a speaker to be corrected' }]);
  }
  if (input.newSpeaker) {
    const created = await createSpeaker(db, input.newSpeaker.name, input.newSpeaker.kind);
    speakerId = created.id;
    await recordAudit(db, { userId: user.id, action: 'create', entityType: 'speaker', entityId: created.id, before: null, after: { id: created.id, canonicalName: created.canonical_name, kind: created.kind, forStatement: statementId } });
  }
  const sameSpeaker = speakerId === current.speaker_id;
  const next = await addAttributionVersion(db, current, {
    speaker_id: speakerId,
    role_text: roleText,
    role_id: sameSpeaker && roleText === current.role_text ? current.role_id : null,
    mention_text: sameSpeaker ? current.mention_text : null,
    mention_start: sameSpeaker ? current.mention_start : null,
    mention_end: sameSpeaker ? current.mention_end : null,
    confidence: null,
    status: 'corrected',
    created_by: user.id,
    reason: blankAsNull(input.reason),
    quote_start: span?.start ?? null,
    quote_end: span?.end ?? null,
  });
  if (span) await applySpan(db, statement, span);
  await finish(db, 'correct', user, { row: current, span: spanOf(statement) }, next, span ?? spanOf(statement), audit);
  return next;
}
