// Which statements form a quote cluster. Pure: the queries feed it ids and similar pairs.

/** Shorter quotes ("groundless") are too common to say two articles quote the same words. */
export const MIN_CLUSTER_WORDS = 4;
/** pg_trgm similarity from which two quotes count as near-verbatim variants. */
export const JOIN_SIMILARITY = 0.5;

export function clusterable(normalizedText: string): boolean {
  return normalizedText.split(' ').filter(Boolean).length >= MIN_CLUSTER_WORDS;
}

export interface SimilarPair {
  /** A newly stored statement. */
  newId: number;
  otherId: number;
  /** The other statement's cluster, if it has one. */
  otherClusterId: number | null;
  score: number;
}

export interface ClusterPlan {
  /** Statement id → cluster: an existing cluster id, or a negative placeholder for a new one. */
  assignments: Map<number, number>;
  newClusterCount: number;
}

class UnionFind {
  private parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(x, root);
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
  members(): Map<number, number[]> {
    const groups = new Map<number, number[]>();
    for (const x of this.parent.keys()) {
      const r = this.find(x);
      groups.set(r, [...(groups.get(r) ?? []), x]);
    }
    return groups;
  }
}

/**
 * Each new statement joins its single most similar statement (best match only, so loose
 * chains of vaguely alike quotes do not snowball). Following those links, every group ends
 * at one stored statement: the group takes its cluster, or a new one. Two existing
 * clusters are therefore never bridged (a statement has one best match).
 */
export function planClusters(pairs: SimilarPair[]): ClusterPlan {
  const existingCluster = new Map(pairs.map((p) => [p.otherId, p.otherClusterId]));
  const best = new Map<number, SimilarPair>();
  for (const p of pairs) {
    const current = best.get(p.newId);
    if (p.score >= JOIN_SIMILARITY && (!current || p.score > current.score || (p.score === current.score && p.otherId < current.otherId))) {
      best.set(p.newId, p);
    }
  }
  const uf = new UnionFind();
  for (const p of best.values()) uf.union(p.newId, p.otherId);

  const assignments = new Map<number, number>();
  let newClusterCount = 0;
  for (const members of uf.members().values()) {
    if (members.length < 2) continue;
    const existing = members.map((m) => existingCluster.get(m) ?? null).find((c) => c !== null);
    const target = existing ?? -++newClusterCount;
    for (const m of members) if (existingCluster.get(m) !== target) assignments.set(m, target);
  }
  return { assignments, newClusterCount };
}
