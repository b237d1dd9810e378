// The CPU-heavy part of adding an article, as one pure step: the body as given in, the text
// to store and everything extracted from it out. The app runs it in a worker thread
// (read-article.worker.ts through reader-pool.ts) so no page can stall the server.
import { MAX_BODY_CHARS, normalizeBodyText } from '../articles/articles.ts';
import type { ExtractionResult } from '../extraction/index.ts';
import type { FieldIssue } from '../http/errors.ts';
import { articleLanguage } from './article-language.ts';
import { extractArticle } from './extract-article.ts';
import { HtmlTooDeepError } from './html-depth.ts';
import { type CleanedHtml, htmlToText } from './html-to-text.ts';

export const TOO_LONG = `the article text is longer than ${MAX_BODY_CHARS.toLocaleString('en')} characters`;

/** One article's body, as buildSubmission hands it to a reader. */
export interface ReadTask {
  /** Pasted or uploaded text, or an HTML page. */
  text: string;
  format: 'text' | 'html' | 'json';
  /** The input the body came from ('text', 'html', 'file', a file name), named in any issue. */
  field: string;
  /** The article's URL if given: resolves the page's relative links. */
  pageUrl: string | null;
  /** The language code the submitter gave, if any (see articleLanguage). */
  language?: string | null;
}

/** Data only (it crosses a thread boundary, where Error classes would be lost). */
export type ReadOutcome =
  | { ok: true; bodyText: string; html: CleanedHtml | null; language: string; extraction: ExtractionResult }
  | { ok: false; status: 413 | 422; issue: FieldIssue };

/** Reads a body somewhere (a worker of the reader pool; in tests, this thread). */
export type ArticleReader = (task: ReadTask) => Promise<ReadOutcome>;

/**
 * HTML → clean text (htmlToText), normalized (NFC, \n), checked (not empty, at most
 * MAX_BODY_CHARS code units), then extracted in its language (articleLanguage: given, stated
 * by the page, or detected). Bad input comes back as an issue naming
 * task.field with 413 (too long) or 422; other errors (bugs) are thrown.
 */
export function readArticleBody(task: ReadTask, limits: { maxHtmlDepth: number }): ReadOutcome {
  let html: CleanedHtml | null = null;
  if (task.format === 'html') {
    try {
      html = htmlToText(task.text, { pageUrl: task.pageUrl ?? undefined, maxDepth: limits.maxHtmlDepth });
    } catch (err) {
      if (err instanceof HtmlTooDeepError) return refuse(task, 422, err.message);
      throw err;
    }
  }
  const bodyText = normalizeBodyText(html ? html.text : task.text);
  if (bodyText.trim() === '') return refuse(task, 422, html ? 'no article text was found in the HTML' : 'the article text is empty');
  if (bodyText.length > MAX_BODY_CHARS) return refuse(task, 413, TOO_LONG);
  const language = articleLanguage(task.language, html?.language, bodyText);
  return { ok: true, bodyText, html, language, extraction: extractArticle(bodyText, language) };
}

function refuse(task: ReadTask, status: 413 | 422, message: string): ReadOutcome {
  return { ok: false, status, issue: { field: task.field, message } };
}
