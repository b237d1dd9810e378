import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import { lockClusterChanges } from '../clusters/assign-clusters.ts';
import { refreshClusterStats } from '../clusters/clusters.queries.ts';
import type { Database } from '../db/database.ts';
import { HttpError, InputError, NotFoundError, StaleVersionError } from '../http/errors.ts';
import { addAliases, assertNotMerged, getSpeakerRow, presentSpeaker, speakerNameCandidates } from './speaker-edits.queries.ts';
import { lockSpeakerNames } from './speakers.queries.ts';

// Merging one speaker into another and undoing it. Lock order, as every store takes them:
// speaker names (lockSpeakerNames), then rows (speakers by id, attributions), then the
// cluster lock (lockClusterChanges) to refresh the clusters whose credits changed.

export interface MergeRequest {
  /** The speaker that stays. */
  keptId: number;
  /** The speaker merged into it. */
  otherId: number;
  version: number;
  otherVersion: number;
  userId: number;
}

export interface MergeView {
  id: number;
  keptSpeakerId: number;
  mergedSpeakerId: number;
  movedAliasIds: number[];
  movedRoleIds: number[];
  movedAttributionIds: number[];
  addedAliasId: number | null;
  /** The merged speaker's aliases and roles the kept one already had (not moved). */
  leftAliasIds: number[];
  leftRoleIds: number[];
  mergedAt: Date;
  undoneAt: Date | null;
}

/** The clusters of the statements, after their credits changed: locked, then recounted. */
export async function refreshClustersOf(db: Kysely<Database>, statementIds: number[]): Promise<void> {
  if (statementIds.length === 0) return;
  const rows = await db
    .selectFrom('statements')
    .select('cluster_id')
    .distinct()
    .where('id', '=', sql<number>`any(${statementIds}::int[])`)
    .where('cluster_id', 'is not', null)
    .execute();
  await lockClusterChanges(db);
  await refreshClusterStats(db, rows.map((r) => r.cluster_id!));
}

/** Locks both speakers' names, then both rows in id order; returns [kept, other]. */
export async function lockPair(db: Kysely<Database>, keptId: number, otherId: number) {
  const seen = [await getSpeakerRow(db, keptId), await getSpeakerRow(db, otherId)];
  await lockSpeakerNames(db, await speakerNameCandidates(db, seen));
  const rows = await db.selectFrom('speakers').selectAll().where('id', 'in', [keptId, otherId]).orderBy('id').forUpdate().execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (!byId.has(keptId)) throw new NotFoundError(`Speaker ${keptId}`);
  if (!byId.has(otherId)) throw new NotFoundError(`Speaker ${otherId}`);
  return [byId.get(keptId)!, byId.get(otherId)!] as const;
}

/**
 * Merges speaker `otherId` into `keptId`: its aliases (and its canonical name, as a new
 * alias), its roles and every attribution row naming it (all versions, so history reads the
 * kept name) move to the kept speaker; aliases and roles the kept one already has stay
 * behind (recorded). The merged speaker is kept, pointing at the kept one (merged_into),
 * so the merge can be undone exactly (undoSpeakerMerge). Search rows follow by trigger;
 * the clusters of the moved statements are recounted (conflicts follow at once).
 * Throws InputError 422 (otherSpeakerId: itself, no such speaker, or another kind: a person
 * and an organization never merge), NotFoundError (kept),
 * StaleVersionError (either version is not current), HttpError 409 (either is merged).
 */
export async function mergeSpeakers(db: Kysely<Database>, m: MergeRequest): Promise<MergeView> {
  if (m.keptId === m.otherId) throw new InputError([{ field: 'otherSpeakerId', message: 'must be another speaker' }]);
  await getSpeakerRow(db, m.keptId);
  const otherExists = await db.selectFrom('speakers').select('id').where('id', '=', m.otherId).executeTakeFirst();
  if (!otherExists) throw new InputError([{ field: 'otherSpeakerId', message: `no speaker has id ${m.otherId}` }]);
  const [kept, other] = await lockPair(db, m.keptId, m.otherId);
  if (kept.version !== m.version) throw new StaleVersionError(`Speaker ${kept.id}`, m.version, presentSpeaker(kept), { ...presentSpeaker(kept), version: m.version, merging: other.id });
  if (other.version !== m.otherVersion) throw new StaleVersionError(`Speaker ${other.id}`, m.otherVersion, presentSpeaker(other), { ...presentSpeaker(other), version: m.otherVersion, mergedInto: kept.id });
  assertNotMerged(kept);
  assertNotMerged(other);
  if (kept.kind !== other.kind) {
    const article = (kind: string) => (kind === 'organization' ? 'an organization' : `a ${kind}`);
    throw new InputError([{ field: 'otherSpeakerId', message: `change the kind of one first: ${other.canonical_name} is ${article(other.kind)}, ${kept.canonical_name} ${article(kept.kind)}` }]);
  }

  const movedAliases = await sql<{ id: number }>`
    update speaker_aliases m set speaker_id = ${kept.id}
    where m.speaker_id = ${other.id}
      and not exists (select 1 from speaker_aliases k where k.speaker_id = ${kept.id} and k.normalized_alias = m.normalized_alias)
    returning m.id`.execute(db);
  const [addedAliasId = null] = await addAliases(db, kept.id, [other.canonical_name]);
  const movedRoles = await sql<{ id: number }>`
    update roles m set speaker_id = ${kept.id}
    where m.speaker_id = ${other.id}
      and not exists (select 1 from roles k where k.speaker_id = ${kept.id}
                        and lower(k.title) = lower(m.title) and coalesce(lower(k.organization), '') = coalesce(lower(m.organization), ''))
    returning m.id`.execute(db);
  const left = async (table: 'speaker_aliases' | 'roles') =>
    (await db.selectFrom(table).select('id').where('speaker_id', '=', other.id).orderBy('id').execute()).map((r) => r.id);
  const leftAliasIds = await left('speaker_aliases');
  const leftRoleIds = await left('roles');
  const movedAttributions = await db
    .updateTable('attributions')
    .set({ speaker_id: kept.id })
    .where('speaker_id', '=', other.id)
    .returning(['id', 'statement_id'])
    .execute();

  const keptAfter = await db.updateTable('speakers').set({ version: kept.version + 1 }).where('id', '=', kept.id).returningAll().executeTakeFirstOrThrow();
  const otherAfter = await db.updateTable('speakers').set({ version: other.version + 1, merged_into: kept.id }).where('id', '=', other.id).returningAll().executeTakeFirstOrThrow();
  const sortIds = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
  const merge = await db
    .insertInto('speaker_merges')
    .values({
      kept_speaker_id: kept.id,
      merged_speaker_id: other.id,
      moved_alias_ids: sortIds(movedAliases.rows),
      moved_role_ids: sortIds(movedRoles.rows),
      moved_attribution_ids: sortIds(movedAttributions),
      added_alias_id: addedAliasId,
      left_alias_ids: leftAliasIds,
      left_role_ids: leftRoleIds,
      merged_by: m.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await refreshClustersOf(db, [...new Set(movedAttributions.map((a) => a.statement_id))]);
  const view = presentMerge(merge);
  await recordAudit(db, {
    userId: m.userId,
    action: 'merge',
    entityType: 'speaker',
    entityId: kept.id,
    before: { kept: presentSpeaker(kept), merged: presentSpeaker(other) },
    after: { kept: presentSpeaker(keptAfter), merged: presentSpeaker(otherAfter), merge: view },
  });
  return view;
}

export type MergeRow = Awaited<ReturnType<typeof getMergeRow>>;

export async function getMergeRow(db: Kysely<Database>, id: number, lock = false) {
  let q = db.selectFrom('speaker_merges').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError(`Speaker merge ${id}`);
  return row;
}

export function presentMerge(row: MergeRow): MergeView {
  return {
    id: row.id,
    keptSpeakerId: row.kept_speaker_id,
    mergedSpeakerId: row.merged_speaker_id,
    movedAliasIds: row.moved_alias_ids,
    movedRoleIds: row.moved_role_ids,
    movedAttributionIds: row.moved_attribution_ids,
    addedAliasId: row.added_alias_id,
    leftAliasIds: row.left_alias_ids,
    leftRoleIds: row.left_role_ids,
    mergedAt: row.merged_at,
    undoneAt: row.undone_at,
  };
}
