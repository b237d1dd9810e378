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
 * Throws HtmlTooDeepError past `limit`.
 *
 * Parses with parse5, the parser jsdom uses, into its light default tree, and gives up as soon
 * as an element is inserted deeper than `limit`, so the cost stays about O(bytes × limit)
 * whatever the page: parse5 alone scans its stack of open elements on each tag, and jsdom walks
 * every ancestor on each insertion (2,000 nested <div>s take it ~0.8 s; 20,000 overflow its
 * stack). The parser's error recovery can move a subtree deeper after its insertion, so the
 * finished tree is measured once more, exactly. Iterative throughout: no input can exhaust the
 * stack.
 */
export function measureHtmlDepth(html: string, limit: number): number {
  const depths = new WeakMap<object, number>();
  // A <template>'s content fragment gets its depth from the template, placed after it is made.
  const templateOf = new WeakMap<object, object>();
  const place = (parent: ParentNode, child: ChildNode) => {
    if (!('tagName' in child)) return;
    const depth = (depths.get(templateOf.get(parent) ?? parent) ?? 0) + 1;
    if (depth > limit) throw new HtmlTooDeepError(limit);
    depths.set(child, depth);
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
      templateOf.set(content, template);
      defaultTreeAdapter.setTemplateContent(template, content);
    },
  };
  // jsdom parses with scripting off (scripts never run), which decides how <noscript> parses.
  const document = parse(html, { treeAdapter, scriptingEnabled: false });
  return deepestElement(document, limit);
}

function deepestElement(root: ParentNode, limit: number): number {
  let deepest = 0;
  const stack: [ParentNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) throw new HtmlTooDeepError(limit);
    deepest = Math.max(deepest, depth);
    for (const child of node.childNodes) if ('tagName' in child) stack.push([child, depth + 1]);
    if ('content' in node) stack.push([node.content, depth]);
  }
  return deepest;
}
