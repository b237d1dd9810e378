import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

export interface ClusterSpeakerRow {
  cluster_id: number;
  id: number;
  name: string;
  kind: 'person' | 'organization';
  /** Statements of the cluster credited to the speaker (rejected attributions credit nobody). */
  count: number;
  /** Distinct roles as printed, at most ROLES_PER_SPEAKER, in alphabetical order. */
  roles: string[];
}

const ROLES_PER_SPEAKER = 10;

/**
 * Who each cluster's words are credited to, counted over every member in SQL (the page
 * shows only some members, the counts are of all of them).
 */
export async function clusterSpeakers(db: Kysely<Database>, clusterIds: number[]): Promise<ClusterSpeakerRow[]> {
  if (clusterIds.length === 0) return [];
  const { rows } = await sql<ClusterSpeakerRow>`
    select s.cluster_id, sp.id, sp.canonical_name as name, sp.kind, count(*)::int as count,
           coalesce((array_agg(distinct at.role_text) filter (where at.role_text is not null))[1:${sql.lit(ROLES_PER_SPEAKER)}], '{}') as roles
    from statements s
    join attributions at on at.statement_id = s.id and at.is_current and at.status <> 'rejected'
    join speakers sp on sp.id = at.speaker_id
    where s.cluster_id = any(${clusterIds}::int[])
    group by s.cluster_id, sp.id
    order by s.cluster_id, count(*) desc, sp.canonical_name`.execute(db);
  return rows;
}
