import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { HtmlTooDeepError, measureHtmlDepth } from '../../src/ingest/html-depth.ts';
import { blockText, htmlToText } from '../../src/ingest/html-to-text.ts';

const PARA = '<p>"We will act," the minister said on Tuesday, adding that talks would continue.</p>';
const nested = (levels: number) => `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(levels)}${PARA}</body></html>`;

describe('measureHtmlDepth', () => {
  it('counts elements from <html> (1) down the deepest path, as the parser builds the tree', () => {
    assert.equal(measureHtmlDepth('<p>plain', 100), 3); // html > body > p
    assert.equal(measureHtmlDepth('<html><head><title>t</title></head><body><div><ul><li><a>x</a></li></ul></div></body></html>', 100), 6);
    // Implied end tags: a <p> closes the open <p>, so paragraphs are siblings, not nested.
    assert.equal(measureHtmlDepth('<p>one<p>two<p>three', 100), 3);
    // The contents of a <template> count as its children.
    assert.equal(measureHtmlDepth('<template><div><div><b>x</b></div></div></template>', 100), 6);
    assert.equal(measureHtmlDepth(nested(50), 100), 53);
  });

  it('reads real news pages (they nest 12 to 22) well inside the default limit', (t) => {
    // Read from the shared corpus beside the repository, never copied into it.
    const dir = path.resolve('../shared/corpus/news-dev-html');
    if (!fs.existsSync(dir)) return t.skip('the shared corpus is not on this machine');
    const depths = fs.readdirSync(dir).map((f) => measureHtmlDepth(fs.readFileSync(`${dir}/${f}`, 'utf8'), 100));
    assert.ok(depths.length >= 8);
    assert.ok(Math.max(...depths) <= 40, `deepest real page: ${Math.max(...depths)}`);
  });

  it('refuses a page deeper than the limit, naming it, without recursion or quadratic work', () => {
    assert.equal(measureHtmlDepth(nested(97), 100), 100);
    assert.throws(() => measureHtmlDepth(nested(98), 100), (err: unknown) => err instanceof HtmlTooDeepError && err.limit === 100);
    // 1,000,000 unclosed <div>s (5 MB, the upload limit): parse5 alone would scan its stack of
    // open elements on every tag; stopping at the limit answers at once.
    const started = performance.now();
    assert.throws(() => measureHtmlDepth('<div>'.repeat(1_000_000), 100), /more than 100 levels deep; at most 100 are read/);
    assert.ok(performance.now() - started < 5_000);
  });

  it('makes htmlToText refuse a 2,000-level page before jsdom or Readability see it', () => {
    assert.throws(() => htmlToText(nested(2000), { maxDepth: 100 }), HtmlTooDeepError);
    assert.match(htmlToText(nested(60), { maxDepth: 100 }).text, /^"We will act," the minister said/);
  });
});

describe('blockText', () => {
  it('walks 50,000 nested elements without exhausting the stack', () => {
    const doc = new JSDOM('').window.document;
    let node: Element = doc.createElement('p');
    node.textContent = 'the bottom';
    // Built bottom-up and detached: parsing that depth into jsdom would take minutes.
    for (let i = 0; i < 50_000; i++) {
      const div = doc.createElement(i % 2 ? 'div' : 'span');
      div.appendChild(node);
      node = div;
    }
    const body = doc.createElement('body');
    body.appendChild(doc.createTextNode('Top line'));
    body.appendChild(doc.createElement('br'));
    body.appendChild(node);
    body.appendChild(doc.createTextNode('after'));
    assert.equal(blockText(body), 'Top line\n\nthe bottom\n\nafter');
  });
});
