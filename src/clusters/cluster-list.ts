import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { type ClusterView, presentCluster } from './cluster.presenter.ts';
import { clusterSpeakers } from './cluster-speakers.queries.ts';
import { listClusterMembers, listClusters } from './clusters.queries.ts';

/**
 * Clusters of two or more statements, newest first (listClusters' filters and keyset), each
 * presented with its first `perCluster` members, its longest version and its speakers: one
 * query for the clusters and one each for all their members and speakers. `last` is the last
 * row's id (the next page's `before`), when the page is full.
 */
export async function loadClusterList(
  db: Kysely<Database>,
  filters: { conflicting?: boolean; beforeId?: number },
  limit: number,
  perCluster: number,
): Promise<{ clusters: ClusterView[]; last: number | null }> {
  const rows = await listClusters(db, filters, limit);
  const ids = rows.map((r) => r.id);
  const [members, speakers] = await Promise.all([listClusterMembers(db, ids, perCluster), clusterSpeakers(db, ids)]);
  const clusters = rows.map((r) => presentCluster(r, members.filter((m) => m.cluster_id === r.id), speakers.filter((s) => s.cluster_id === r.id)));
  return { clusters, last: rows.length === limit ? rows.at(-1)!.id : null };
}
