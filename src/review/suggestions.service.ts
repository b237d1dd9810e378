import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { Database } from '../db/database.ts';
import { InputError, StaleVersionError } from '../http/errors.ts';
import { attributionAuditView, suggestionAuditView } from './review.presenter.ts';
import { type AttributionRow, decideSuggestion, followMerges, insertSuggestion, lockCurrentAttribution, lockSuggestion, type SuggestionRow } from './review.queries.ts';
import { checkCorrectionShape, correctAttribution, usableSpeaker } from './review.service.ts';
import type { CorrectionInput, Reviewer } from './review.ts';
import { checkSpan } from './statement-span.ts';

// Suggestions: an annotator proposes a correction on the version they saw; an editor
// accepts it (the correction is made, as its own new version, on that same version: a
// stale one answers 409) or declines it. Every step is audited as a 'suggestion'.

const MAX_REASON = 2000;

/** Stores a proposed correction (pending). Same checks as a correction; 409 on a stale version. */
export async function suggestCorrection(db: Kysely<Database>, statementId: number, input: CorrectionInput, user: Reviewer): Promise<SuggestionRow> {
  checkCorrectionShape(input);
  const { statement, current } = await lockCurrentAttribution(db, statementId);
  if (current.version !== input.version) {
    const span = { start: statement.start_offset, end: statement.end_offset };
    throw new StaleVersionError(`The attribution of statement ${statementId}`, input.version, attributionAuditView(current, span), { action: 'suggest', ...input });
  }
  if (input.speakerId !== undefined) await usableSpeaker(db, input.speakerId);
  const spanChanged = input.quoteStart !== undefined && input.quoteEnd !== undefined && (input.quoteStart !== statement.start_offset || input.quoteEnd !== statement.end_offset);
  if (spanChanged) await checkSpan(db, statement, input.quoteStart!, input.quoteEnd!);
  const roleChanged = input.roleText !== undefined && (input.roleText || null) !== current.role_text;
  const speakerChanged = input.newSpeaker !== undefined || (input.speakerId !== undefined && input.speakerId !== current.speaker_id);
  if (!speakerChanged && !roleChanged && !spanChanged) {
    throw new InputError([{ field: 'speakerId', message: 'the suggestion changes nothing: give another speaker, role or span' }]);
  }
  const row = await insertSuggestion(db, {
    statement_id: statementId,
    base_version: current.version,
    suggested_by: user.id,
    speaker_id: speakerChanged ? input.speakerId ?? null : null,
    new_speaker_name: input.newSpeaker?.name ?? null,
    new_speaker_kind: input.newSpeaker?.kind ?? null,
    // A suggestion cannot clear the role: null there means "keep it".
    role_text: roleChanged ? input.roleText || null : null,
    quote_start: spanChanged ? input.quoteStart! : null,
    quote_end: spanChanged ? input.quoteEnd! : null,
    reason: input.reason || null,
  });
  await recordAudit(db, { userId: user.id, action: 'create', entityType: 'suggestion', entityId: row.id, before: null, after: suggestionAuditView(row) });
  return row;
}

async function pending(db: Kysely<Database>, id: number): Promise<SuggestionRow> {
  const row = await lockSuggestion(db, id);
  if (row.status !== 'pending') throw new InputError([{ field: 'suggestion', message: `was already ${row.status}` }]);
  return row;
}

function clip(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * Makes the suggested correction on the suggestion's base version (StaleVersionError if the
 * attribution changed since; a suggested speaker merged away since means the speaker it
 * joined, following merges of merges), crediting the suggester in the version's reason and the
 * audit entry, and marks the suggestion accepted. Returns the new attribution version.
 */
export async function acceptSuggestion(db: Kysely<Database>, id: number, decisionReason: string | undefined, user: Reviewer): Promise<{ suggestion: SuggestionRow; attribution: AttributionRow }> {
  const g = await pending(db, id);
  const suggester = g.suggested_by === null ? undefined : await db.selectFrom('users').select('username').where('id', '=', g.suggested_by).executeTakeFirst();
  const credit = `Suggested by ${suggester?.username ?? 'a former user'} (suggestion ${g.id})`;
  const why = [g.reason, decisionReason].filter(Boolean).join(' — ');
  // A speaker merged away since the suggestion stands for the one it joined.
  const speakerId = g.speaker_id === null ? null : (await followMerges(db, g.speaker_id)) ?? g.speaker_id;
  const input: CorrectionInput = {
    version: g.base_version,
    reason: clip(why ? `${credit}: ${why}` : credit, MAX_REASON),
    ...(speakerId !== null ? { speakerId } : {}),
    ...(g.new_speaker_name && g.new_speaker_kind ? { newSpeaker: { name: g.new_speaker_name, kind: g.new_speaker_kind } } : {}),
    ...(g.role_text !== null ? { roleText: g.role_text } : {}),
    ...(g.quote_start !== null && g.quote_end !== null ? { quoteStart: g.quote_start, quoteEnd: g.quote_end } : {}),
  };
  const attribution = await correctAttribution(db, g.statement_id, input, user, { suggestionId: g.id, suggestedBy: g.suggested_by });
  const decided = await decideSuggestion(db, id, { status: 'accepted', decidedBy: user.id, reason: decisionReason || null });
  await recordAudit(db, { userId: user.id, action: 'accept', entityType: 'suggestion', entityId: id, before: suggestionAuditView(g), after: suggestionAuditView(decided) });
  return { suggestion: decided, attribution };
}

/** Declines a pending suggestion, with an optional reason. */
export async function declineSuggestion(db: Kysely<Database>, id: number, decisionReason: string | undefined, user: Reviewer): Promise<SuggestionRow> {
  const g = await pending(db, id);
  const decided = await decideSuggestion(db, id, { status: 'declined', decidedBy: user.id, reason: decisionReason || null });
  await recordAudit(db, { userId: user.id, action: 'decline', entityType: 'suggestion', entityId: id, before: suggestionAuditView(g), after: suggestionAuditView(decided) });
  return decided;
}
