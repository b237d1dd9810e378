import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

export interface RoleMention {
  speakerId: number;
  title: string;
  organization: string | null;
  /** The date of the article that prints it (null: undated). */
  seenOn: Date | null;
}

/**
 * Attaches each printed role to its speaker, widening the role's seen date range to the
 * dates of the articles that print it. Returns role ids aligned with `mentions` (null where
 * no role was given). One statement for any number of roles (arrays, not one parameter per
 * value), with rows in key order: the upsert locks existing roles, and two stores locking
 * the same roles in opposite orders would deadlock.
 */
export async function upsertRoles(db: Kysely<Database>, mentions: (RoleMention | null)[]): Promise<(number | null)[]> {
  const unique = new Map<string, { mention: RoleMention; from: string | null; to: string | null }>();
  const keyOf = (m: Omit<RoleMention, 'seenOn'>) => `${m.speakerId}\u0000${m.title.toLowerCase()}\u0000${(m.organization ?? '').toLowerCase()}`;
  for (const m of mentions) {
    if (!m) continue;
    const day = m.seenOn ? m.seenOn.toISOString().slice(0, 10) : null;
    const seen = unique.get(keyOf(m)) ?? { mention: m, from: day, to: day };
    // ISO days compare as strings; an undated mention widens nothing (as least/greatest skip nulls).
    if (day && (!seen.from || day < seen.from)) seen.from = day;
    if (day && (!seen.to || day > seen.to)) seen.to = day;
    unique.set(keyOf(m), seen);
  }
  if (unique.size === 0) return mentions.map(() => null);
  const rows = [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  const stored = await sql<{ id: number; speaker_id: number; title: string; organization: string | null }>`
    insert into roles (speaker_id, title, organization, valid_from, valid_to)
    select r.speaker_id, r.title, r.organization, r.valid_from, r.valid_to
    from unnest(${rows.map((r) => r.mention.speakerId)}::int[], ${rows.map((r) => r.mention.title)}::text[], ${rows.map((r) => r.mention.organization)}::text[],
      ${rows.map((r) => r.from)}::date[], ${rows.map((r) => r.to)}::date[])
      with ordinality as r(speaker_id, title, organization, valid_from, valid_to, n)
    order by r.n
    on conflict (speaker_id, lower(title), coalesce(lower(organization), '')) do update set
      valid_from = least(roles.valid_from, excluded.valid_from),
      valid_to = greatest(roles.valid_to, excluded.valid_to)
    returning id, speaker_id, title, organization`.execute(db);
  const idByKey = new Map(stored.rows.map((r) => [keyOf({ speakerId: r.speaker_id, title: r.title, organization: r.organization }), r.id]));
  return mentions.map((m) => (m ? idByKey.get(keyOf(m)) ?? null : null));
}
