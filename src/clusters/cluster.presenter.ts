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
  speakers: ClusterSpeaker[];
  longestText: string | null;
  members: (ClusterMember & { isFirst: boolean; isLongest: boolean })[];
}

const STOP = new Set(['the', 'of', 'and', 'for', 'in', 'us', 'a', 'an', 's']);
const words = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP.has(w)));

/** Does any printed role of the person name the organization ("spokesman for NATO" ~ "NATO")? */
function speaksFor(person: ClusterSpeaker, org: ClusterSpeaker): boolean {
  const orgWords = words(org.name);
  return person.roles.some((r) => [...words(r)].some((w) => orgWords.has(w)));
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
      return { kind: 'spokesperson', note: `${p.name}'s printed role names ${named.map((o) => o.name).join(' and ')}: likely speaking for it.` };
    }
    return { kind: 'person_and_organization', note: `Credited to a person (${p.name}) and to ${orgs.map((o) => o.name).join(' and ')}: the person may be speaking for the organization; check the sources.` };
  }
  if (people.length > 1) return { kind: 'different_people', note: `The same words are credited to ${people.length} different people.` };
  return { kind: 'different_organizations', note: `The same words are credited to ${orgs.length} different organizations.` };
}

export function presentCluster(row: ClusterRow, members: ClusterMember[]): ClusterView {
  const bySpeaker = new Map<number, ClusterSpeaker>();
  for (const m of members) {
    if (m.speaker_id === null || m.status === 'rejected') continue;
    const s = bySpeaker.get(m.speaker_id) ?? { id: m.speaker_id, name: m.speaker_name ?? '', kind: m.speaker_kind ?? 'person', count: 0, roles: [] };
    s.count++;
    if (m.role_text && !s.roles.includes(m.role_text)) s.roles.push(m.role_text);
    bySpeaker.set(m.speaker_id, s);
  }
  const speakers = [...bySpeaker.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const conflict = row.conflicting && speakers.length > 1 ? describeConflict(speakers) : null;
  return {
    id: row.id,
    memberCount: row.member_count,
    conflicting: row.conflicting,
    conflictKind: conflict?.kind ?? null,
    conflictNote: conflict?.note ?? null,
    speakers,
    longestText: members.find((m) => m.id === row.longest_statement_id)?.text ?? null,
    members: members.map((m) => ({ ...m, isFirst: m.id === row.first_statement_id, isLongest: m.id === row.longest_statement_id })),
  };
}
