import type { ClusterMember, ClusterRow } from './clusters.queries.ts';

export interface ClusterSpeaker {
  id: number;
  name: string;
  kind: 'person' | 'organization';
  count: number;
  roles: string[];
}

export type ConflictKind = 'different_people' | 'different_organizations' | 'person_and_organization' | 'spokesperson';

export interface ClusterView {
  id: number;
  memberCount: number;
  conflicting: boolean;
  conflictKind: ConflictKind | null;
  conflictNote: string | null;
  /** The most credited SPEAKERS_SHOWN speakers; speakerCount says how many there are. */
  speakers: ClusterSpeaker[];
  speakerCount: number;
  hiddenSpeakerCount: number;
  longestText: string | null;
  /** The first members in date order, and the longest version; memberCount counts all. */
  members: (ClusterMember & { isFirst: boolean; isLongest: boolean })[];
  /** Members not listed in `members`. */
  hiddenMemberCount: number;
}

const STOP = new Set(['the', 'of', 'and', 'for', 'in', 'us', 'a', 'an', 's']);
const words = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP.has(w)));

/** Does any printed role of the person name the organization ("spokesman for NATO" ~ "NATO")? */
function speaksFor(person: ClusterSpeaker, org: ClusterSpeaker): boolean {
  const orgWords = words(org.name);
  return person.roles.some((r) => [...words(r)].some((w) => orgWords.has(w)));
}

/** "A and B", or "A, B, C and 4 more" past three names: a note stays short whatever the cluster. */
function nameList(names: string[], shown = 3): string {
  return names.length <= shown ? names.join(' and ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/**
 * The same words credited to different speakers. A person and an organization may be no
 * contradiction (a minister speaking for a government): said so, and marked as a
 * spokesperson when the person's printed role names the organization.
 */
function describeConflict(speakers: ClusterSpeaker[]): { kind: ConflictKind; note: string } {
  const people = speakers.filter((s) => s.kind === 'person');
  const orgs = speakers.filter((s) => s.kind === 'organization');
  if (people.length === 1 && orgs.length >= 1) {
    const p = people[0]!;
    const named = orgs.filter((o) => speaksFor(p, o));
    if (named.length === orgs.length) {
      return { kind: 'spokesperson', note: `${p.name}'s printed role names ${nameList(named.map((o) => o.name))}: likely speaking for it.` };
    }
    return { kind: 'person_and_organization', note: `Credited to a person (${p.name}) and to ${nameList(orgs.map((o) => o.name))}: the person may be speaking for the organization; check the sources.` };
  }
  if (people.length > 1) return { kind: 'different_people', note: `The same words are credited to ${people.length} different people.` };
  return { kind: 'different_organizations', note: `The same words are credited to ${orgs.length} different organizations.` };
}

/** Speakers named on a cluster (most credited first); the note and counts cover all of them. */
const SPEAKERS_SHOWN = 20;

/**
 * The cluster with the members given (listClusterMembers: the first ones and the longest)
 * and who it is credited to (clusterSpeakers: counted over every member).
 */
export function presentCluster(row: ClusterRow, members: ClusterMember[], credited: ClusterSpeaker[]): ClusterView {
  const speakers = [...credited].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const conflict = row.conflicting && speakers.length > 1 ? describeConflict(speakers) : null;
  return {
    id: row.id,
    memberCount: row.member_count,
    conflicting: row.conflicting,
    conflictKind: conflict?.kind ?? null,
    conflictNote: conflict?.note ?? null,
    speakers: speakers.slice(0, SPEAKERS_SHOWN).map(({ id, name, kind, count, roles }) => ({ id, name, kind, count, roles })),
    speakerCount: speakers.length,
    hiddenSpeakerCount: Math.max(0, speakers.length - SPEAKERS_SHOWN),
    longestText: members.find((m) => m.id === row.longest_statement_id)?.text ?? null,
    members: members.map((m) => ({ ...m, isFirst: m.id === row.first_statement_id, isLongest: m.id === row.longest_statement_id })),
    hiddenMemberCount: Math.max(0, row.member_count - members.length),
  };
}
