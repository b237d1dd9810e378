import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

export interface RoleMention {
  speakerId: number;
  title: string;
  organization: string | null;
  /** The date of the article that prints it (null: undated). */
  seenOn: Date | null;
}

/** A stored role whose seen dates a store must widen (widenRoleDates), as ISO days. */
export interface RoleDates {
  id: number;
  from: string | null;
  to: string | null;
}

/**
 * Attaches each printed role to its speaker: creates the roles not stored yet, with the
 * dates of the articles that print them, and finds the others without locking them.
 * Returns role ids aligned with `mentions` (null where no role was given), and the stored
 * roles whose seen date range the mentions widen, for widenRoleDates at the end of the
 * store: a role every article prints ("presidential nominee") would otherwise be locked by
 * each store from here to its commit, and concurrent stores queued on it (bench:ingest
 * with 4 processes: 32% of backend samples). Two statements for any number of roles
 * (arrays, not one parameter per value), new rows in key order; the second reads what a
 * concurrent store that created the same role committed (the insert waited for it).
 */
export async function attachRoles(db: Kysely<Database>, mentions: (RoleMention | null)[]): Promise<{ ids: (number | null)[]; widen: RoleDates[] }> {
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
  if (unique.size === 0) return { ids: mentions.map(() => null), widen: [] };
  const rows = [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  const values = sql`unnest(${rows.map((r) => r.mention.speakerId)}::int[], ${rows.map((r) => r.mention.title)}::text[], ${rows.map((r) => r.mention.organization)}::text[],
      ${rows.map((r) => r.from)}::date[], ${rows.map((r) => r.to)}::date[])
      with ordinality as r(speaker_id, title, organization, valid_from, valid_to, n)`;
  const created = await sql<{ id: number; speaker_id: number; title: string; organization: string | null }>`
    insert into roles (speaker_id, title, organization, valid_from, valid_to)
    select r.speaker_id, r.title, r.organization, r.valid_from, r.valid_to from ${values}
    order by r.n
    on conflict (speaker_id, lower(title), coalesce(lower(organization), '')) do nothing
    returning id, speaker_id, title, organization`.execute(db);
  const idByKey = new Map(created.rows.map((r) => [keyOf({ speakerId: r.speaker_id, title: r.title, organization: r.organization }), r.id]));
  const widen: RoleDates[] = [];
  const rest = rows.filter((r) => !idByKey.has(keyOf(r.mention)));
  if (rest.length) {
    const stored = await sql<{ id: number; speaker_id: number; title: string; organization: string | null; valid_from: string | null; valid_to: string | null }>`
      select s.id, s.speaker_id, s.title, s.organization, s.valid_from::text, s.valid_to::text
      from unnest(${rest.map((r) => r.mention.speakerId)}::int[], ${rest.map((r) => r.mention.title)}::text[], ${rest.map((r) => r.mention.organization)}::text[])
        as r(speaker_id, title, organization)
      join roles s on s.speaker_id = r.speaker_id and lower(s.title) = lower(r.title) and coalesce(lower(s.organization), '') = coalesce(lower(r.organization), '')`.execute(db);
    for (const s of stored.rows) {
      const key = keyOf({ speakerId: s.speaker_id, title: s.title, organization: s.organization });
      idByKey.set(key, s.id);
      const seen = unique.get(key)!;
      if ((seen.from && (!s.valid_from || seen.from < s.valid_from)) || (seen.to && (!s.valid_to || seen.to > s.valid_to))) {
        widen.push({ id: s.id, from: seen.from, to: seen.to });
      }
    }
  }
  return { ids: mentions.map((m) => (m ? idByKey.get(keyOf(m)) ?? null : null)), widen };
}

/**
 * Widens stored roles' seen date ranges (attachRoles' `widen`), locking their rows in id
 * order (two stores never wait for each other crosswise) and FOR NO KEY UPDATE, as the
 * UPDATE itself would: that mode does not wait for the key-share locks other stores'
 * attributions take on the same roles (their foreign key), which FOR UPDATE did, deadlocking
 * with a store that was still counting words. Held to the commit, so a store calls it at
 * its end, after the cluster lock (as a speaker merge takes them).
 */
export async function widenRoleDates(db: Kysely<Database>, roles: RoleDates[]): Promise<void> {
  if (roles.length === 0) return;
  const sorted = [...roles].sort((a, b) => a.id - b.id);
  await sql`
    with w as (select * from unnest(${sorted.map((r) => r.id)}::int[], ${sorted.map((r) => r.from)}::date[], ${sorted.map((r) => r.to)}::date[]) as w(id, valid_from, valid_to)),
    locked as (select r.id from roles r where r.id in (select id from w) order by r.id for no key update)
    update roles r set valid_from = least(r.valid_from, w.valid_from), valid_to = greatest(r.valid_to, w.valid_to)
    from w where r.id = w.id and r.id in (select id from locked)`.execute(db);
}
