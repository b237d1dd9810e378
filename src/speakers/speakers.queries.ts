import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { unnestInsert } from '../db/unnest-insert.ts';
import { mergedNameHits } from './merged-names.queries.ts';
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

/**
 * The names a candidate may be found by exactly. An organization: all of them. A person: the
 * name and the aliases that name the same person by it (samePersonName: "Antony J. Blinken"
 * for "Antony Blinken"), never a lone surname ("Price" names too many people) nor a title
 * and surname ("Mr. Okafor", "Mayor Okafor"), which the article's full name does not back:
 * persisting never merges two people because they share a surname (issue #12 point 7).
 */
function exactKeys(candidate: SpeakerCandidate): string[] {
  if (candidate.kind === 'organization') return [candidate.name, ...candidate.aliases].map(normalizeAlias);
  const names = [candidate.name, ...candidate.aliases.filter((a) => samePersonName(a, candidate.name))];
  return names.map(normalizeAlias).filter((key) => key.includes(' '));
}

/** Hits by kind and a key, each list in the hits' order. */
type HitsByKey = Map<string, AliasHit[]>;
interface HitIndex {
  /** By kind and normalized alias. */
  alias: HitsByKey;
  /** By kind and the last word of the normalized canonical name (samePersonName needs it equal). */
  surname: HitsByKey;
  /** By kind and the normalized canonical name. */
  canonical: HitsByKey;
}
const hitIndexes = new WeakMap<AliasHit[], HitIndex>();

/**
 * `hits` indexed for pick, once per list: a store resolves every candidate of its batch
 * against the same list, and scanning it for each one made that quadratic.
 */
function indexHits(hits: AliasHit[]): HitIndex {
  let index = hitIndexes.get(hits);
  if (index) return index;
  index = { alias: new Map(), surname: new Map(), canonical: new Map() };
  const add = (map: HitsByKey, key: string, hit: AliasHit) => {
    const list = map.get(key);
    if (list) list.push(hit);
    else map.set(key, [hit]);
  };
  for (const h of hits) {
    const canonical = normalizeAlias(h.canonical_name);
    add(index.alias, `${h.kind}:${h.normalized_alias}`, h);
    add(index.surname, `${h.kind}:${canonical.split(' ').at(-1)}`, h);
    add(index.canonical, `${h.kind}:${canonical}`, h);
  }
  hitIndexes.set(hits, index);
  return index;
}

function pick(candidate: SpeakerCandidate, hits: AliasHit[]): number | undefined {
  const index = indexHits(hits);
  const kind = candidate.kind;
  for (const key of exactKeys(candidate)) {
    const exact = index.alias.get(`${kind}:${key}`)?.[0];
    if (exact) return exact.speaker_id;
  }
  const loneName = normalizeAlias(candidate.name);
  if (kind === 'person') {
    const sameSurname = index.surname.get(`${kind}:${loneName.split(' ').at(-1)}`) ?? [];
    const fuzzy = sameSurname.filter((h) => samePersonName(h.canonical_name, candidate.name));
    if (new Set(fuzzy.map((h) => h.speaker_id)).size === 1) return fuzzy[0]!.speaker_id;
  }
  return loneName.includes(' ') ? undefined : index.canonical.get(`${kind}:${loneName}`)?.[0]?.speaker_id;
}

/** Advisory lock class (first key of pg_advisory_xact_lock) for speaker names; used nowhere else. */
const SPEAKER_NAME_LOCK = 0x53706b72;

/**
 * The names whose lock a transaction must hold to resolve `candidates` safely: for a person
 * the last word of each of their names (every way `pick` matches, exact alias, surname or
 * lone name, agrees on it), for an organization each whole name. Two stores that could
 * resolve to the same speaker therefore always share one key.
 */
export function speakerLockKeys(candidates: SpeakerCandidate[]): string[] {
  const keys = new Set<string>();
  for (const c of candidates) {
    for (const name of [c.name, ...c.aliases]) {
      const key = normalizeAlias(name);
      if (key !== '') keys.add(`${c.kind}:${c.kind === 'person' ? key.split(' ').at(-1) : key}`);
    }
  }
  return [...keys];
}

/**
 * Takes the transaction-level advisory locks for the candidates' names, in one statement
 * and in sorted order (two stores never hold one each and wait for the other's). Exclusive
 * (the default) for whoever may create, merge, rename or delete speakers of those names:
 * concurrent stores of the same new person resolve one after the other instead of both
 * creating them. Shared for a store that only finds speakers already stored: such stores
 * run side by side, and still wait for (and are waited for by) an exclusive holder.
 * `sharedCandidates` are locked shared except where a name key is also one of
 * `candidates`' (exclusive wins), so a store creating one new person does not hold off
 * the stores that only name the known ones. Held until the transaction ends; taking a held
 * key again is free. PGlite supports advisory locks (and has one session, so they never
 * wait there).
 */
export async function lockSpeakerNames(
  db: Kysely<Database>,
  candidates: SpeakerCandidate[],
  mode: 'exclusive' | 'shared' = 'exclusive',
  sharedCandidates: SpeakerCandidate[] = [],
): Promise<void> {
  const keys = speakerLockKeys(candidates);
  const exclusive = mode === 'exclusive' ? keys : [];
  const shared = [...(mode === 'shared' ? keys : []), ...speakerLockKeys(sharedCandidates)].filter((k) => !exclusive.includes(k));
  if (exclusive.length + shared.length === 0) return;
  // The aggregate takes the rows, so the locks, in the subquery's order (a key held both
  // ways in the list is taken exclusive: bool_or).
  await sql`
    select count(case when x then pg_advisory_xact_lock(${SPEAKER_NAME_LOCK}, h) else pg_advisory_xact_lock_shared(${SPEAKER_NAME_LOCK}, h) end) from (
      select hashtext(k) as h, bool_or(x) as x
      from unnest(${[...exclusive, ...shared]}::text[], ${[...exclusive.map(() => true), ...shared.map(() => false)]}::boolean[]) as u(k, x)
      group by 1 order by 1
    ) as sorted`.execute(db);
}

/** The stored speakers the candidates could resolve to (by any rule of `pick`), merged ones standing for the speaker they joined. */
async function findAliasHits(db: Kysely<Database>, candidates: SpeakerCandidate[]): Promise<AliasHit[]> {
  const keys = [...new Set(candidates.flatMap((c) => [c.name, ...c.aliases].map(normalizeAlias)))];
  const surnames = [...new Set(candidates.filter((c) => c.kind === 'person').map((c) => normalizeAlias(c.name).split(' ').at(-1)!))];
  // Two index lookups joined by UNION, not one OR: with the OR the planner read every alias
  // and computed each one's last word (1.3 ms a lookup at 2,000 aliases, against 0.4; the
  // cost grows with the table). (speaker_id, normalized_alias) is unique, so UNION drops no
  // hit. The like pattern is a literal: as a parameter, the generic plan read every alias
  // through the trigram index for it (10 ms against 1.7 ms at 2,000 aliases). A merged
  // speaker takes no new statements: its names moved to the one it joined (those that
  // stayed, the kept one had), and mergedNameHits stands its name for that one.
  const bySurname = surnames.length
    ? sql`union select speaker_id, normalized_alias from speaker_aliases
        where regexp_replace(normalized_alias, '^.* ', '') = any(${surnames}::text[]) and normalized_alias like '% %'`
    : sql``;
  const hits = (
    await sql<AliasHit>`
      select a.speaker_id, s.kind, s.canonical_name, a.normalized_alias
      from (select speaker_id, normalized_alias from speaker_aliases where normalized_alias = any(${keys}::text[]) ${bySurname}) a
      join speakers s on s.id = a.speaker_id
      where s.merged_into is null`.execute(db)
  ).rows;
  hits.push(...(await mergedNameHits(db, surnames)));
  return hits;
}

/**
 * The candidates' speakers under the name locks. A first look (without locks) splits them
 * into the stored ones, whose names are locked shared, and the new ones, whose names are
 * locked exclusive (lockSpeakerNames): stores naming the same known people do not wait for
 * each other (the common case in an archive), and two stores of the same new person
 * resolve one after the other. If the look under the locks no longer finds one the first
 * look found (a merge or deletion committed between), every name is locked exclusive (two
 * stores upgrading at once can then deadlock, and inWriteTransaction retries the victim).
 */
async function lockedAliasHits(db: Kysely<Database>, candidates: SpeakerCandidate[]): Promise<AliasHit[]> {
  const first = await findAliasHits(db, candidates);
  const found = candidates.filter((c) => pick(c, first) !== undefined);
  await lockSpeakerNames(db, candidates.filter((c) => !found.includes(c)), 'exclusive', found);
  const hits = await findAliasHits(db, candidates);
  if (found.every((c) => pick(c, hits) !== undefined)) return hits;
  await lockSpeakerNames(db, candidates);
  return findAliasHits(db, candidates);
}

/**
 * Resolves speakers against those already stored (exact alias, then a careful person-name
 * match; the kind must agree), creates the rest, and records every name as an alias.
 * Race-free: it first locks the candidates' names (lockSpeakerNames; shared for those
 * already stored, see lockedAliasHits), so a concurrent store of the same new speaker
 * waits, then finds this one. A unique key could not do this: two
 * people may share a name, and "Antony J. Blinken" must find "Antony Blinken".
 * Returns speaker ids in the order of `candidates`.
 */
export async function resolveSpeakers(db: Kysely<Database>, candidates: SpeakerCandidate[]): Promise<number[]> {
  if (candidates.length === 0) return [];
  return recordResolved(db, candidates, await lockedAliasHits(db, candidates));
}

/**
 * The candidates' speakers among `hits` (found under the name locks), the rest created, and
 * every name recorded as an alias of its speaker. Ids in the order of `candidates`.
 */
async function recordResolved(db: Kysely<Database>, candidates: SpeakerCandidate[], hits: AliasHit[]): Promise<number[]> {
  const ids = candidates.map((c) => pick(c, hits));
  // Candidates still unknown are created once per (kind, name), even when repeated.
  const keyOf = (c: SpeakerCandidate) => `${c.kind}:${normalizeAlias(c.name)}`;
  const missing = [...new Map(candidates.filter((_, i) => ids[i] === undefined).map((c) => [keyOf(c), c])).values()];
  if (missing.length) {
    const insert = unnestInsert('speakers', { canonical_name: ['text', missing.map((c) => c.name)], kind: ['text', missing.map((c) => c.kind)] });
    const created = (await sql<{ id: number; canonical_name: string; kind: SpeakerKind }>`${insert} returning id, canonical_name, kind`.execute(db)).rows;
    // Matched by name, not position: RETURNING order is not promised.
    const createdByKey = new Map(created.map((row) => [keyOf({ name: row.canonical_name, kind: row.kind, aliases: [] }), row.id]));
    candidates.forEach((c, i) => (ids[i] ??= createdByKey.get(keyOf(c))));
  }
  const aliasRows = [
    ...new Map(
      candidates.flatMap((c, i) =>
        [c.name, ...c.aliases]
          .map((alias) => ({ speakerId: ids[i]!, alias: alias.trim(), key: normalizeAlias(alias) }))
          .filter((a) => a.key !== '')
          .map((a) => [`${a.speakerId}\u0000${a.key}`, a] as const),
      ),
    ).values(),
  ].sort((x, y) => x.speakerId - y.speakerId || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  if (aliasRows.length) {
    // In key order, so two stores adding aliases to one speaker take index locks in one order.
    const insert = unnestInsert('speaker_aliases', {
      speaker_id: ['int', aliasRows.map((a) => a.speakerId)],
      alias: ['text', aliasRows.map((a) => a.alias)],
      normalized_alias: ['text', aliasRows.map((a) => a.key)],
    });
    await sql`${insert} on conflict (speaker_id, normalized_alias) do nothing`.execute(db);
  }
  return ids as number[];
}

/**
 * resolveSpeakers for several articles' candidates (`groups`) in one transaction, as if
 * each article were resolved after the one before it. All their names are locked at once
 * (lockedAliasHits: sorted, so a store never waits holding part of its names). When every
 * candidate is stored (the common case in an archive) one more look resolves them all;
 * otherwise the groups are resolved one after the other, so a later group finds a speaker
 * an earlier one created.
 * Returns speaker ids per group, each in the order of its candidates.
 */
export async function resolveSpeakerGroups(db: Kysely<Database>, groups: SpeakerCandidate[][]): Promise<number[][]> {
  if (groups.length === 1) return [await resolveSpeakers(db, groups[0]!)];
  const all = groups.flat();
  if (all.length === 0) return groups.map(() => []);
  const hits = await lockedAliasHits(db, all);
  if (all.every((c) => pick(c, hits) !== undefined)) {
    const flat = await recordResolved(db, all, hits);
    let taken = 0;
    return groups.map((g) => flat.slice(taken, (taken += g.length)));
  }
  // Some are new: the names are locked (lockedAliasHits) and each group is resolved after the one before.
  const ids: number[][] = [];
  for (const g of groups) ids.push(await resolveSpeakers(db, g));
  return ids;
}
