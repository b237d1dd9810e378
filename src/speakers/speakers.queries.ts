import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { normalizeAlias, samePersonName, type SpeakerKind } from './speakers.ts';

export interface SpeakerCandidate {
  name: string;
  kind: SpeakerKind;
  aliases: string[];
}

interface AliasHit {
  speaker_id: number;
  kind: SpeakerKind;
  canonical_name: string;
  normalized_alias: string;
}

function pick(candidate: SpeakerCandidate, hits: AliasHit[]): number | undefined {
  const names = [candidate.name, ...candidate.aliases].map(normalizeAlias);
  const sameKind = hits.filter((h) => h.kind === candidate.kind);
  // A lone surname ("Price") names too many people to merge on; it only matches itself.
  const usable = (key: string) => candidate.kind === 'organization' || key.includes(' ');
  for (const key of names) {
    if (!usable(key)) continue;
    const exact = sameKind.find((h) => h.normalized_alias === key);
    if (exact) return exact.speaker_id;
  }
  if (candidate.kind === 'person') {
    const fuzzy = sameKind.filter((h) => samePersonName(h.canonical_name, candidate.name));
    if (new Set(fuzzy.map((h) => h.speaker_id)).size === 1) return fuzzy[0]!.speaker_id;
  }
  const loneName = normalizeAlias(candidate.name);
  return sameKind.find((h) => !loneName.includes(' ') && normalizeAlias(h.canonical_name) === loneName)?.speaker_id;
}

/**
 * Resolves speakers against those already stored (exact alias, then a careful person-name
 * match; the kind must agree), creates the rest, and records every name as an alias.
 * Returns speaker ids in the order of `candidates`.
 */
export async function resolveSpeakers(db: Kysely<Database>, candidates: SpeakerCandidate[]): Promise<number[]> {
  if (candidates.length === 0) return [];
  const keys = [...new Set(candidates.flatMap((c) => [c.name, ...c.aliases].map(normalizeAlias)))];
  const surnames = [...new Set(candidates.filter((c) => c.kind === 'person').map((c) => normalizeAlias(c.name).split(' ').at(-1)!))];
  const hits = (await db
    .selectFrom('speaker_aliases as a')
    .innerJoin('speakers as s', 's.id', 'a.speaker_id')
    .select(['a.speaker_id', 's.kind', 's.canonical_name', 'a.normalized_alias'])
    .where((eb) =>
      eb.or([
        eb('a.normalized_alias', '=', eb.fn.any(eb.val(keys))),
        ...(surnames.length ? [eb('a.normalized_alias', 'like', eb.fn.any(eb.val(surnames.map((s) => `% ${s}`))))] : []),
      ]),
    )
    .execute()) as AliasHit[];

  const ids = candidates.map((c) => pick(c, hits));
  // Candidates still unknown are created once per (kind, name), even when repeated.
  const keyOf = (c: SpeakerCandidate) => `${c.kind}:${normalizeAlias(c.name)}`;
  const missing = [...new Map(candidates.filter((_, i) => ids[i] === undefined).map((c) => [keyOf(c), c])).values()];
  if (missing.length) {
    const created = await db
      .insertInto('speakers')
      .values(missing.map((c) => ({ canonical_name: c.name, kind: c.kind })))
      .returning(['id', 'canonical_name', 'kind'])
      .execute();
    // Matched by name, not position: RETURNING order is not promised.
    const createdByKey = new Map(created.map((row) => [keyOf({ name: row.canonical_name, kind: row.kind, aliases: [] }), row.id]));
    candidates.forEach((c, i) => (ids[i] ??= createdByKey.get(keyOf(c))));
  }
  const aliasRows = candidates.flatMap((c, i) =>
    [...new Map([c.name, ...c.aliases].map((a) => [normalizeAlias(a), a.trim()])).entries()]
      .filter(([key]) => key !== '')
      .map(([normalized_alias, alias]) => ({ speaker_id: ids[i]!, alias, normalized_alias })),
  );
  if (aliasRows.length) {
    await db.insertInto('speaker_aliases').values(aliasRows).onConflict((oc) => oc.columns(['speaker_id', 'normalized_alias']).doNothing()).execute();
  }
  return ids as number[];
}
