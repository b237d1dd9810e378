// Which statements form a quote cluster. Pure: the queries feed it quotes and scores.
//
// An article's new quotes are first grouped among themselves, then each group is compared
// with the stored corpus once, through one member. Work per article is bounded and close
// to linear in its quotes: 5,000 near-identical quotes in one article used to compare
// every quote with up to 1,000 others through the index (2 minutes here, 12 in the field)
// while the store held its locks.

/** Shorter quotes ("groundless") are too common to say two articles quote the same words. */
export const MIN_CLUSTER_WORDS = 4;
/** pg_trgm similarity from which two quotes count as near-verbatim variants. */
export const JOIN_SIMILARITY = 0.5;
/**
 * Each distinct quote text of an article is compared with the next NEIGHBOURS texts in
 * two sort orders (by its words, and by its words read backwards). Variants inside one
 * article (a pull quote, a partial repeat, a corrected figure) share a beginning or an
 * end, so they sort within a few places of each other in one of the orders. At most
 * 2 × NEIGHBOURS comparisons per distinct text, linear in the article: 3 gives 14,994
 * for 5,000 near-identical quotes, scored in 0.5 s on the development machine.
 */
export const NEIGHBOURS = 3;
/**
 * Stored statements compared with each probing quote (the first found through two of its
 * rarest words). Lower than search's 1,000 because clustering needs one match of 0.5 or
 * more, not a ranked page; a quote repeated across the corpus still meets copies of itself.
 */
export const CANDIDATES_PER_PROBE = 200;
/**
 * Groups of an article compared with the corpus (article order). A news article holds tens
 * of quotes; past this, later groups still cluster among themselves.
 */
export const MAX_PROBES = 500;
/** So an article makes at most 100,000 corpus comparisons (about 1.2 s of similarity() for 90-character quotes here). */
export const MAX_CORPUS_COMPARISONS = MAX_PROBES * CANDIDATES_PER_PROBE;

export function clusterable(normalizedText: string): boolean {
  return normalizedText.split(' ').filter(Boolean).length >= MIN_CLUSTER_WORDS;
}

export interface NewQuote {
  id: number;
  normalizedText: string;
  fingerprint: string;
}

/** Two of the article's new quotes and their similarity. */
export interface QuoteLink {
  a: number;
  b: number;
  score: number;
}

/** A group's best stored statement (another article's, or one kept by re-extraction). */
export interface StoredMatch {
  otherId: number;
  otherClusterId: number | null;
  score: number;
}

export interface ClusterPlan {
  /** Statement id → cluster: an existing cluster id, or a negative placeholder for a new one. */
  assignments: Map<number, number>;
  newClusterCount: number;
}

/**
 * Pairs worth scoring among an article's quotes. A quote whose normalized text (fingerprint)
 * an earlier one has is returned in `sameText` as [its id, the first one's id], with no
 * comparison; each distinct text is paired with its neighbours (NEIGHBOURS): at most
 * 2 × NEIGHBOURS × (distinct texts) `pairs`, each [smaller id, larger id] once.
 */
export function neighbourPairs(quotes: NewQuote[]): { sameText: [number, number][]; pairs: [number, number][] } {
  const firstByFingerprint = new Map<string, NewQuote>();
  const sameText: [number, number][] = [];
  for (const q of [...quotes].sort((x, y) => x.id - y.id)) {
    const first = firstByFingerprint.get(q.fingerprint);
    if (first) sameText.push([q.id, first.id]);
    else firstByFingerprint.set(q.fingerprint, q);
  }
  const distinct = [...firstByFingerprint.values()];
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  const backwards = (q: NewQuote) => q.normalizedText.split(' ').reverse().join(' ');
  for (const key of [(q: NewQuote) => q.normalizedText, backwards]) {
    const sorted = distinct.map((q) => ({ id: q.id, key: key(q) })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.id - y.id));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j <= i + NEIGHBOURS && j < sorted.length; j++) {
        const pair: [number, number] = sorted[i]!.id < sorted[j]!.id ? [sorted[i]!.id, sorted[j]!.id] : [sorted[j]!.id, sorted[i]!.id];
        const k = `${pair[0]}:${pair[1]}`;
        if (!seen.has(k)) {
          seen.add(k);
          pairs.push(pair);
        }
      }
    }
  }
  return { sameText, pairs };
}

/** Union-find with path halving and union by size: near-constant time per operation. */
class UnionFind {
  private parent = new Map<number, number>();
  private size = new Map<number, number>();
  add(x: number): void {
    if (!this.parent.has(x)) {
      this.parent.set(x, x);
      this.size.set(x, 1);
    }
  }
  find(x: number): number {
    let p = this.parent.get(x)!;
    while (p !== x) {
      const grand = this.parent.get(p)!;
      this.parent.set(x, grand);
      x = p;
      p = grand;
    }
    return x;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size.get(ra)! < this.size.get(rb)!) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, this.size.get(ra)! + this.size.get(rb)!);
  }
}

/**
 * Groups an article's quotes: the same text (`sameText` pairs) and every scored pair of
 * JOIN_SIMILARITY or more (`links`, neighbours only) go together. Not only each quote's
 * best match, as against the corpus: 5,000 near-identical quotes then form one group, not
 * hundreds of pairs. Returns every quote in exactly one group, members ascending, groups
 * ordered by first member.
 */
export function groupQuotes(quoteIds: number[], sameText: [number, number][], links: QuoteLink[]): number[][] {
  const uf = new UnionFind();
  for (const id of quoteIds) uf.add(id);
  for (const [a, b] of sameText) uf.union(a, b);
  for (const l of links) if (l.score >= JOIN_SIMILARITY) uf.union(l.a, l.b);
  const groups = new Map<number, number[]>();
  for (const id of [...quoteIds].sort((x, y) => x - y)) {
    const root = uf.find(id);
    const members = groups.get(root);
    if (members) members.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.values()];
}

/** The quotes that probe the corpus: each group's first member, for the first MAX_PROBES groups. */
export function probesFor(groups: number[][]): number[] {
  return groups.slice(0, MAX_PROBES).map((g) => g[0]!);
}

/**
 * A group with a stored match (its probe's, JOIN_SIMILARITY or more) joins that statement's
 * cluster, or a new one shared with it; a group of two or more without one forms a new
 * cluster. A group has one match, so two existing clusters are never bridged.
 */
export function planClusters(
  groups: number[][],
  matches: Map<number, StoredMatch>,
  /** Placeholders already handed out (-1 to -n) by plans for earlier articles of the same store: this plan's new ones follow them. */
  placeholdersBefore = 0,
): ClusterPlan {
  const assignments = new Map<number, number>();
  const newClusterFor = new Map<number, number>();
  let newClusterCount = 0;
  const nextPlaceholder = () => -(placeholdersBefore + ++newClusterCount);
  for (const members of groups) {
    const match = matches.get(members[0]!);
    let target: number;
    if (match && match.score >= JOIN_SIMILARITY) {
      if (match.otherClusterId !== null) target = match.otherClusterId;
      else {
        // Two groups matching one unclustered statement share the cluster made for it.
        target = newClusterFor.get(match.otherId) ?? nextPlaceholder();
        newClusterFor.set(match.otherId, target);
        assignments.set(match.otherId, target);
      }
    } else if (members.length >= 2) target = nextPlaceholder();
    else continue;
    for (const m of members) assignments.set(m, target);
  }
  return { assignments, newClusterCount };
}
