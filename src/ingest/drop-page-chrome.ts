// Page chrome that is not article text, removed from the page before and after Readability:
// promos, share bars, captions and image credits wherever they sit, lists of links.

// Chrome recognisable by its class or id: promos, share bars, newsletter boxes, adverts.
const CHROME_WORDS = ['promo', 'share', 'social', 'newsletter', 'advert', 'related', 'subscribe', 'cookie'];
// Captions and credits of images and videos outside <figcaption>. Removed from Readability's
// pick only: taken out of the page before, they change which container Readability picks.
const CAPTION_WORDS = ['caption', 'credit'];
const classSelector = (words: string[]) => words.map((word) => `[class*="${word}" i], [id*="${word}" i]`).join(', ');
const CHROME_SELECTOR = classSelector(CHROME_WORDS);
const CAPTION_SELECTOR = classSelector(CAPTION_WORDS);
/** Longer blocks are kept: a wrapper whose class happens to say "social" may hold the article. */
const MAX_CHROME_CHARS = 400;

/** Tags never part of the article text. */
export const DROPPED_TAGS = 'script, style, noscript, template, iframe, svg, button, figcaption, nav, form, aside';

// A label that names a picture instead of saying something: "Image", "Photo: A. Name",
// "Image copyright Agency", "Picture credit …" (the layouts of news sites' media credits).
const MEDIA_LABEL = /^(?:image|photo(?:graph)?|picture|pic|video|graphic)s?(?:\s+(?:copyright|caption|credit|source|courtesy)s?\b|\s*(?:$|[:©|/]))/iu;
const MAX_CAPTION_CHARS = 300;
/** A sentence's end: a caption usually has none; a body paragraph nearly always has one. */
const ENDS_LIKE_SENTENCE = /[.!?…:;"'\u201d\u2019\u00bb)]\s*$/u;
// A block that is a link and little else ("Read more: <a>…</a>") with at most this many words.
const MAX_LINK_BLOCK_WORDS = 30;
const MIN_LINK_SHARE = 0.7;

/** Removes blocks with chrome classes (short ones only: see above). */
export function dropChrome(root: Element | Document): void {
  dropShort(root, CHROME_SELECTOR);
}

/**
 * The texts of the page's short blocks with caption or credit classes. Read before Readability
 * and dropped from its pick by text (dropBlocksWithText): Readability rebuilds a `<div>` of
 * text as a new `<p>` without its class, and removing them first changes what it picks.
 */
export function captionTexts(root: Element | Document): Set<string> {
  const texts = Array.from(root.querySelectorAll(CAPTION_SELECTOR)).map((el) => squash(el.textContent));
  return new Set(texts.filter((text) => text !== '' && text.length < MAX_CHROME_CHARS));
}

/** Removes every block whose whole text (white space squashed) is one of `texts`. */
export function dropBlocksWithText(root: Element, texts: Set<string>): void {
  if (texts.size === 0) return;
  for (const el of Array.from(root.querySelectorAll('p, li, div, span, figcaption, small, em, i'))) {
    if (el.isConnected && texts.has(squash(el.textContent))) el.remove();
  }
}

function dropShort(root: Element | Document, selector: string): void {
  for (const el of Array.from(root.querySelectorAll(selector))) {
    if ((el.textContent ?? '').length < MAX_CHROME_CHARS) el.remove();
  }
}

/**
 * Removes captions and credits that sit outside `<figcaption>`: a short block that is a
 * media label ("Photo: …", "Image"), and the block right after a picture (a `<figure>`,
 * `<picture>` or `<img>` with no text and no `<figcaption>`) that is its caption (isCaptionOf).
 */
export function dropLooseCaptions(root: Element | Document): void {
  for (const el of Array.from(root.querySelectorAll('p, li, div, span, small'))) {
    if (!el.isConnected || el.querySelector('p, li, div')) continue;
    const text = squash(el.textContent);
    if (text.length <= MAX_CAPTION_CHARS && MEDIA_LABEL.test(text)) el.remove();
  }
  for (const picture of Array.from(root.querySelectorAll('figure, picture, img'))) {
    if (!picture.isConnected || squash(picture.textContent) !== '' || picture.closest('figure')?.querySelector('figcaption')) continue;
    const next = nextElementAfter(picture);
    if (next && isCaptionOf(picture, next)) next.remove();
  }
}

/**
 * A block right after a picture is its caption when it is a short list that does not end
 * like a sentence, or when it repeats the picture's alt text (of three words or more).
 * A paragraph is not taken for its lack of a full stop alone: news paragraphs miss one too.
 */
function isCaptionOf(picture: Element, block: Element): boolean {
  const text = squash(block.textContent);
  if (text === '' || text.length > MAX_CAPTION_CHARS || isSubheading(block)) return false;
  if ((block.tagName === 'UL' || block.tagName === 'OL') && !ENDS_LIKE_SENTENCE.test(text)) return true;
  const alts = [picture, ...Array.from(picture.querySelectorAll('img'))].map((el) => squash(el.getAttribute('alt')).toLowerCase());
  return alts.some((alt) => alt.split(' ').length >= 3 && text.toLowerCase().includes(alt));
}

/** A paragraph all in bold or in a heading: a subheading of the story, not a caption. */
function isSubheading(el: Element): boolean {
  const strong = Array.from(el.querySelectorAll('strong, b, h2, h3, h4, h5, h6')).reduce((n, s) => n + squash(s.textContent).length, 0);
  return strong >= squash(el.textContent).length;
}

/** Removes paragraphs and list items that are a short link and little else (related stories). */
export function dropLinkBlocks(root: Element | Document): void {
  for (const el of Array.from(root.querySelectorAll('p, li'))) {
    const text = letters(el.textContent);
    if (text === 0 || squash(el.textContent).split(' ').length > MAX_LINK_BLOCK_WORDS) continue;
    const linked = Array.from(el.querySelectorAll('a')).reduce((n, a) => n + letters(a.textContent), 0);
    if (linked / text >= MIN_LINK_SHARE) el.remove();
  }
}

/** The element that follows `el` in reading order: its next sibling, or its parent's. */
function nextElementAfter(el: Element): Element | null {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.nextElementSibling) return node.nextElementSibling;
    if (squash(node.parentElement?.textContent) !== '') return null;
  }
  return null;
}

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const letters = (text: string | null | undefined) => (text ?? '').replace(/[^\p{L}\p{N}]/gu, '').length;
