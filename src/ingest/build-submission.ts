import {
  type ArticleFields,
  type ArticleSubmission,
  canonicalizeUrl,
  MAX_BODY_CHARS,
  parseArticleFields,
  titleFromText,
} from '../articles/articles.ts';
import type { ExtractionResult } from '../extraction/index.ts';
import { InputError } from '../http/errors.ts';
import { cleanPageMetadata } from './clean-metadata.ts';
import { type ArticleReader, TOO_LONG } from './read-article-body.ts';

export interface RawArticle {
  fields: unknown;
  /** The body as given: pasted/JSON text, or a decoded upload. */
  body: { text: string; format: 'text' | 'html' | 'json'; field: string } | null;
}

/** An article ready to store: its fields and body text, and what the extractor found in it. */
export interface BuiltArticle {
  submission: ArticleSubmission;
  extraction: ExtractionResult;
}

/**
 * Validates metadata and body together, so the user hears about every problem at once
 * (cheap, on this thread), then has `read` clean the HTML and extract (the reader pool's
 * worker threads in the app). Throws InputError naming each bad field (413 for a body over
 * MAX_BODY_CHARS), and whatever `read` throws (the pool: 422 over budget, 503 when full).
 */
export async function buildSubmission(raw: RawArticle, read: ArticleReader): Promise<BuiltArticle> {
  let fields: ArticleFields | null = null;
  const issues: InputError['issues'] = [];
  try {
    fields = parseArticleFields(raw.fields);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    issues.push(...err.issues);
  }
  const field = raw.body?.field ?? 'text';
  if (!raw.body || raw.body.text.trim() === '') issues.push({ field, message: 'the article text is empty' });
  if (issues.length || !fields || !raw.body) throw new InputError(issues);
  if (raw.body.text.length > MAX_BODY_CHARS * 4) tooLarge(field);

  const outcome = await read({ text: raw.body.text, format: raw.body.format, field, pageUrl: fields.url ?? null, language: fields.language });
  if (!outcome.ok) throw new InputError([outcome.issue], outcome.status);
  const { html, bodyText, language } = outcome;

  // The page's metadata fills what the user left out, cleaned to fit (they did not type it).
  const page = html ? cleanPageMetadata(html, new Date()) : null;
  const url = fields.url ?? page?.canonicalUrl ?? null;
  const submission: ArticleSubmission = {
    ...fields,
    title: fields.title ?? page?.title ?? titleFromText(bodyText),
    outlet: fields.outlet ?? page?.outlet ?? null,
    byline: fields.byline ?? page?.byline ?? null,
    published: fields.published ?? page?.published ?? null,
    language,
    url,
    canonicalUrl: url ? canonicalizeUrl(url) : null,
    bodyText,
    sourceFormat: raw.body.format,
  };
  return { submission, extraction: outcome.extraction };
}

function tooLarge(field: string): never {
  throw new InputError([{ field, message: TOO_LONG }], 413);
}
