import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';

/** What Readability found, or the fallback root, plus the metadata Readability read. */
export interface ArticleRoot {
  root: Element;
  readability: ReturnType<Readability<string>['parse']>;
}

// Prose: a paragraph long enough to be a sentence or more of the story, not a link or label.
const MIN_PROSE_CHARS = 120;
const HAS_SENTENCE_END = /[.!?…]["'\u201d\u2019\u00bb)]?(?:\s|$)/u;
/** Readability's pick is a teaser when it holds less than this share of the page's prose. */
const MIN_PROSE_SHARE = 0.5;

/**
 * The element holding the article: Mozilla Readability's article, unless that is a teaser
 * (it holds less than half of the page's prose paragraphs, as when the body sits in an
 * `<aside>` or another container Readability discards); then the nearest element that holds
 * every prose paragraph of the page. With neither, the page's body. The root is a copy;
 * `doc` is not changed.
 */
export function findArticleRoot(doc: Document): ArticleRoot {
  const readability = new Readability(doc.cloneNode(true) as Document, { keepClasses: false }).parse();
  const picked = readability?.content ? new JSDOM(`<body>${readability.content}</body>`).window.document.body : null;
  const prose = proseParagraphs(doc);
  const proseChars = prose.reduce((n, p) => n + p.text.length, 0);
  const pickedText = squash(picked?.textContent);
  const keptChars = prose.filter((p) => pickedText.includes(p.text)).reduce((n, p) => n + p.text.length, 0);
  if (picked && keptChars >= MIN_PROSE_SHARE * proseChars) return { root: picked, readability };
  const holder = prose.length ? commonAncestor(prose.map((p) => p.el)) : null;
  const root = holder ?? picked ?? doc.body ?? doc.documentElement;
  return { root: root.cloneNode(true) as Element, readability };
}

function proseParagraphs(doc: Document): { el: Element; text: string }[] {
  return Array.from(doc.querySelectorAll('p'))
    .map((el) => ({ el, text: squash(el.textContent) }))
    .filter((p) => p.text.length >= MIN_PROSE_CHARS && HAS_SENTENCE_END.test(p.text));
}

/** The deepest element containing all of `els` (each one's own ancestors, walked upwards). */
function commonAncestor(els: Element[]): Element | null {
  let candidate: Element | null = els[0]!;
  while (candidate && !els.every((el) => candidate!.contains(el))) candidate = candidate.parentElement;
  return candidate;
}

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
