// The DOM → text step: one paragraph per line (a blank line between blocks), as the extractor
// reads paragraphs (src/extraction/paragraphs.ts: every non-empty line is one paragraph).

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TR', 'UL',
]);

/**
 * A line break inside a paragraph: U+2028 LINE SEPARATOR, Unicode's character for exactly
 * that (UAX #14; U+2029 is its paragraph counterpart). The extractor cuts paragraphs at "\n"
 * only, so a `<br>` inside a quote no longer cuts the quote from its attribution, while the
 * stored text still shows where the line broke. JavaScript's `\s` and `trim()` count it as
 * white space, so word and sentence rules see a space there.
 */
export const LINE_BREAK_IN_PARAGRAPH = '\u2028';

// Two or more <br> in a row (only spaces between) separate paragraphs, as on pages that
// build paragraphs from <br><br> instead of <p>.
const BR_RUN = / *\u2028(?: *\u2028)+ */g;
const BR_EDGE_SPACES = / *\u2028 */g;

/**
 * Walks the DOM and emits text with one blank line between block elements; a single `<br>`
 * becomes LINE_BREAK_IN_PARAGRAPH (none at a line's start or end), a run of them a paragraph
 * break. Text nodes' white space runs become one space. Iterative (an explicit stack, `null`
 * marking a block's end), so no nesting depth can exhaust the stack.
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
        parts.push(LINE_BREAK_IN_PARAGRAPH);
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
    .map((line) => line.replace(BR_RUN, '\n\n').split('\n').map((part) => part.trim().replace(BR_EDGE_SPACES, LINE_BREAK_IN_PARAGRAPH)).join('\n'))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
