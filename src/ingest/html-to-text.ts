import { JSDOM, VirtualConsole } from 'jsdom';
import { blockText } from './block-text.ts';
import { captionTexts, dropBlocksWithText, dropChrome, DROPPED_TAGS, dropLinkBlocks, dropLooseCaptions } from './drop-page-chrome.ts';
import { findArticleRoot } from './find-article-root.ts';
import { measureHtmlDepth } from './html-depth.ts';
import { writeBlockquoteAttributions, writeInlineQuoteMarks } from './html-semantics.ts';

export { blockText } from './block-text.ts';

export interface CleanedHtml {
  text: string;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  publishedAt: string | null;
  canonicalUrl: string | null;
  /** The page's stated language (Readability's reading of `<html lang>`), as printed ("fr-FR"). */
  language: string | null;
}

function meta(doc: Document, ...names: string[]): string | null {
  for (const name of names) {
    const el = doc.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return null;
}

/**
 * Reduces an HTML page to the article's clean body text with paragraphs preserved, using
 * Mozilla Readability to find the article and drop navigation, promos and share bars.
 * Markup meaning is kept as text first (`<q>` marks, a blockquote's attribution: see
 * html-semantics.ts); captions, credits and link lists are dropped (drop-page-chrome.ts);
 * a `<br>` is a line break inside its paragraph (block-text.ts). When Readability returns
 * only a teaser, the body is found from the page's prose (find-article-root.ts).
 * Throws HtmlTooDeepError for a page nesting elements deeper than `maxDepth` (see
 * measureHtmlDepth; Readability's time grows with the cube of the depth). CPU-heavy: the
 * app runs it in the reader pool's worker threads (reader-pool.ts), never on the main thread.
 */
export function htmlToText(html: string, options: { pageUrl?: string; maxDepth: number }): CleanedHtml {
  measureHtmlDepth(html, options.maxDepth);
  // Scripts never run and resources never load: JSDOM's defaults, kept explicit.
  const dom = new JSDOM(html, { url: options.pageUrl, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const canonicalHref = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const publishedAt = meta(doc, 'article:published_time', 'datePublished', 'date', 'pubdate');
  const outlet = meta(doc, 'og:site_name');
  writeInlineQuoteMarks(doc);
  writeBlockquoteAttributions(doc);
  if (doc.body) dropChrome(doc.body);
  const captions = captionTexts(doc);
  const { root, readability: article } = findArticleRoot(doc);
  dropLooseCaptions(root);
  dropBlocksWithText(root, captions);
  for (const el of Array.from(root.querySelectorAll(DROPPED_TAGS))) el.remove();
  dropLinkBlocks(root);
  const language = article?.lang?.trim() || doc.documentElement?.getAttribute('lang')?.trim() || null;
  dom.window.close();
  return {
    text: blockText(root),
    title: article?.title?.trim() || doc.title?.trim() || null,
    byline: article?.byline?.trim() || meta(doc, 'author'),
    outlet: article?.siteName?.trim() || outlet,
    publishedAt: article?.publishedTime ?? publishedAt,
    canonicalUrl: canonicalHref,
    language,
  };
}
