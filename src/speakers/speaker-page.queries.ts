import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { filterConditions } from '../search/search.filters.ts';
import type { SearchFilters } from '../search/search.ts';

export interface SpeakerProfile {
  id: number;
  canonical_name: string;
  kind: 'person' | 'organization';
  wikidata_id: string | null;
  description: string | null;
  /** The version edits are made on (a stale one answers 409). */
  version: number;
  /** The speaker this one was merged into, if any (its page redirects there). */
  merged_into: number | null;
  /** The first ALIASES_SHOWN aliases in alphabetical order; alias_count counts all. */
  aliases: string[];
  alias_count: number;
  /** The ROLES_SHOWN roles seen most recently; role_count counts all. */
  roles: { id: number; title: string; organization: string | null; valid_from: string | null; valid_to: string | null }[];
  role_count: number;
  statement_count: number;
}

// A speaker quoted for decades can have thousands of printed role variants: the page
// lists a bounded number, and says how many there are.
const ALIASES_SHOWN = 100;
const ROLES_SHOWN = 100;

export async function getSpeakerProfile(db: Kysely<Database>, id: number): Promise<SpeakerProfile> {
  const speaker = await db
    .selectFrom('speakers as s')
    .select(['s.id', 's.canonical_name', 's.kind', 's.wikidata_id', 's.description', 's.version', 's.merged_into'])
    .select((eb) => [
      eb.selectFrom('speaker_aliases as a').whereRef('a.speaker_id', '=', 's.id').select(sql<string[]>`coalesce((array_agg(a.alias order by a.alias))[1:${sql.lit(ALIASES_SHOWN)}], '{}')`.as('x')).as('aliases'),
      eb.selectFrom('speaker_aliases as a').whereRef('a.speaker_id', '=', 's.id').select(sql<number>`count(*)::int`.as('n')).as('alias_count'),
      eb.selectFrom('roles as r').whereRef('r.speaker_id', '=', 's.id').select(sql<number>`count(*)::int`.as('n')).as('role_count'),
      eb.selectFrom('attributions as at').whereRef('at.speaker_id', '=', 's.id').where('at.is_current', '=', true).select(sql<number>`count(*)::int`.as('n')).as('statement_count'),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!speaker) throw new NotFoundError(`Speaker ${id}`);
  const roles = await db
    .selectFrom('roles')
    .select(['id', 'title', 'organization', 'valid_from', 'valid_to'])
    .where('speaker_id', '=', id)
    .orderBy(sql`valid_to desc nulls last`)
    .orderBy('valid_from', 'desc')
    .orderBy('id')
    .limit(ROLES_SHOWN)
    .execute();
  return {
    ...speaker,
    aliases: speaker.aliases ?? [],
    alias_count: speaker.alias_count ?? 0,
    statement_count: speaker.statement_count ?? 0,
    roles,
    role_count: speaker.role_count ?? 0,
  };
}

export interface SpeakerStatement {
  id: number;
  article_id: number;
  kind: 'quote' | 'claim';
  quote_type: string;
  text: string;
  role_text: string | null;
  status: string;
  article_title: string;
  outlet_name: string | null;
  published_at: Date | null;
}

/**
 * The speaker's statements, newest article first, narrowed by the search filters given
 * (they name statement_search as s, articles as a and the current attribution as at).
 */
export async function listSpeakerStatements(
  db: Kysely<Database>,
  speakerId: number,
  limit: number,
  filters: SearchFilters = {},
): Promise<SpeakerStatement[]> {
  const conditions = filterConditions(filters);
  let query = db
    .selectFrom('statement_search as s')
    .innerJoin('statements as st', 'st.id', 's.id')
    .innerJoin('articles as a', 'a.id', 's.article_id')
    .innerJoin('attributions as at', (j) => j.onRef('at.statement_id', '=', 's.id').on('at.is_current', '=', true))
    .leftJoin('outlets as o', 'o.id', 's.outlet_id')
    .select(['st.id', 'st.article_id', 'st.kind', 'st.quote_type', 'st.text', 'at.role_text', 'at.status', 'a.title as article_title', 'o.name as outlet_name', 'a.published_at'])
    .where('s.speaker_id', '=', speakerId);
  if (conditions.length) query = query.where(sql<boolean>`${sql.join(conditions, sql` and `)}`);
  return query
    .orderBy(sql`s.published_at desc nulls last`)
    .orderBy('s.article_id', 'desc')
    .orderBy('st.start_offset')
    .limit(limit)
    .execute();
}

export interface SpeakerListItem {
  id: number;
  canonical_name: string;
  kind: 'person' | 'organization';
}

/**
 * Speakers in name order, optionally those with a name or alias containing `q`; keyset
 * pagination on (name, id) stays fast however deep.
 */
export async function listSpeakers(
  db: Kysely<Database>,
  filters: { q?: string; kind?: 'person' | 'organization'; after?: { name: string; id: number } },
  limit: number,
): Promise<SpeakerListItem[]> {
  // A merged speaker is only kept for undo: its page redirects to the speaker it joined.
  let query = db.selectFrom('speakers as s').select(['s.id', 's.canonical_name', 's.kind']).where('s.merged_into', 'is', null);
  if (filters.kind) query = query.where('s.kind', '=', filters.kind);
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('speaker_aliases as a').select(sql`1`.as('one')).whereRef('a.speaker_id', '=', 's.id').where('a.normalized_alias', 'like', pattern)),
    );
  }
  if (filters.after) {
    const { name, id } = filters.after;
    query = query.where(sql<boolean>`(s.canonical_name, s.id) > (${name}, ${id})`);
  }
  return query.orderBy('s.canonical_name').orderBy('s.id').limit(limit).execute();
}
