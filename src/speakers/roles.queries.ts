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
  const rows = await db
    .insertInto('roles')
    .values([...unique.values()].map((m) => ({ speaker_id: m.speakerId, title: m.title, organization: m.organization, valid_from: day, valid_to: day })))
    .onConflict((oc) =>
      oc
        .expression(sql`speaker_id, lower(title), coalesce(lower(organization), '')`)
        .doUpdateSet({
          valid_from: sql`least(roles.valid_from, excluded.valid_from)`,
          valid_to: sql`greatest(roles.valid_to, excluded.valid_to)`,
        }),
    )
    .returning(['id', 'speaker_id', 'title', 'organization'])
    .execute();
  const idByKey = new Map(rows.map((r) => [keyOf({ speakerId: r.speaker_id, title: r.title, organization: r.organization }), r.id]));
  return mentions.map((m) => (m ? idByKey.get(keyOf(m)) ?? null : null));
}
