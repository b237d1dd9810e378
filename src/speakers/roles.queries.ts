import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

export interface RoleMention {
  speakerId: number;
  title: string;
  organization: string | null;
}

/**
 * Attaches each printed role to its speaker, widening the role's seen date range to the
 * article date. Returns role ids aligned with `mentions` (null where no role was given).
 * One statement for any number of roles (arrays, not one parameter per value), with rows
 * in key order: the upsert locks existing roles, and two stores locking the same roles in
 * opposite orders would deadlock.
 */
export async function upsertRoles(
  db: Kysely<Database>,
  mentions: (RoleMention | null)[],
  articleDate: Date | null,
): Promise<(number | null)[]> {
  const unique = new Map<string, RoleMention>();
  const keyOf = (m: RoleMention) => `${m.speakerId}\u0000${m.title.toLowerCase()}\u0000${(m.organization ?? '').toLowerCase()}`;
  for (const m of mentions) if (m) unique.set(keyOf(m), m);
  if (unique.size === 0) return mentions.map(() => null);
  const day = articleDate ? articleDate.toISOString().slice(0, 10) : null;
  const rows = [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
  const stored = await sql<{ id: number; speaker_id: number; title: string; organization: string | null }>`
    insert into roles (speaker_id, title, organization, valid_from, valid_to)
    select r.speaker_id, r.title, r.organization, ${day}::date, ${day}::date
    from unnest(${rows.map((m) => m.speakerId)}::int[], ${rows.map((m) => m.title)}::text[], ${rows.map((m) => m.organization)}::text[])
      with ordinality as r(speaker_id, title, organization, n)
    order by r.n
    on conflict (speaker_id, lower(title), coalesce(lower(organization), '')) do update set
      valid_from = least(roles.valid_from, excluded.valid_from),
      valid_to = greatest(roles.valid_to, excluded.valid_to)
    returning id, speaker_id, title, organization`.execute(db);
  const idByKey = new Map(stored.rows.map((r) => [keyOf({ speakerId: r.speaker_id, title: r.title, organization: r.organization }), r.id]));
  return mentions.map((m) => (m ? idByKey.get(keyOf(m)) ?? null : null));
}
