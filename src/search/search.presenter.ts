import { fallbackNote } from './fallback-note.ts';
import type { FacetName } from './search.facets.ts';
import { headlineToHtml } from './highlight.ts';
import type { SearchResult } from './run-search.ts';
import { type CopiesRow, groupsCopies } from './search.copies.ts';
import { hasFilters, type QueryValues, type SearchParams } from './search.ts';
import { type DiffPart, diffToHtml, wordDiff } from './word-diff.ts';
import Handlebars from 'handlebars';

export interface HitView {
  id: number;
  /** The statement highlighted in its article. */
  url: string;
  articleId: number;
  articleTitle: string;
  kind: string;
  quoteType: string;
  text: string;
  /** The text as safe HTML: matched words in <mark>, or the diff with the pasted quote. */
  html: string;
  speaker: { id: number; name: string; url: string } | null;
  role: string | null;
  outlet: string | null;
  agency: string | null;
  published: string | null;
  status: string;
  similarity: number | null;
  similarityPercent: number | null;
  /** How much of the pasted text the statement contains, and how alike the two are whole (0..1). */
  wordSimilarity: number | null;
  textSimilarity: number | null;
  /** The pasted text is a part of this longer statement: the page says so. */
  fragment: boolean;
  diff: DiffPart[] | null;
  /** Other copies of this statement (same quote cluster, same speaker) in the corpus; null when none. */
  copies: { count: number; outlets: string[]; clusterUrl: string; text: string } | null;
}

export interface FacetItem {
  label: string;
  count: number;
  url: string;
}

export interface SearchView {
  blank: boolean;
  mode: SearchParams['mode'];
  sort: SearchParams['sort'];
  query: QueryValues;
  hits: HitView[];
  total: { count: number; atLeast: boolean } | null;
  facets: Record<FacetName, FacetItem[]> | null;
  /** The non-empty facets in display order, for the page. */
  facetGroups: { name: FacetName; items: FacetItem[] }[];
  nextCursor: string | null;
  nextUrl: string | null;
  prevCursor: string | null;
  /** The page before (page 1 without a cursor); null on the first page. */
  prevUrl: string | null;
  /** Positions of the shown hits in the listing, 1-based ("21–40"); null when unknown or empty. */
  range: { from: number; to: number } | null;
  /** "21–40 of 312", saying when the total is capped; null without hits. */
  rangeText: string | null;
  /** Copies of one statement listed once (`copies=one`), with a link to list every copy. */
  groupedCopies: boolean;
  copiesUrl: string;
  notes: string[];
  rankCapped: boolean;
  /** What the near-verbatim search did when its prefilter gave nothing (fallback-note.ts), else null. */
  fallbackNote: string | null;
  fallbackTimedOut: boolean;
  tips: { text: string; url?: string }[];
}

/** /search with the given query values (and changes; null removes one), never a cursor unless given. */
export function searchUrl(values: QueryValues, changes: Record<string, string | null> = {}, base = '/search'): string {
  const merged: Record<string, string> = { ...values };
  delete merged.cursor;
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  // Empty parameters mean "not set": links leave them out.
  for (const [k, v] of Object.entries(merged)) if (v.trim() === '') delete merged[k];
  const qs = new URLSearchParams(merged).toString();
  return qs ? `${base}?${qs}` : base;
}

function facetChanges(facet: FacetName, key: string, label: string): Record<string, string> {
  if (facet === 'speaker') return { speaker: label };
  if (facet === 'outlet') return { outlet: label };
  if (facet === 'year') return { from: `${key}-01-01`, to: `${key}-12-31` };
  return { kind: key };
}

function tipsFor(p: SearchParams, values: QueryValues, blank: boolean): SearchView['tips'] {
  if (blank) {
    return [
      { text: 'Type words to find statements holding them all: attack finds attacked and attacks too.' },
      { text: 'Put words in "double quotes" for an exact phrase, write or between alternatives, and -word to leave a word out.' },
      { text: 'Remember a quote only roughly? Paste it and choose near-verbatim to find reworded versions.' },
      { text: 'Or leave the words empty and pick a speaker, outlet or dates to browse statements newest first.' },
    ];
  }
  const tips: SearchView['tips'] = [];
  if (hasFilters(p.filters)) tips.push({ text: 'Remove some filters.', url: searchUrl(Object.fromEntries(Object.entries(values).filter(([k]) => ['q', 'mode'].includes(k)))) });
  if (p.mode === 'text') {
    tips.push({ text: 'Use fewer words, or other words for the same thing; check the spelling of names.' });
    if (p.q) tips.push({ text: 'Search near-verbatim, for quotes with words changed, dropped or reordered.', url: searchUrl(values, { mode: 'similar', sort: null }) });
  } else {
    tips.push({ text: 'Paste a longer stretch of the quote: near-verbatim needs several of its words.' });
    tips.push({ text: 'Search the words instead (full text).', url: searchUrl(values, { mode: null }) });
  }
  return tips;
}

/** "also in 3 outlets" and the cluster's link, for a hit with other copies. */
function presentCopies(row: CopiesRow | undefined, ownOutlet: string | null): HitView['copies'] {
  if (!row) return null;
  const outlets = row.outlets.filter((o) => o !== ownOutlet);
  const text = outlets.length
    ? `also in ${outlets.length} ${outlets.length === 1 ? 'outlet' : 'outlets'}`
    : `${row.n} more ${row.n === 1 ? 'copy' : 'copies'} in the same outlet`;
  return { count: row.n, outlets, clusterUrl: `/clusters/${row.cluster_id}`, text };
}

/** "21–40 of 312" (en dash); a capped total says so: relevance ranks only the newest matches, facets count only so many. */
export function rangeText(range: { from: number; to: number }, total: SearchView['total'], rankCapped: boolean): string {
  const shown = `${range.from}–${range.to}`;
  if (!total) return shown;
  if (rankCapped) return `${shown} of the newest ${total.count} matches (ranked by relevance; more statements match)`;
  return total.atLeast ? `${shown} of ${total.count} or more` : `${shown} of ${total.count}`;
}

/** A statement that contains the quote this much better than it resembles it whole is a longer one. */
const FRAGMENT_MARGIN = 0.25;

export function presentSearch(result: SearchResult, p: SearchParams, values: QueryValues): SearchView {
  const hits: HitView[] = result.hits.map((h) => {
    const diff = p.mode === 'similar' ? wordDiff(p.q, h.text) : null;
    return {
      id: h.id,
      url: `/articles/${h.article_id}#s-${h.id}`,
      articleId: h.article_id,
      articleTitle: h.article_title,
      kind: h.kind,
      quoteType: h.quote_type,
      text: h.text,
      html: diff ? diffToHtml(diff) : h.headline !== null ? headlineToHtml(h.headline) : Handlebars.Utils.escapeExpression(h.text),
      speaker: h.speaker_id !== null && h.speaker_name !== null ? { id: h.speaker_id, name: h.speaker_name, url: `/speakers/${h.speaker_id}` } : null,
      role: h.role_text,
      outlet: h.outlet_name,
      agency: h.agency,
      published: h.published_at ? h.published_at.toISOString().slice(0, 10) : null,
      status: h.status,
      similarity: h.score ?? null,
      similarityPercent: h.score === undefined ? null : Math.round(h.score * 100),
      wordSimilarity: h.word_similarity ?? null,
      textSimilarity: h.text_similarity ?? null,
      fragment: h.word_similarity !== undefined && h.text_similarity !== undefined && h.word_similarity - h.text_similarity >= FRAGMENT_MARGIN,
      diff,
      copies: presentCopies(result.copies.get(h.id), h.outlet_name),
    };
  });
  let facets: SearchView['facets'] = null;
  let total: SearchView['total'] = null;
  if (result.facets) {
    facets = { speaker: [], outlet: [], year: [], kind: [] };
    for (const f of result.facets) {
      if (f.facet === 'total') total = { count: f.n, atLeast: f.n >= result.facetSample };
      else facets[f.facet].push({ label: f.label ?? '', count: f.n, url: searchUrl(values, facetChanges(f.facet, f.key ?? '', f.label ?? '')) });
    }
  }
  const range = result.start !== null && hits.length ? { from: result.start + 1, to: result.start + hits.length } : null;
  return {
    blank: result.blank,
    mode: p.mode,
    sort: result.sort,
    query: values,
    hits,
    total,
    facets,
    facetGroups: facets ? (['speaker', 'outlet', 'year', 'kind'] as const).map((name) => ({ name, items: facets![name] })).filter((g) => g.items.length) : [],
    nextCursor: result.nextCursor,
    nextUrl: result.nextCursor ? searchUrl(values, { cursor: result.nextCursor }) : null,
    prevCursor: result.prevCursor,
    prevUrl: result.hasPrev ? searchUrl(values, result.prevCursor ? { cursor: result.prevCursor } : {}) : null,
    range,
    rangeText: range ? rangeText(range, total, result.rankCapped) : null,
    groupedCopies: groupsCopies(p),
    copiesUrl: searchUrl(values, { copies: p.copies === 'one' ? 'all' : null }),
    notes: result.notes,
    rankCapped: result.rankCapped,
    fallbackNote: fallbackNote(result.fallback),
    fallbackTimedOut: result.fallback?.timedOut ?? false,
    tips: result.blank || hits.length === 0 ? tipsFor(p, values, result.blank) : [],
  };
}
