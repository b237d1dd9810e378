import { z } from 'zod';
import { MAX_INT4, typedText } from '../http/schema.ts';

// Annotations (issue #10): the input schemas shared by the pages and the JSON API, and the
// types the queries, presenters and JSON-LD share. Every length counts code points.

export const VERDICTS = ['accurate', 'misattributed', 'misquoted', 'out_of_context', 'unverifiable'] as const;
export const CLAIM_RATINGS = ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'unverifiable'] as const;
export const VISIBILITIES = ['private', 'shared'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type ClaimRating = (typeof CLAIM_RATINGS)[number];
export type Visibility = (typeof VISIBILITIES)[number];

export const MAX_NOTE = 20_000;
export const MAX_TAG = 50;
export const MAX_TAGS = 20;
export const MAX_EXPLANATION = 5_000;
export const MAX_EVIDENCE_URLS = 20;
export const MAX_URL = 2_000;
/** W3C TextQuoteSelector context kept around a passage, in code points. */
export const CONTEXT_CHARS = 32;
/** The longest passage one annotation may cover. */
export const MAX_EXACT = 10_000;

const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of: ${values.join(', ')}` });

/**
 * A tag as stored: trimmed, inner whitespace collapsed, lowercased (so `Crime` and `crime`
 * are one tag), at most 50 code points, no control characters and no comma (the form
 * separates tags with commas).
 */
export const tagSchema = typedText(MAX_TAG)
  .transform((t) => t.replace(/\s+/g, ' ').toLowerCase())
  .refine((t) => t.length > 0, 'must not be empty')
  .refine((t) => !t.includes(','), 'must not contain a comma');

/** Tags: at most 20, duplicates dropped (after normalizing), in the order given. */
export const tagsSchema = z
  .array(tagSchema, { error: 'must be a list of tags' })
  .max(MAX_TAGS, `must be at most ${MAX_TAGS} tags`)
  .transform((tags) => [...new Set(tags)]);

/** An evidence link: an absolute http or https URL (javascript:, data:, ftp: ... are refused). */
export const evidenceUrlSchema = typedText(MAX_URL).refine((s) => {
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

export const evidenceUrlsSchema = z
  .array(evidenceUrlSchema, { error: 'must be a list of URLs' })
  .max(MAX_EVIDENCE_URLS, `must be at most ${MAX_EVIDENCE_URLS} URLs`)
  .transform((urls) => [...new Set(urls)]);

const offset = z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be at least 0').max(MAX_INT4, 'is too large');

/**
 * A passage of an article: W3C TextQuoteSelector (exact, prefix, suffix) and
 * TextPositionSelector (start, end) in code points of the article's body text. Prefix and
 * suffix may be omitted: the server then takes the 32 code points around the span.
 */
export const selectorSchema = z
  .strictObject({
    exact: z.string().min(1, 'must not be empty').check((ctx) => {
      if ([...ctx.value].length > MAX_EXACT) ctx.issues.push({ code: 'custom', message: `must be at most ${MAX_EXACT.toLocaleString('en')} characters`, input: ctx.value });
    }),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
    start: offset,
    end: offset,
  }, { error: 'must be an object {exact, prefix, suffix, start, end}' })
  .refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] });
export type SelectorInput = z.output<typeof selectorSchema>;

/** The fields a user may change on an annotation (create and edit). */
const contentFields = {
  note: typedText(MAX_NOTE).optional(),
  tags: tagsSchema.optional(),
  verdict: enumOf(VERDICTS).nullable().optional(),
  claimRating: enumOf(CLAIM_RATINGS).nullable().optional(),
  ratingExplanation: typedText(MAX_EXPLANATION).optional(),
  evidenceUrls: evidenceUrlsSchema.optional(),
  visibility: enumOf(VISIBILITIES).optional(),
};

const id = z.number({ error: 'must be an id' }).int('must be an id').min(1, 'must be an id').max(MAX_INT4, 'must be an id');
const version = z.number({ error: 'must be the version number you edited' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_INT4, 'is too large');

/** POST /api/annotations: on a statement (statementId) or on an article passage (articleId + selector). */
export const createAnnotationSchema = z
  .strictObject({ statementId: id.optional(), articleId: id.optional(), selector: selectorSchema.optional(), ...contentFields })
  .superRefine((v, ctx) => {
    if ((v.statementId === undefined) === (v.articleId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['statementId'], message: 'give either statementId or articleId (with a selector)' });
    }
    if (v.articleId !== undefined && !v.selector) ctx.addIssue({ code: 'custom', path: ['selector'], message: 'is required with articleId' });
    if (v.statementId !== undefined && v.selector) ctx.addIssue({ code: 'custom', path: ['selector'], message: 'is only for article passages (a statement has its own span)' });
  });
export type CreateAnnotationInput = z.output<typeof createAnnotationSchema>;

/** PATCH /api/annotations/:id: the version edited, and the fields to change (others stay). */
export const editAnnotationSchema = z.strictObject({ version, ...contentFields });
export type EditAnnotationInput = z.output<typeof editAnnotationSchema>;

/** DELETE /api/annotations/:id. */
export const deleteAnnotationSchema = z.strictObject({ version });

/** POST /api/annotations/:id/hide (editors). */
export const hideAnnotationSchema = z.strictObject({ hidden: z.boolean({ error: 'must be true or false' }) });

/** The content of an annotation, complete (what a version holds). */
export interface AnnotationContent {
  note: string;
  tags: string[];
  verdict: Verdict | null;
  claimRating: ClaimRating | null;
  ratingExplanation: string;
  evidenceUrls: string[];
  visibility: Visibility;
}

/** A stored passage selector (both W3C selectors), code points into the article body. */
export interface StoredSelector {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}
