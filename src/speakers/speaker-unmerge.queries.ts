import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { presentSpeaker } from './speaker-edits.queries.ts';
import { getMergeRow, lockPair, type MergeView, presentMerge, refreshClustersOf } from './speaker-merge.queries.ts';

// Undoing a speaker merge, and the merges a speaker page lists. Same lock order as the merge.

/**
 * Undoes a merge: exactly the recorded aliases, roles and attribution rows go back to the
 * merged speaker (those still on the kept one), the alias the merge added is removed, and
 * the merged speaker stands alone again. Reviews made during the merge of those
 * attributions that kept their speaker go back with them (moveBackReviews; listed in the
 * answer and the audit entry as `movedReviews`). Clusters of the moved statements are recounted.
 * Throws NotFoundError, HttpError 409 (already undone; the kept speaker was since merged
 * into another: undo that first). Returns the merge as it is after the undo.
 */
export async function undoSpeakerMerge(db: Kysely<Database>, mergeId: number, userId: number): Promise<MergeView & { movedReviews: MovedReview[] }> {
  const seen = await getMergeRow(db, mergeId);
  if (seen.undone_at) throw new HttpError(409, `Speaker merge ${mergeId} was already undone`);
  const [kept, merged] = await lockPair(db, seen.kept_speaker_id, seen.merged_speaker_id);
  const row = await getMergeRow(db, mergeId, true);
  if (row.undone_at) throw new HttpError(409, `Speaker merge ${mergeId} was already undone`);
  if (kept.merged_into !== null) {
    throw new HttpError(409, `Speaker ${kept.id} was since merged into speaker ${kept.merged_into}: undo that merge first`);
  }
  if (merged.merged_into !== kept.id) throw new HttpError(409, `Speaker ${merged.id} is no longer merged into speaker ${kept.id}`);

  if (row.added_alias_id !== null) await db.deleteFrom('speaker_aliases').where('id', '=', row.added_alias_id).where('speaker_id', '=', kept.id).execute();
  // Only rows still on the kept speaker: one since deleted (its article went) stays gone.
  const recorded = (ids: number[]) => sql<boolean>`id = any(${ids}::int[]) and speaker_id = ${kept.id}`;
  await db.updateTable('speaker_aliases').set({ speaker_id: merged.id }).where(recorded(row.moved_alias_ids)).execute();
  await db.updateTable('roles').set({ speaker_id: merged.id }).where(recorded(row.moved_role_ids)).execute();
  const movedBack = await db.updateTable('attributions').set({ speaker_id: merged.id }).where(recorded(row.moved_attribution_ids)).returning('statement_id').execute();
  const movedReviews = await moveBackReviews(db, row.moved_attribution_ids, kept.id, merged.id, row.merged_at);
  const keptAfter = await db.updateTable('speakers').set({ version: kept.version + 1 }).where('id', '=', kept.id).returningAll().executeTakeFirstOrThrow();
  const mergedAfter = await db.updateTable('speakers').set({ version: merged.version + 1, merged_into: null }).where('id', '=', merged.id).returningAll().executeTakeFirstOrThrow();
  const undone = await db
    .updateTable('speaker_merges')
    .set({ undone_by: userId, undone_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await refreshClustersOf(db, [...new Set([...movedBack.map((a) => a.statement_id), ...movedReviews.map((m) => m.statementId)])]);
  await recordAudit(db, {
    userId,
    action: 'undo_merge',
    entityType: 'speaker',
    entityId: kept.id,
    before: { kept: presentSpeaker(kept), merged: presentSpeaker(merged), merge: presentMerge(row) },
    after: { kept: presentSpeaker(keptAfter), merged: presentSpeaker(mergedAfter), merge: presentMerge(undone), movedReviews },
  });
  return { ...presentMerge(undone), movedReviews };
}

/** A review made during a merge that an undo gave back to the merged speaker. */
export interface MovedReview {
  attributionId: number;
  statementId: number;
  version: number;
}

/**
 * The reviews made while the merge stood, of the attributions it moved: versions a person
 * created after `mergedAt` on those statements that name the kept speaker only because they
 * kept the speaker of the version before them (a verify, or a correction of the role or
 * span), oldest first, so a chain of such reviews follows. They go back to the merged
 * speaker too. A version whose speaker differs from the one before it (someone chose the
 * kept speaker, or another) stays as it is, and so do the versions after it.
 */
async function moveBackReviews(db: Kysely<Database>, movedIds: number[], keptId: number, mergedId: number, mergedAt: Date): Promise<MovedReview[]> {
  if (movedIds.length === 0) return [];
  const versions = await db
    .selectFrom('attributions')
    .select(['id', 'statement_id', 'version', 'speaker_id', 'created_by', 'created_at'])
    .where('statement_id', 'in', db.selectFrom('attributions').select('statement_id').where('id', '=', sql<number>`any(${movedIds}::int[])`))
    .orderBy('statement_id')
    .orderBy('version')
    .forUpdate()
    .execute();
  const moved: MovedReview[] = [];
  let previous: { statementId: number; speakerId: number | null } | undefined;
  for (const v of versions) {
    let speakerId = v.speaker_id;
    const inherited = previous?.statementId === v.statement_id && previous.speakerId === mergedId;
    if (speakerId === keptId && inherited && v.created_by !== null && v.created_at > mergedAt) {
      moved.push({ attributionId: v.id, statementId: v.statement_id, version: v.version });
      speakerId = mergedId;
    }
    previous = { statementId: v.statement_id, speakerId };
  }
  if (moved.length > 0) {
    await db.updateTable('attributions').set({ speaker_id: mergedId }).where('id', '=', sql<number>`any(${moved.map((m) => m.attributionId)}::int[])`).execute();
  }
  return moved;
}

export interface MergeListItem {
  id: number;
  mergedSpeakerId: number;
  mergedName: string;
  movedAttributions: number;
  mergedAt: Date;
  undoneAt: Date | null;
}

/** The latest `limit` merges into the speaker (undone ones included), newest first. */
export async function listMergesInto(db: Kysely<Database>, keptId: number, limit = 20): Promise<MergeListItem[]> {
  return db
    .selectFrom('speaker_merges as m')
    .innerJoin('speakers as s', 's.id', 'm.merged_speaker_id')
    .select([
      'm.id',
      'm.merged_speaker_id as mergedSpeakerId',
      's.canonical_name as mergedName',
      sql<number>`cardinality(m.moved_attribution_ids)`.as('movedAttributions'),
      'm.merged_at as mergedAt',
      'm.undone_at as undoneAt',
    ])
    .where('m.kept_speaker_id', '=', keptId)
    .orderBy('m.merged_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
}
