import {
  type ArticleFields,
  type ArticleSubmission,
  canonicalizeUrl,
  MAX_BODY_CHARS,
  normalizeBodyText,
  parseArticleFields,
  titleFromText,
} from '../articles/articles.ts';
import { InputError } from '../http/errors.ts';
import { cleanPageMetadata } from './clean-metadata.ts';
import { htmlToText } from './html-to-text.ts';

export interface RawArticle {
  fields: unknown;
  /** The body as given: pasted/JSON text, or a decoded upload. */
  body: { text: string; format: 'text' | 'html' | 'json'; field: string } | null;
}

/**
 * Validates metadata and body together, so the user hears about every problem at once,
 * and turns HTML into clean text. Throws InputError naming each bad field.
 */
export function buildSubmission(raw: RawArticle): ArticleSubmission {
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

  const html = raw.body.format === 'html' ? htmlToText(raw.body.text, fields.url ?? undefined) : null;
  const bodyText = normalizeBodyText(html ? html.text : raw.body.text);
  if (bodyText.trim() === '') {
    throw new InputError([{ field, message: html ? 'no article text was found in the HTML' : 'the article text is empty' }]);
  }
  if (bodyText.length > MAX_BODY_CHARS) tooLarge(field);

  // The page's metadata fills what the user left out, cleaned to fit (they did not type it).
  const page = html ? cleanPageMetadata(html, new Date()) : null;
  const url = fields.url ?? page?.canonicalUrl ?? null;
  return {
    ...fields,
    title: fields.title ?? page?.title ?? titleFromText(bodyText),
    outlet: fields.outlet ?? page?.outlet ?? null,
    byline: fields.byline ?? page?.byline ?? null,
    published: fields.published ?? page?.published ?? null,
    language: fields.language ?? 'en',
    url,
    canonicalUrl: url ? canonicalizeUrl(url) : null,
    bodyText,
    sourceFormat: raw.body.format,
  };
}

function tooLarge(field: string): never {
  throw new InputError([{ field, message: `the article text is longer than ${MAX_BODY_CHARS.toLocaleString('en')} characters` }], 413);
}
