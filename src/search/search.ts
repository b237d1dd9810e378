import { z } from 'zod';
import { InputError } from '../http/errors.ts';
import { fieldIssues } from '../http/parse-input.ts';
import { idParam, isoDay, pageLimit, typedText } from '../http/schema.ts';
import { VERDICTS } from '../annotations/annotations.ts';

// The search parameters, shared by GET /search and GET /api/search. Every value arrives as
// a query-string parameter; an empty value means "not set" (the HTML form sends them all).

export const MAX_QUERY_CHARS = 1000;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export const SORTS = ['relevance', 'newest', 'oldest'] as const;
export const MODES = ['text', 'similar'] as const;
export const STATUSES = ['machine', 'verified', 'corrected', 'rejected'] as const;
export const QUOTE_TYPES = ['direct', 'partial', 'mixed', 'indirect'] as const;
/** `one`: a syndicated statement (one quote cluster, one speaker) is listed once; `all`: every copy. */
export const COPIES = ['one', 'all'] as const;

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });

export const searchParamsSchema = z.strictObject({
  q: typedText(MAX_QUERY_CHARS).optional(),
  mode: enumOf(MODES).optional(),
  speaker: typedText(300).optional(),
  speaker_id: idParam('must be a speaker id').optional(),
  article: idParam('must be an article id').optional(),
  cluster: idParam('must be a quote cluster id').optional(),
  speaker_kind: enumOf(['person', 'organization'] as const).optional(),
  role: typedText(500).optional(),
  organization: typedText(300).optional(),
  outlet: typedText(200).optional(),
  agency: typedText(200).optional(),
  from: isoDay().optional(),
  to: isoDay().optional(),
  kind: enumOf(['quote', 'claim'] as const).optional(),
  quote_type: enumOf(QUOTE_TYPES).optional(),
  status: enumOf(STATUSES).optional(),
  tag: typedText(100).optional(),
  verdict: enumOf(VERDICTS).optional(),
  sort: enumOf(SORTS).optional(),
  cursor: z.string().max(500, 'is not a cursor from this search').optional(),
  limit: pageLimit(MAX_LIMIT).optional(),
  facets: enumOf(['true', 'false'] as const).optional(),
  copies: enumOf(COPIES).optional(),
});

export type RawSearchParams = z.infer<typeof searchParamsSchema>;

export interface SearchFilters {
  speaker?: string;
  /** One speaker by id (a speaker page's statements), where `speaker` is any speaker with that name. */
  speakerId?: number;
  /** The statements of one article, or of one quote cluster. */
  article?: number;
  cluster?: number;
  speakerKind?: 'person' | 'organization';
  role?: string;
  organization?: string;
  outlet?: string;
  agency?: string;
  from?: string;
  to?: string;
  kind?: 'quote' | 'claim';
  quoteType?: (typeof QUOTE_TYPES)[number];
  status?: (typeof STATUSES)[number];
  tag?: string;
  /** An attribution verdict of a shared annotation on the statement. */
  verdict?: (typeof VERDICTS)[number];
  /** speaker and outlet resolved to ids, agency to the agency texts stored on articles (search.resolve.ts), when they have been. */
  speakerIds?: number[];
  outletIds?: number[];
  agencyNames?: string[];
}

export interface SearchParams {
  q: string;
  mode: (typeof MODES)[number];
  filters: SearchFilters;
  /** Ignored in similar mode (ordered by similarity). */
  sort: (typeof SORTS)[number];
  cursor: string | undefined;
  limit: number;
  facets: boolean;
  /** Whether copies of one statement (search.copies.ts) are listed once or each. */
  copies: (typeof COPIES)[number];
}

/** The raw query-string values, as they go back into the form and into links. */
export type QueryValues = Record<string, string>;

/** Parses req.query; throws a 400 InputError naming every bad parameter. */
export function parseSearchParams(query: Record<string, unknown>): { params: SearchParams; values: QueryValues } {
  const issues: { field: string; message: string }[] = [];
  // No prototype: a parameter named __proto__ is a key like any other (and unknown).
  const values: QueryValues = Object.create(null);
  for (const [key, value] of Object.entries(query)) {
    // Checked before empty values are dropped: `?publised=` or `?foo` must not vanish either.
    if (!Object.hasOwn(searchParamsSchema.shape, key)) {
      issues.push({ field: key, message: 'is not a known parameter' });
    } else if (Array.isArray(value) || (value !== undefined && typeof value !== 'string')) {
      issues.push({ field: key, message: 'must be given once' });
    } else if (value !== undefined && value.trim() !== '') {
      values[key] = value;
    }
  }
  const parsed = searchParamsSchema.safeParse(issues.length ? {} : values);
  if (!parsed.success) issues.push(...fieldIssues(parsed.error, 'query'));
  const p = parsed.data;
  if (p?.from && p.to && p.from > p.to) issues.push({ field: 'to', message: 'must not be before from' });
  if (issues.length || !p) throw new InputError(issues, 400);
  const q = p.q ?? '';
  return {
    values,
    params: {
      q,
      mode: p.mode ?? 'text',
      filters: {
        speaker: p.speaker,
        speakerId: p.speaker_id,
        article: p.article,
        cluster: p.cluster,
        speakerKind: p.speaker_kind,
        role: p.role,
        organization: p.organization,
        outlet: p.outlet,
        agency: p.agency,
        from: p.from,
        to: p.to,
        kind: p.kind,
        quoteType: p.quote_type,
        status: p.status,
        tag: p.tag,
        verdict: p.verdict,
      },
      sort: sortInForce(q, p.sort),
      cursor: p.cursor,
      limit: p.limit ?? DEFAULT_LIMIT,
      facets: p.facets !== 'false',
      copies: p.copies ?? 'one',
    },
  };
}

/**
 * The sort a search uses: relevance needs words to rank by, so without words (none typed, or
 * only stop words) results are listed newest first, or oldest first when asked.
 */
export function sortInForce(q: string, requested: SearchParams['sort'] | undefined): SearchParams['sort'] {
  return q ? requested ?? 'relevance' : requested === 'oldest' ? 'oldest' : 'newest';
}

export function hasFilters(f: SearchFilters): boolean {
  return Object.entries(f).some(([k, v]) => v !== undefined && k !== 'speakerIds' && k !== 'outletIds' && k !== 'agencyNames');
}
