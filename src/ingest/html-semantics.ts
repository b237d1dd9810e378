// Markup that carries meaning the plain text would lose, written into the page as text
// before Readability sees it: quote marks for <q>, a blockquote's attribution after the quote.

/** Quote marks for a `<q>`: double outside, single inside another `<q>` (English typography). */
const OUTER_MARKS = ['\u201c', '\u201d'] as const;
const INNER_MARKS = ['\u2018', '\u2019'] as const;
/** Text that already starts with a quote mark of any script (the page typed its own). */
const OPENS_WITH_QUOTE = /^\s*["'\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u300c\u300e]/u;
const DASH_FIRST = /^\s*[\u2014\u2013\u2015-]/u;

/**
 * Replaces every `<q>` with its content between quote marks (HTML's `<q>` is an inline
 * quotation whose marks the browser draws: WHATWG HTML §4.5.7), double quotes outside and
 * single quotes nested; a `<q>` whose text already opens with a quote mark keeps its own.
 */
export function writeInlineQuoteMarks(doc: Document): void {
  // Innermost first, so that an outer <q> is unwrapped after the ones it holds.
  const quotes = Array.from(doc.querySelectorAll('q')).reverse();
  for (const q of quotes) {
    const nested = q.parentElement?.closest('q') != null;
    const [open, close] = nested ? INNER_MARKS : OUTER_MARKS;
    if (!OPENS_WITH_QUOTE.test(q.textContent ?? '')) {
      writeAtStart(q, open);
      writeAtEnd(q, close);
    }
    q.replaceWith(...Array.from(q.childNodes));
  }
}

/**
 * A `<blockquote>` whose source is named in its own `<footer>` or `<cite>` child, or in the
 * `<figcaption>` of the `<figure>` around it (the patterns of WHATWG HTML §4.4.4), becomes a
 * quotation the extractor can read: quote marks around it (an opening mark on each paragraph
 * and a closing one on the last, as news text marks a quote running over paragraphs) unless
 * it has its own, then the attribution, after a dash, at the end of its last paragraph. A
 * blockquote without an attribution is left as it is (it may be an excerpt, not speech).
 */
export function writeBlockquoteAttributions(doc: Document): void {
  for (const quote of Array.from(doc.querySelectorAll('blockquote'))) {
    const source = attributionOf(quote);
    if (!source) continue;
    const attribution = (source.textContent ?? '').replace(/\s+/g, ' ').trim();
    source.remove();
    const paragraphs = Array.from(quote.querySelectorAll('p')).filter((p) => (p.textContent ?? '').trim() !== '');
    const blocks = paragraphs.length ? paragraphs : [quote];
    if (!OPENS_WITH_QUOTE.test(quote.textContent ?? '')) {
      for (const block of blocks) writeAtStart(block, OUTER_MARKS[0]);
      writeAtEnd(blocks.at(-1)!, OUTER_MARKS[1]);
    }
    if (attribution) blocks.at(-1)!.append(doc.createTextNode(DASH_FIRST.test(attribution) ? ` ${attribution}` : ` \u2014 ${attribution}`));
  }
}

function attributionOf(quote: Element): Element | null {
  for (const child of Array.from(quote.children)) {
    if (child.tagName === 'FOOTER' || child.tagName === 'CITE') return child;
  }
  const lastBlock = quote.lastElementChild;
  const citeInLast = lastBlock?.tagName === 'P' && lastBlock.children.length === 1 && lastBlock.firstElementChild?.tagName === 'CITE'
    && (lastBlock.textContent ?? '').trim() === (lastBlock.firstElementChild.textContent ?? '').trim();
  if (citeInLast) return lastBlock;
  const figure = quote.parentElement;
  if (figure?.tagName === 'FIGURE') return Array.from(figure.children).find((c) => c.tagName === 'FIGCAPTION') ?? null;
  return null;
}

/** Writes `mark` just before the element's first visible character (after leading spaces). */
function writeAtStart(el: Element, mark: string): void {
  const node = textNodes(el).find((t) => /\S/.test(t.nodeValue ?? ''));
  if (!node) return void el.prepend(el.ownerDocument.createTextNode(mark));
  node.nodeValue = (node.nodeValue ?? '').replace(/^(\s*)/, `$1${mark}`);
}

/** Writes `mark` just after the element's last visible character (before trailing spaces). */
function writeAtEnd(el: Element, mark: string): void {
  const node = textNodes(el).findLast((t) => /\S/.test(t.nodeValue ?? ''));
  if (!node) return void el.append(el.ownerDocument.createTextNode(mark));
  node.nodeValue = (node.nodeValue ?? '').replace(/(\s*)$/, `${mark}$1`);
}

function textNodes(el: Element): Text[] {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}
