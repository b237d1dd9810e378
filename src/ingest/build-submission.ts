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
  if (bodyText.trim() === '') throw new InputError([{ field, message: 'no article text was found in the HTML' }]);
  if (bodyText.length > MAX_BODY_CHARS) tooLarge(field);

  const url = fields.url ?? (html?.canonicalUrl && /^https?:/i.test(html.canonicalUrl) ? html.canonicalUrl : null);
  return {
    ...fields,
    title: fields.title ?? html?.title ?? titleFromText(bodyText),
    outlet: fields.outlet ?? html?.outlet ?? null,
    byline: fields.byline ?? html?.byline ?? null,
    published: fields.published ?? parseLooseDate(html?.publishedAt),
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

function parseLooseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
