import { type RawBuilder, sql } from 'kysely';
import { normalizeAlias } from '../speakers/speakers.ts';

// What a typed speaker, outlet or agency filter matches (issue #13 point 10): the names it
// equals (case, accents and punctuation aside), or, when it equals none, the names it is the
// start of ("Ned" finds Ned Price; "Price" still finds only the speakers called Price, not
// Pricewaterhouse). Outlets and agencies also match through their aliases (source_aliases:
// "AFP" = "Agence France-Presse"). Each function is a one-column subquery, used inside a
// filter (search.filters.ts) or turned into constants first (search.resolve.ts).
// Keys hold only letters, digits and single spaces, so they are safe in a LIKE pattern.

/** Ids of the speakers the typed name matches, by their aliases' normalizeAlias keys. */
export function speakerIdsMatching(typed: string): RawBuilder<{ speaker_id: number }> {
  const key = normalizeAlias(typed);
  return sql<{ speaker_id: number }>`
    select sa.speaker_id from speaker_aliases sa
    where ${key} <> '' and (sa.normalized_alias = ${key}
      or (sa.normalized_alias like ${`${key}%`}
          and not exists (select 1 from speaker_aliases e where e.normalized_alias = ${key})))`;
}

/**
 * The source_name_key keys a typed outlet or agency name stands for: the stored names and
 * aliases of that kind it matches (equal, else as a prefix), and every alias of their groups.
 */
function sourceKeys(kind: 'outlet' | 'agency', typed: string): RawBuilder<{ key: string }> {
  const stored = kind === 'outlet' ? sql`select o.name_key as key from outlets o` : sql`select an.name_key as key from agency_names an`;
  return sql<{ key: string }>`
    with t as (select source_name_key(${typed}) as k),
    names as (${stored} union all select sa.alias_key from source_aliases sa where sa.kind = ${kind}),
    hit as (
      select n.key from names n, t
      where t.k <> '' and (n.key = t.k or (n.key like t.k || '%' and not exists (select 1 from names e where e.key = t.k))))
    select hit.key from hit
    union
    select g.alias_key from source_aliases m join source_aliases g on g.kind = m.kind and g.canonical = m.canonical
    where m.kind = ${kind} and m.alias_key in (select hit.key from hit)`;
}

/** Ids of the outlets the typed name matches (by name or alias, equal or as a prefix). */
export function outletIdsMatching(typed: string): RawBuilder<{ id: number }> {
  return sql<{ id: number }>`select o.id from outlets o where o.name_key in (${sourceKeys('outlet', typed)})`;
}

/** The agency texts, as stored on articles, that the typed name matches (by name or alias, equal or as a prefix). */
export function agencyNamesMatching(typed: string): RawBuilder<{ name: string }> {
  return sql<{ name: string }>`select an.name from agency_names an where an.name_key in (${sourceKeys('agency', typed)})`;
}
