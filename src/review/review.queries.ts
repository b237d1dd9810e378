import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { AttributionsTable, AttributionSuggestionsTable, Database } from '../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { lockSpeakerNames } from '../speakers/speakers.queries.ts';
import { normalizeAlias, type SpeakerKind } from '../speakers/speakers.ts';

// Queries of the review workflow. Each takes db (a transaction, for writes) first and never
// opens a transaction itself: the routes open one around a whole review.

export type AttributionRow = Selectable<AttributionsTable>;
export type SuggestionRow = Selectable<AttributionSuggestionsTable>;

export interface LockedStatement {
  id: number;
  article_id: number;
  kind: 'quote' | 'claim';
  start_offset: number;
  end_offset: number;
  cluster_id: number | null;
  fingerprint: string;
}

/**
 * The statement and its current attribution, both locked (`for update`) until the
 * transaction ends, so two reviews of one statement run one after the other and the second
 * sees the first's version. NotFoundError: no such statement.
 */
export async function lockCurrentAttribution(db: Kysely<Database>, statementId: number): Promise<{ statement: LockedStatement; current: AttributionRow }> {
  const statement = await db
    .selectFrom('statements')
    .select(['id', 'article_id', 'kind', 'start_offset', 'end_offset', 'cluster_id', 'fingerprint'])
    .where('id', '=', statementId)
    .forUpdate()
    .executeTakeFirst();
  if (!statement) throw new NotFoundError(`Statement ${statementId}`);
  const current = await db.selectFrom('attributions').selectAll().where('statement_id', '=', statementId).where('is_current', '=', true).forUpdate().executeTakeFirst();
  if (!current) throw new NotFoundError(`Attribution of statement ${statementId}`);
  return { statement, current };
}

/**
 * Adds a new current version after `current` (version + 1): the old row only loses
 * is_current, it is never changed otherwise. The search row's speaker follows by trigger.
 * Returns the new row.
 */
export async function addAttributionVersion(
  db: Kysely<Database>,
  current: AttributionRow,
  next: Omit<Insertable<AttributionsTable>, 'statement_id' | 'version' | 'is_current'>,
): Promise<AttributionRow> {
  await db.updateTable('attributions').set({ is_current: false }).where('id', '=', current.id).execute();
  return db
    .insertInto('attributions')
    .values({ ...next, statement_id: current.statement_id, version: current.version + 1, is_current: true })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface SpeakerRef {
  id: number;
  canonical_name: string;
  kind: SpeakerKind;
  merged_into: number | null;
}

export async function findSpeaker(db: Kysely<Database>, id: number): Promise<SpeakerRef | undefined> {
  // FOR SHARE: a merge of this speaker (which updates merged_into) waits for this review to
  // commit, or this review waits and then sees the merge: never a new attribution pointing
  // at a speaker merged away in between.
  return db.selectFrom('speakers').select(['id', 'canonical_name', 'kind', 'merged_into']).where('id', '=', id).forShare().executeTakeFirst();
}

/**
 * The speaker `id` stands for now: itself, or the speaker it was merged into (following
 * merges of merges, at most 50 deep). Undefined: no such speaker.
 */
export async function followMerges(db: Kysely<Database>, id: number): Promise<number | undefined> {
  const { rows } = await sql<{ id: number }>`
    with recursive chain (id, merged_into, depth) as (
      select id, merged_into, 0 from speakers where id = ${id}
      union all
      select s.id, s.merged_into, c.depth + 1 from chain c join speakers s on s.id = c.merged_into where c.depth < 50
    )
    select id from chain order by depth desc limit 1`.execute(db);
  return rows[0]?.id;
}

/**
 * Creates a speaker an editor named (a new record even if the name is known: the editor
 * chose "new" over picking the stored one), with the name as its alias. Takes the speaker
 * name lock first, as stores do, so a store resolving the same name waits and then finds it.
 */
export async function createSpeaker(db: Kysely<Database>, name: string, kind: SpeakerKind): Promise<SpeakerRef> {
  await lockSpeakerNames(db, [{ name, kind, aliases: [] }]);
  const speaker = await db.insertInto('speakers').values({ canonical_name: name, kind }).returning(['id', 'canonical_name', 'kind', 'merged_into']).executeTakeFirstOrThrow();
  const key = normalizeAlias(name);
  if (key !== '') await db.insertInto('speaker_aliases').values({ speaker_id: speaker.id, alias: name, normalized_alias: key }).execute();
  return speaker;
}

/** Another statement of the article with the same kind and span, if any. */
export async function findSameSpan(db: Kysely<Database>, s: LockedStatement, start: number, end: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('statements')
    .select('id')
    .where('article_id', '=', s.article_id)
    .where('kind', '=', s.kind)
    .where('start_offset', '=', start)
    .where('end_offset', '=', end)
    .where('id', '<>', s.id)
    .executeTakeFirst();
  return row?.id;
}

export async function articleBody(db: Kysely<Database>, articleId: number): Promise<string> {
  const row = await db.selectFrom('articles').select('body_text').where('id', '=', articleId).executeTakeFirstOrThrow();
  return row.body_text;
}

export async function insertSuggestion(db: Kysely<Database>, values: Insertable<AttributionSuggestionsTable>): Promise<SuggestionRow> {
  return db.insertInto('attribution_suggestions').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A suggestion, locked until the transaction ends. NotFoundError: no such suggestion. */
export async function lockSuggestion(db: Kysely<Database>, id: number): Promise<SuggestionRow> {
  const row = await db.selectFrom('attribution_suggestions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError(`Suggestion ${id}`);
  return row;
}

export async function decideSuggestion(
  db: Kysely<Database>,
  id: number,
  decision: { status: 'accepted' | 'declined'; decidedBy: number; reason: string | null },
): Promise<SuggestionRow> {
  return db
    .updateTable('attribution_suggestions')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: sql<Date>`now()`, decision_reason: decision.reason })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface SuggestionListRow extends SuggestionRow {
  suggested_by_name: string | null;
  decided_by_name: string | null;
  speaker_name: string | null;
}

function suggestionsWithNames(db: Kysely<Database>) {
  return db
    .selectFrom('attribution_suggestions as g')
    .leftJoin('users as u', 'u.id', 'g.suggested_by')
    .leftJoin('users as d', 'd.id', 'g.decided_by')
    .leftJoin('speakers as sp', 'sp.id', 'g.speaker_id')
    .selectAll('g')
    .select(['u.username as suggested_by_name', 'd.username as decided_by_name', 'sp.canonical_name as speaker_name']);
}

/** One suggestion with the names of its suggester, decider and speaker. NotFoundError: none. */
export async function getSuggestionWithNames(db: Kysely<Database>, id: number): Promise<SuggestionListRow> {
  const row = await suggestionsWithNames(db).where('g.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`Suggestion ${id}`);
  return row;
}

/** Suggestions on the given statements (pending only, or all), oldest first. */
export async function listSuggestions(db: Kysely<Database>, statementIds: number[], pendingOnly: boolean): Promise<SuggestionListRow[]> {
  if (statementIds.length === 0) return [];
  let q = suggestionsWithNames(db).where('g.statement_id', '=', sql<number>`any(${statementIds}::int[])`);
  if (pendingOnly) q = q.where('g.status', '=', 'pending');
  return q.orderBy('g.created_at').orderBy('g.id').limit(200).execute();
}
