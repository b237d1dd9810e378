import { defaultTreeAdapter, parse, type DefaultTreeAdapterMap } from 'parse5';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

/** A page whose elements nest deeper than `limit`: refused before Readability sees it. */
export class HtmlTooDeepError extends Error {
  constructor(public readonly limit: number) {
    super(`the page nests elements more than ${limit.toLocaleString('en')} levels deep; at most ${limit.toLocaleString('en')} are read (news articles nest 10 to 40)`);
    this.name = 'HtmlTooDeepError';
  }
}

/**
 * How deep the page's elements nest: the number of elements on the longest path from <html>
 * (depth 1; <body> is 2) to a leaf, in the tree the HTML parser builds (implied and misnested
 * tags resolved as a browser would; the contents of a <template> count as its children).
 *
 * Parses with parse5, the parser jsdom uses, into its light default tree, and stops as soon as
 * an element is inserted deeper than `limit`, throwing HtmlTooDeepError: the cost stays
 * O(bytes × limit) whatever the page, where parsing 2,000 nested <div>s into jsdom alone takes
 * ~0.8 s (it walks every ancestor on each insertion) and 20,000 overflow its stack.
 * Nodes moved by the parser's error recovery (the adoption agency) keep the depth they were
 * inserted at: a page can't hide depth that way, as every element is counted on insertion.
 * Iterative (a WeakMap, no recursion), so no input can exhaust the stack.
 */
export function measureHtmlDepth(html: string, limit: number): number {
  const depths = new WeakMap<object, number>();
  let deepest = 0;
  const place = (parent: ParentNode, child: ChildNode) => {
    if (!('tagName' in child)) return;
    const depth = (depths.get(parent) ?? 0) + 1;
    if (depth > limit) throw new HtmlTooDeepError(limit);
    depths.set(child, depth);
    if (depth > deepest) deepest = depth;
  };
  const treeAdapter: typeof defaultTreeAdapter = {
    ...defaultTreeAdapter,
    appendChild(parent, child) {
      place(parent, child);
      defaultTreeAdapter.appendChild(parent, child);
    },
    insertBefore(parent, child, reference) {
      place(parent, child);
      defaultTreeAdapter.insertBefore(parent, child, reference);
    },
    setTemplateContent(template, content) {
      depths.set(content, depths.get(template) ?? 0);
      defaultTreeAdapter.setTemplateContent(template, content);
    },
  };
  // jsdom parses with scripting off (scripts never run), which decides how <noscript> parses.
  parse(html, { treeAdapter, scriptingEnabled: false });
  return deepest;
}
