// Passage annotations on the article page. The server gives the code-point offset where each
// rendered piece of the body starts in [data-start], and (for annotators) the text between
// pieces (blank lines between paragraphs) in .article-body[data-gaps] as {offset: text};
// offsets here count code points (Array.from), as the server's do.
// 1. Highlights each annotated passage from its position (data-passage-start/end): for
//    everyone, visitors included; it needs only the pieces.
// 2. Turns a selection in the article into the W3C selectors of the passage form.
(() => {
  const body = document.querySelector('.article-body');
  if (!body) return;
  const CONTEXT = 32;
  const pieces = () => Array.from(body.querySelectorAll('[data-start]'));
  const lengthOf = (s) => Array.from(s).length;

  // --- 1. highlights -------------------------------------------------------------------
  /** Wraps the text of code points [start, end) in <mark>s (one per text node it touches). */
  function highlight(start, end, id, title) {
    for (const piece of pieces()) {
      const pieceStart = Number(piece.dataset.start);
      let at = pieceStart;
      const walker = document.createTreeWalker(piece, NodeFilter.SHOW_TEXT);
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
      for (const node of nodes) {
        const points = Array.from(node.data);
        const from = Math.max(start, at);
        const to = Math.min(end, at + points.length);
        if (from < to) {
          const unitFrom = points.slice(0, from - at).join('').length;
          const unitTo = points.slice(0, to - at).join('').length;
          const middle = unitFrom > 0 ? node.splitText(unitFrom) : node;
          if (unitTo - unitFrom < middle.data.length) middle.splitText(unitTo - unitFrom);
          const mark = document.createElement('mark');
          mark.className = 'passage-mark';
          mark.dataset.annotation = id;
          mark.title = title;
          mark.tabIndex = 0;
          middle.replaceWith(mark);
          mark.append(middle);
          mark.addEventListener('click', () => { location.hash = `annotation-${id}`; });
        }
        at += points.length;
      }
    }
  }
  for (const quote of document.querySelectorAll('[data-passage-start]')) {
    const note = quote.closest('[data-annotation]');
    const id = note.dataset.annotation;
    const author = note.querySelector('.annotation-author')?.textContent ?? '';
    const summary = (note.querySelector('.annotation-note')?.textContent ?? '').trim().slice(0, 200);
    highlight(Number(quote.dataset.passageStart), Number(quote.dataset.passageEnd), id, `${author}: ${summary}`);
  }

  // --- 2. selecting a passage ----------------------------------------------------------
  const form = document.getElementById('annotate-passage');
  if (!form || !body.dataset.gaps) return;

  /** The body text as code points, rebuilt from the pieces and the gaps between them. */
  const text = (() => {
    const parts = Object.entries(JSON.parse(body.dataset.gaps)).map(([at, gap]) => [Number(at), gap]);
    for (const piece of pieces()) parts.push([Number(piece.dataset.start), piece.textContent]);
    parts.sort((a, b) => a[0] - b[0]);
    return Array.from(parts.map((p) => p[1]).join(''));
  })();

  /**
   * The code-point offset of a DOM boundary point. Inside a piece: its start plus the text
   * before the point. Between pieces (a paragraph's edge): the next piece's start for the
   * start of a selection, the previous piece's end for its end.
   */
  function offsetOf(node, offset, isEnd) {
    const all = pieces();
    for (const piece of all) {
      if (piece === node || piece.contains(node)) {
        const range = document.createRange();
        range.setStart(piece, 0);
        range.setEnd(node, offset);
        return Number(piece.dataset.start) + lengthOf(range.toString());
      }
    }
    let previousEnd = 0;
    for (const piece of all) {
      const range = document.createRange();
      range.selectNode(piece);
      if (range.comparePoint(node, offset) < 0) return isEnd ? previousEnd : Number(piece.dataset.start);
      previousEnd = Number(piece.dataset.start) + lengthOf(piece.textContent);
    }
    return isEnd ? previousEnd : text.length;
  }

  function onSelect() {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return;
    let start = offsetOf(range.startContainer, range.startOffset, false);
    let end = offsetOf(range.endContainer, range.endOffset, true);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) return;
    const values = {
      exact: text.slice(start, end).join(''),
      prefix: text.slice(Math.max(0, start - CONTEXT), start).join(''),
      suffix: text.slice(end, end + CONTEXT).join(''),
      start: String(start),
      end: String(end),
    };
    for (const [name, value] of Object.entries(values)) form.elements.namedItem(name).value = value;
    form.querySelector('.annotate-selection').textContent = values.exact;
    form.hidden = false;
  }
  body.addEventListener('mouseup', onSelect);
  body.addEventListener('keyup', onSelect);
  form.querySelector('[data-annotate-cancel]').addEventListener('click', () => { form.hidden = true; });
})();
