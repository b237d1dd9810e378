import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseInput } from '../http/parse-input.ts';
import { typedText } from '../http/schema.ts';
import { isPlausiblePublished, publishedRange } from './published-range.ts';

/** Article text longer than this is refused (413): no news article comes near it. */
export const MAX_BODY_CHARS = 1_000_000;

/**
 * Column limits of articles, in code points (the check constraints of
 * migrations/20261126090000_initial_schema.ts; outlets.name is 200 as well).
 */
export const ARTICLE_LIMITS = { title: 1000, subtitle: 2000, outlet: 200, agency: 200, byline: 500, url: 2048 } as const;

const optionalText = (max: number) =>
  typedText(max)
    .nullish()
    .transform((s) => (s ? s : null));

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A day (2021-07-20, read as UTC midnight) or an ISO 8601 date-time; `check` says why a real date is refused, or null. */
const isoDate = (check: (date: Date, now: Date) => string | null) =>
  typedText(100)
    .nullish()
    .transform((s, ctx) => {
      if (!s) return null;
      const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s;
      const date = new Date(iso);
      if (!ISO_DATE_TIME.test(iso) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso.slice(0, 10)) {
        ctx.addIssue({ code: 'custom', message: 'must be a date like 2021-07-20 (or an ISO 8601 date-time)' });
        return z.NEVER;
      }
      // The clock is read here, at the boundary, each time a date is checked.
      const problem = check(date, new Date());
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return date;
    });

/** A publication date from 1800 to the end of next year (published-range.ts). */
const publishedDate = isoDate((date, now) => {
  if (isPlausiblePublished(date, now)) return null;
  const { firstDay, lastDay } = publishedRange(now);
  return `must be between ${firstDay} and ${lastDay}`;
});

/** The first web page went up in 1991; a day ahead of the clock allows for time zones. */
const FIRST_WEB_DAY = Date.UTC(1991, 0, 1);
/** When the page was fetched (a WARC record's WARC-Date): from 1991 to today. */
const accessedDate = isoDate((date, now) =>
  date.getTime() >= FIRST_WEB_DAY && date.getTime() <= now.getTime() + 86_400_000 ? null : 'must be between 1991-01-01 and today');

/** An http(s) URL, normalized by the URL parser; it and its canonical form fit the column. */
const httpUrl = typedText(ARTICLE_LIMITS.url)
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    const url = URL.canParse(s) ? new URL(s) : null;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
      return z.NEVER;
    }
    // Parsing percent-encodes (é becomes %C3%A9) and http becomes https: both can grow it.
    const normalized = url.toString();
    if (normalized.length > ARTICLE_LIMITS.url || canonicalizeUrl(normalized).length > ARTICLE_LIMITS.url) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${ARTICLE_LIMITS.url.toLocaleString('en')} characters once encoded` });
      return z.NEVER;
    }
    return normalized;
  });

/** What a user submits (form or API), before the body text is known to be clean. */
export const articleFieldsSchema = z.strictObject({
  title: optionalText(ARTICLE_LIMITS.title),
  subtitle: optionalText(ARTICLE_LIMITS.subtitle),
  outlet: optionalText(ARTICLE_LIMITS.outlet),
  agency: optionalText(ARTICLE_LIMITS.agency),
  byline: optionalText(ARTICLE_LIMITS.byline),
  url: httpUrl,
  published: publishedDate,
  accessed: accessedDate,
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

/** C0 controls other than tab and line ends, and DEL: never article text (Postgres cannot store NUL). */
const BODY_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/**
 * The stored body text: NFC, \n line ends, no BOM, no trailing blanks, lone surrogates
 * replaced by U+FFFD, and control characters stripped (a vertical tab or form feed becomes
 * a line end). Done once before storing, because every offset points into the stored
 * text: stripping here, before any offset exists, keeps every offset true. Pasted text
 * carries stray controls the user cannot see, so they are dropped rather than refused.
 */
export function normalizeBodyText(text: string): string {
  return text
    .toWellFormed()
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\v\f]/g, '\n')
    .replace(BODY_CONTROLS, '')
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
  const t = [...line.trim()];
  // Cut by code points: a cut inside a surrogate pair would leave a lone surrogate.
  return t.length > 200 ? `${t.slice(0, 199).join('')}…` : t.join('');
}

export function normalizeOutletName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
