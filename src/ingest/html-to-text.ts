import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { measureHtmlDepth } from './html-depth.ts';

export interface CleanedHtml {
  text: string;
  title: string | null;
  byline: string | null;
  outlet: string | null;
  publishedAt: string | null;
  canonicalUrl: string | null;
}

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TR', 'UL',
]);
// Page chrome that Readability may keep inside the article body.
const DROPPED_TAGS = 'script, style, noscript, template, iframe, svg, button, figcaption, nav, form, aside';
// Chrome recognisable by its class or id: promos, share bars, newsletter boxes, adverts.
const CHROME_SELECTOR = ['promo', 'share', 'social', 'newsletter', 'advert', 'related', 'subscribe', 'cookie']
  .map((word) => `[class*="${word}" i], [id*="${word}" i]`)
  .join(', ');
const MAX_CHROME_CHARS = 400;

/**
 * Walks the DOM and emits text with one blank line between block elements. Iterative (an
 * explicit stack, `null` marking a block's end), so no nesting depth can exhaust the stack.
 */
export function blockText(root: Element): string {
  const parts: string[] = [];
  const stack: (Node | null)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === null) {
      parts.push('\n\n');
    } else if (node.nodeType === 3) {
      parts.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
    } else if (node.nodeType === 1) {
      const el = node as Element;
      if (el.tagName === 'BR') {
        parts.push('\n');
        continue;
      }
      if (BLOCK_TAGS.has(el.tagName)) {
        parts.push('\n\n');
        stack.push(null);
      }
      for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push(el.childNodes[i]!);
    }
  }
  return parts
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
  // Short blocks only: a wrapper whose class happens to say "social" may hold the article.
  for (const el of Array.from(doc.body?.querySelectorAll(CHROME_SELECTOR) ?? [])) {
    if ((el.textContent ?? '').length < MAX_CHROME_CHARS) el.remove();
  }
  const article = new Readability(doc.cloneNode(true) as Document, { keepClasses: false }).parse();

  let root: Element;
  if (article?.content) {
    root = new JSDOM(`<body>${article.content}</body>`).window.document.body;
  } else {
    root = doc.body ?? doc.documentElement;
  }
  for (const el of Array.from(root.querySelectorAll(DROPPED_TAGS))) el.remove();
  dom.window.close();
  return {
    text: blockText(root),
    title: article?.title?.trim() || doc.title?.trim() || null,
    byline: article?.byline?.trim() || meta(doc, 'author'),
    outlet: article?.siteName?.trim() || outlet,
    publishedAt: article?.publishedTime ?? publishedAt,
    canonicalUrl: canonicalHref,
  };
}
