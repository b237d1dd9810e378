import { type Kysely, type Selectable, sql } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { Database, SpeakersTable } from '../db/database.ts';
import { HttpError, InputError, NotFoundError, StaleVersionError } from '../http/errors.ts';
import { lockSpeakerNames, type SpeakerCandidate } from './speakers.queries.ts';
import { normalizeAlias, type SpeakerKind } from './speakers.ts';

// Editing speakers by hand: rename, change kind, delete. Merging lives in speaker-merge.queries.ts.
// Every function runs in the caller's transaction and records its audit entry there.

type SpeakerRow = Selectable<SpeakersTable>;

/** A speaker as edits, conflicts and the audit log show it (camelCase JSON). */
export type SpeakerEditView = {
  id: number;
  name: string;
  kind: SpeakerKind;
  version: number;
  mergedInto: number | null;
};

export function presentSpeaker(row: Pick<SpeakerRow, 'id' | 'canonical_name' | 'kind' | 'version' | 'merged_into'>): SpeakerEditView {
  return { id: row.id, name: row.canonical_name, kind: row.kind, version: row.version, mergedInto: row.merged_into };
}

/** The speaker row, or NotFoundError. `lock`: take a row lock (select ... for update). */
export async function getSpeakerRow(db: Kysely<Database>, id: number, lock = false): Promise<SpeakerRow> {
  let q = db.selectFrom('speakers').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError(`Speaker ${id}`);
  return row;
}

/** Every name of the speakers (canonical and aliases), as resolution keys for lockSpeakerNames. */
export async function speakerNameCandidates(db: Kysely<Database>, rows: Pick<SpeakerRow, 'id' | 'canonical_name' | 'kind'>[]): Promise<SpeakerCandidate[]> {
  const ids = rows.map((r) => r.id);
  const aliases = ids.length
    ? await db.selectFrom('speaker_aliases').select(['speaker_id', 'alias']).where('speaker_id', '=', sql<number>`any(${ids}::int[])`).execute()
    : [];
  return rows.map((r) => ({ name: r.canonical_name, kind: r.kind, aliases: aliases.filter((a) => a.speaker_id === r.id).map((a) => a.alias) }));
}

/** 409 for a speaker merged into another: it is kept only so the merge can be undone. */
export function assertNotMerged(row: SpeakerRow): void {
  if (row.merged_into !== null) {
    throw new HttpError(409, `Speaker ${row.id} was merged into speaker ${row.merged_into}: edit that one, or undo the merge first`);
  }
}

/**
 * Adds `names` as aliases of the speaker (a name already there, by normalized form, is left
 * as it is). Returns the ids of the aliases it created.
 */
export async function addAliases(db: Kysely<Database>, speakerId: number, names: string[]): Promise<number[]> {
  const rows = [...new Map(names.map((n) => [normalizeAlias(n), n.trim()] as const).filter(([key]) => key !== '')).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length === 0) return [];
  const created = await db
    .insertInto('speaker_aliases')
    .values(rows.map(([key, alias]) => ({ speaker_id: speakerId, alias, normalized_alias: key })))
    .onConflict((oc) => oc.columns(['speaker_id', 'normalized_alias']).doNothing())
    .returning('id')
    .execute();
  return created.map((r) => r.id);
}

export interface SpeakerEdit {
  speakerId: number;
  /** The version the edit was made on. */
  version: number;
  name?: string;
  kind?: SpeakerKind;
  userId: number;
}

/**
 * Renames a speaker and/or changes its kind. The old canonical name stays an alias (and the
 * new one becomes one), so searches and ingest still find the speaker by either. Takes the
 * name locks ingest takes (old and new names, both kinds) before the row lock, so a
 * concurrent store resolves against the speaker before or after the edit, never half-way.
 * Throws NotFoundError, StaleVersionError (409: `version` is not the current one), HttpError
 * 409 (merged speaker), InputError 422 (a name without letters or digits).
 * Returns the speaker after the edit (unchanged, and no audit entry, when nothing changed).
 */
export async function editSpeaker(db: Kysely<Database>, edit: SpeakerEdit): Promise<SpeakerEditView> {
  if (edit.name !== undefined && normalizeAlias(edit.name) === '') throw new InputError([{ field: 'name', message: 'must contain a letter or a digit' }]);
  const seen = await getSpeakerRow(db, edit.speakerId);
  const names = [seen.canonical_name, ...(edit.name ? [edit.name] : [])];
  const kinds: SpeakerKind[] = ['person', 'organization'];
  await lockSpeakerNames(db, kinds.map((kind) => ({ name: names[0]!, kind, aliases: names.slice(1) })));
  const row = await getSpeakerRow(db, edit.speakerId, true);
  const submitted = { ...presentSpeaker(row), version: edit.version, name: edit.name ?? row.canonical_name, kind: edit.kind ?? row.kind };
  if (row.version !== edit.version) throw new StaleVersionError(`Speaker ${row.id}`, edit.version, presentSpeaker(row), submitted);
  assertNotMerged(row);
  const name = edit.name ?? row.canonical_name;
  const kind = edit.kind ?? row.kind;
  if (name === row.canonical_name && kind === row.kind) return presentSpeaker(row);
  const updated = await db
    .updateTable('speakers')
    .set({ canonical_name: name, kind, version: row.version + 1 })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const addedAliasIds = await addAliases(db, row.id, [row.canonical_name, name]);
  await recordAudit(db, {
    userId: edit.userId,
    action: 'update',
    entityType: 'speaker',
    entityId: row.id,
    before: presentSpeaker(row),
    after: { ...presentSpeaker(updated), addedAliasIds },
  });
  return presentSpeaker(updated);
}

/** How many statements have any attribution version (current or not) naming the speaker. */
export async function countStatementsNaming(db: Kysely<Database>, speakerId: number): Promise<number> {
  const row = await db
    .selectFrom('attributions')
    .select(sql<number>`count(distinct statement_id)::int`.as('n'))
    .where('speaker_id', '=', speakerId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Deletes a speaker that no attribution (of any version) names, with its aliases and roles.
 * Takes its name locks then its row lock first: a store resolving to it waits and then
 * finds it gone, and an attribution being written for it (a correction) holds a key lock the
 * row lock waits for, so the count below sees it. `version`, when given, must be current.
 * Throws NotFoundError, StaleVersionError, HttpError 409 (statements name it, saying how
 * many; pending suggestions name it; it is merged into another; others are merged into it). Returns the deleted view.
 */
export async function deleteSpeaker(db: Kysely<Database>, speakerId: number, userId: number, version?: number): Promise<SpeakerEditView> {
  const seen = await getSpeakerRow(db, speakerId);
  await lockSpeakerNames(db, await speakerNameCandidates(db, [seen]));
  const row = await getSpeakerRow(db, speakerId, true);
  if (version !== undefined && row.version !== version) throw new StaleVersionError(`Speaker ${row.id}`, version, presentSpeaker(row), { ...presentSpeaker(row), version, deleted: true });
  if (row.merged_into !== null) {
    throw new HttpError(409, `Speaker ${row.id} was merged into speaker ${row.merged_into}; it is kept so the merge can be undone`);
  }
  const statements = await countStatementsNaming(db, row.id);
  if (statements > 0) {
    throw new HttpError(409, `${statements} ${statements === 1 ? 'statement points' : 'statements point'} at this speaker (in some attribution version): correct them or merge the speaker instead`);
  }
  // A pending suggestion would be deleted with it (on delete cascade) before an editor saw it.
  const suggested = await db.selectFrom('attribution_suggestions').select(sql<number>`count(*)::int`.as('n')).where('speaker_id', '=', row.id).where('status', '=', 'pending').executeTakeFirstOrThrow();
  if (suggested.n > 0) throw new HttpError(409, `${suggested.n} pending ${suggested.n === 1 ? 'suggestion names' : 'suggestions name'} this speaker: accept or decline ${suggested.n === 1 ? 'it' : 'them'} first`);
  const mergedIn = await db.selectFrom('speakers').select(sql<number>`count(*)::int`.as('n')).where('merged_into', '=', row.id).executeTakeFirstOrThrow();
  if (mergedIn.n > 0) throw new HttpError(409, `${mergedIn.n} merged ${mergedIn.n === 1 ? 'speaker points' : 'speakers point'} at this speaker: undo those merges first`);
  const aliases = await db.selectFrom('speaker_aliases').select(['id', 'alias']).where('speaker_id', '=', row.id).orderBy('id').execute();
  const roles = await db.selectFrom('roles').select(['id', 'title', 'organization', 'valid_from', 'valid_to']).where('speaker_id', '=', row.id).orderBy('id').execute();
  await db.deleteFrom('speakers').where('id', '=', row.id).execute();
  await recordAudit(db, {
    userId,
    action: 'delete',
    entityType: 'speaker',
    entityId: row.id,
    before: { ...presentSpeaker(row), wikidataId: row.wikidata_id, description: row.description, aliases, roles },
    after: null,
  });
  return presentSpeaker(row);
}
