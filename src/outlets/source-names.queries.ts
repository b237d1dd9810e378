import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

// Suggestions for the search form's outlet and agency boxes (GET /api/outlets/autocomplete,
// /api/agencies/autocomplete): stored outlets and agency names whose name, or an alias of
// their group (source_aliases), has a word starting with the typed text. Keys are
// source_name_key (migrations/20261130030000_source_name_aliases.ts): letters, digits and
// single spaces only, so they are safe in a LIKE pattern.

export interface OutletSuggestion {
  id: number;
  name: string;
  /** The name or alias that matched (the name itself when it did). */
  alias: string;
}

export interface AgencySuggestion {
  /** As stored on articles: what the agency filter will find. */
  name: string;
  alias: string;
}

/** Stored names of one kind as (id, name, key): outlets have ids, agency texts do not. */
const STORED = {
  outlet: sql`select o.id, o.name, o.name_key as key from outlets o`,
  agency: sql`select null::int as id, an.name, an.name_key as key from agency_names an`,
};

async function suggest(db: Kysely<Database>, kind: 'outlet' | 'agency', typed: string, limit: number) {
  const result = await sql<{ id: number | null; name: string; alias: string }>`
    with t as (select source_name_key(${typed}) as k),
    stored as (${STORED[kind]}),
    hits as (
      select s.id, s.name, s.name as alias, s.key = t.k as exact, s.key like t.k || '%' as starts
      from stored s, t
      where s.key like t.k || '%' or s.key like '% ' || t.k || '%'
      union all
      select s.id, s.name, sa.alias, sa.alias_key = t.k, sa.alias_key like t.k || '%'
      from source_aliases sa
      join source_aliases g on g.kind = sa.kind and g.canonical = sa.canonical
      join stored s on s.key = g.alias_key, t
      where sa.kind = ${kind} and (sa.alias_key like t.k || '%' or sa.alias_key like '% ' || t.k || '%'))
    select h.id, h.name, h.alias
    from (select distinct on (hits.name) hits.* from hits, t where t.k <> '' order by hits.name, exact desc, starts desc, alias) h
    order by h.exact desc, h.starts desc, h.name
    limit ${limit}`.execute(db);
  return result.rows;
}

/** Up to `limit` outlets for the typed text (exact name or alias first, then names starting with it, then any word). */
export async function suggestOutlets(db: Kysely<Database>, typed: string, limit = 10): Promise<OutletSuggestion[]> {
  return (await suggest(db, 'outlet', typed, limit)).map((r) => ({ id: r.id!, name: r.name, alias: r.alias }));
}

/** Up to `limit` stored agency names for the typed text, ordered as suggestOutlets. */
export async function suggestAgencies(db: Kysely<Database>, typed: string, limit = 10): Promise<AgencySuggestion[]> {
  return (await suggest(db, 'agency', typed, limit)).map((r) => ({ name: r.name, alias: r.alias }));
}
