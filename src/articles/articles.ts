import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseInput } from '../http/parse-input.ts';

/** Article text longer than this is refused (413): no news article comes near it. */
export const MAX_BODY_CHARS = 1_000_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((s) => s ?? null);

const publishedDate = z
  .string()
  .trim()
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s;
    const valid = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso);
    const date = new Date(iso);
    if (!valid || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso.slice(0, 10)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date like 2021-07-20 (or an ISO 8601 date-time)' });
      return z.NEVER;
    }
    return date;
  });

const httpUrl = z
  .string()
  .trim()
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    try {
      const url = new URL(s);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
    return z.NEVER;
  });

/** What a user submits (form or API), before the body text is known to be clean. */
export const articleFieldsSchema = z.object({
  title: optionalText(1000),
  subtitle: optionalText(2000),
  outlet: optionalText(200),
  agency: optionalText(200),
  byline: optionalText(500),
  url: httpUrl,
  published: publishedDate,
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, 'must be a language code like en')
    .nullish()
    .or(z.literal('').transform(() => null)),
});

export type ArticleFields = z.infer<typeof articleFieldsSchema>;

export interface ArticleSubmission extends Omit<ArticleFields, 'title' | 'language'> {
  title: string;
  language: string;
  bodyText: string;
  sourceFormat: 'text' | 'html' | 'json';
  canonicalUrl: string | null;
}

export function parseArticleFields(raw: unknown): ArticleFields {
  return parseInput(articleFieldsSchema, raw ?? {}, 422, 'body');
}

/**
 * The stored body text: NFC, \n line ends, no BOM, no trailing blanks. Done once before
 * storing, because every offset points into the stored text.
 */
export function normalizeBodyText(text: string): string {
  return text
    .toWellFormed()
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    // Not /\s+$/: a regex retries it from every blank, quadratic in a long run of blanks
    // (40,000 spaces before a last word took 1.1 s). trimEnd strips the same characters.
    .trimEnd();
}

export function contentSha256(bodyText: string): string {
  return createHash('sha256').update(bodyText, 'utf8').digest('hex');
}

const TRACKING_PARAM = /^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ocid$|cmpid$)/i;

/** One URL per article: https, lower-case host, no www, fragment or tracking parameters. */
export function canonicalizeUrl(url: string): string {
  const u = new URL(url);
  u.protocol = 'https:';
  u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
  u.hash = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAM.test(key)) u.searchParams.delete(key);
  u.searchParams.sort();
  // A loop, not /\/+$/: that regex is quadratic in a long run of slashes (40,000: 1.3 s).
  let end = u.pathname.length;
  while (end > 1 && u.pathname[end - 1] === '/') end--;
  u.pathname = u.pathname.slice(0, end);
  return u.toString();
}

/** First non-empty line of the text, for articles submitted without a title. */
export function titleFromText(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const t = line.trim();
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

export function normalizeOutletName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
