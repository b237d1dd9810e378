// A page's <br> inside a paragraph is stored as U+2028 (block-text.ts), which browsers do not
// break lines at: the article page must show it as a line break, and keep the character so the
// page's text (whose code-point offsets annotate.js counts) stays the stored text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LINE_BREAK_IN_PARAGRAPH } from '../../src/ingest/block-text.ts';
import { storedArticle } from '../factories.ts';
import { browserSession } from './browser.ts';

const FIRST = `Roses are red,${LINE_BREAK_IN_PARAGRAPH}violets are blue.`;
const BODY = `${FIRST}\n\nA plain paragraph.`;

describe('line breaks inside a paragraph on the article page', () => {
  let articleId = 0;
  const session = browserSession(async (t) => {
    articleId = (await storedArticle(t.handle.db, { title: 'Rhymes', text: BODY })).id;
  });

  it('a U+2028 in the stored text is a line break on the page, and the text keeps it', async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/articles/${articleId}`);
    const [first, second] = await page.locator('.article-body p').evaluateAll((ps) =>
      ps.map((p) => ({ text: p.textContent, breaks: p.querySelectorAll('br').length, height: p.getBoundingClientRect().height })));
    assert.equal(first?.text, FIRST);
    assert.equal(first?.breaks, 1);
    assert.ok(first!.height >= 1.8 * second!.height, `two lines tall: ${first!.height} px against ${second!.height} px for one line`);
  });
});
