import { ARTICLE_LIMITS, canonicalizeUrl } from '../articles/articles.ts';
import { isPlausiblePublished } from '../articles/published-range.ts';
import type { CleanedHtml } from './html-to-text.ts';

// Metadata read from an HTML page (title, og:site_name, author, published time, canonical
// link) was not typed by the user, so a bad value is cleaned or dropped rather than
// refused: the article text is what they asked to store.

export type PageMetadata = Pick<CleanedHtml, 'title' | 'outlet' | 'byline'> & { published: Date | null; canonicalUrl: string | null };

/** Control characters (NUL included) and every run of whitespace become one space. */
const CONTROLS_AND_SPACE = /[\u0000-\u001f\u007f\s]+/gu;
/** How far back from the limit a cut looks for a space, in code points. */
const WORD_CUT_WINDOW = 40;

/**
 * One line of clean text of at most `max` code points: lone surrogates become U+FFFD,
 * controls and whitespace runs one space; a longer value is cut at a word boundary (within
 * the last 40 code points, else mid-word) and ends with "…". Empty: null.
 */
export function cleanMetadataText(value: string | null | undefined, max: number): string | null {
  const text = (value ?? '').toWellFormed().replace(CONTROLS_AND_SPACE, ' ').trim();
  if (text === '') return null;
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  const cut = space >= max - 1 - WORD_CUT_WINDOW && space > 0 ? head.slice(0, space) : head;
  return `${cut.join('').trimEnd()}…`;
}

// A byline read from a page may be the "By" line as printed, a timestamp a site marked up as
// its author line, or the publisher standing in as author (JSON-LD `author` an Organization).
const BY_PREFIX = /^by\s+/iu;
const CLOCK_TIME = /\b\d{1,2}:\d{2}\b/u;
const YEAR = /\b(?:1[89]|2\d)\d{2}\b/u;

/**
 * The page's byline as a name line: cleaned (cleanMetadataText, at most `max` code points),
 * without a leading "By"; null when it is a date or time (it has a year and a clock time, or
 * has a digit and parses as a date: V8's parser takes bare words like "Mars 2"), or when it
 * is just the outlet's name (compared case-insensitively).
 */
export function cleanByline(value: string | null | undefined, outlet: string | null, max: number): string | null {
  const text = cleanMetadataText(value, max)?.replace(BY_PREFIX, '').trim();
  if (!text) return null;
  if ((YEAR.test(text) && CLOCK_TIME.test(text)) || (/\d/u.test(text) && !Number.isNaN(Date.parse(text)))) return null;
  if (outlet && text.toLowerCase() === outlet.toLowerCase()) return null;
  return text;
}

/** The page's publication time, if it parses and is plausible (1800 to the end of next year). */
export function cleanPublished(value: string | null | undefined, now: Date): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || !isPlausiblePublished(date, now) ? null : date;
}

/** The page's canonical link, if it is an http(s) URL that fits the column once canonical. */
export function cleanCanonicalUrl(value: string | null | undefined): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const href = url.toString();
  return href.length <= ARTICLE_LIMITS.url && canonicalizeUrl(href).length <= ARTICLE_LIMITS.url ? href : null;
}

/** Everything build-submission takes from the page, cleaned to fit the articles table. */
export function cleanPageMetadata(page: CleanedHtml, now: Date): PageMetadata {
  const outlet = cleanMetadataText(page.outlet, ARTICLE_LIMITS.outlet);
  return {
    title: cleanMetadataText(page.title, ARTICLE_LIMITS.title),
    outlet,
    byline: cleanByline(page.byline, outlet, ARTICLE_LIMITS.byline),
    published: cleanPublished(page.publishedAt, now),
    canonicalUrl: cleanCanonicalUrl(page.canonicalUrl),
  };
}
