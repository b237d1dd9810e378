import type { Cursor } from './search.cursor.ts';
import type { FacetRow } from './search.facets.ts';
import type { CandidateRow } from './search.queries.ts';

// Relevance pages and facet counts, cut from the capped candidate list in memory (at most
// RELEVANCE_CANDIDATES rows): sorting 500 numbers here is cheaper than scanning the
// matches twice in Postgres, once for the page and once for the facets.

/** Best first; ties by newest id, so the order is total and pages are stable. */
export function byRank(rows: CandidateRow[]): CandidateRow[] {
  return [...rows].sort((a, b) => b.rank - a.rank || b.id - a.id);
}

/** The rows after the cursor's position (rank and id of the last row shown). */
export function afterCursor<T extends { id: number }>(sorted: T[], cursor: Cursor | undefined, score: (row: T) => number): T[] {
  if (!cursor || (cursor.s !== 'relevance' && cursor.s !== 'similar')) return sorted;
  const r = Number(cursor.r);
  return sorted.filter((row) => score(row) < r || (score(row) === r && row.id < cursor.id));
}

const TOP = 10;

function top(counts: Map<number, number>, names: Map<number, string>, facet: 'speaker' | 'outlet'): FacetRow[] {
  return [...counts]
    .filter(([id]) => names.has(id))
    .map(([id, n]) => ({ facet, key: String(id), label: names.get(id)!, n }))
    .sort((a, b) => b.n - a.n || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, TOP);
}

function tally<T>(values: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** The ids whose names the facets need: the most frequent speakers and outlets. */
export function facetIds(rows: CandidateRow[]): { speakers: number[]; outlets: number[] } {
  const most = (m: Map<number | null, number>) => [...m].filter(([id]) => id !== null).sort((a, b) => b[1] - a[1]).slice(0, TOP * 3).map(([id]) => id!);
  return { speakers: most(tally(rows.map((r) => r.speaker_id))), outlets: most(tally(rows.map((r) => r.outlet_id))) };
}

/** Facet counts in the shape search.facets.ts gives them. */
export function countFacets(rows: CandidateRow[], speakerNames: Map<number, string>, outletNames: Map<number, string>): FacetRow[] {
  const years = [...tally(rows.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => b[0] - a[0]).slice(0, TOP);
  const kinds = [...tally(rows.map((r) => r.kind))].sort((a, b) => b[1] - a[1]);
  return [
    { facet: 'total', key: null, label: null, n: rows.length },
    ...top(tally(rows.map((r) => r.speaker_id).filter((x): x is number => x !== null)), speakerNames, 'speaker'),
    ...top(tally(rows.map((r) => r.outlet_id).filter((x): x is number => x !== null)), outletNames, 'outlet'),
    ...years.map(([y, n]) => ({ facet: 'year' as const, key: String(y), label: String(y), n })),
    ...kinds.map(([k, n]) => ({ facet: 'kind' as const, key: k, label: k, n })),
  ];
}
