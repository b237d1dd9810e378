import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { annotatedArticle, BODY } from '../annotations/fixture.ts';
import { createTestUser, TEST_PASSWORD } from '../helpers/app.ts';
import { browserSession } from './browser.ts';

async function logIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Selects `words` in the article body as a user dragging over them would, then releases the mouse. */
async function selectWords(page: Page, words: string) {
  await page.evaluate((w) => {
    const body = document.querySelector('.article-body')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const at = n.data.indexOf(w);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + w.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`${w} is not in one text node`);
  }, words);
}

describe('annotating a passage in a real browser', () => {
  let articleId = 0;
  let username = '';
  const session = browserSession(async (t) => {
    articleId = (await annotatedArticle(t.handle.db)).article.id;
    username = await createTestUser(t, 'annotator');
  });

  it('selects a passage, annotates it, and after a reload the highlight covers the same text at the same offsets', async () => {
    const { page, baseUrl } = session;
    await logIn(page, baseUrl, username);
    await page.goto(`${baseUrl}/articles/${articleId}`);
    const form = page.locator('#annotate-passage');
    assert.equal(await form.isHidden(), true, 'no passage form before a selection');
    assert.equal(await page.locator('.article-body[data-text]').count(), 0, 'no second copy of the body in the page');
    const words = 'Analysts said the denial was not credible';
    await selectWords(page, words);
    await form.waitFor({ state: 'visible' });
    assert.equal(await form.locator('.annotate-selection').innerText(), words);
    const start = Array.from(BODY.slice(0, BODY.indexOf(words))).length;
    assert.equal(await form.locator('input[name=start]').inputValue(), String(start), 'code points: the emoji counts once');
    assert.equal(await form.locator('input[name=end]').inputValue(), String(start + words.length));
    await form.getByLabel('Note').fill('Which **analysts**? <img src=x onerror=alert(1)>');
    await form.getByLabel('Tags').fill('Sourcing, vague');
    await form.getByLabel('Visible to').selectOption('shared');
    await form.getByRole('button', { name: 'Save annotation' }).click();
    await page.waitForURL(new RegExp(`/articles/${articleId}#annotation-\\d+$`));

    await page.reload();
    const marks = page.locator('.article-body mark.passage-mark');
    assert.equal(await marks.count(), 1);
    assert.equal(await marks.first().innerText(), words);
    const offsets = await page.locator('.passage-annotations [data-passage-start]').evaluate((el) => [(el as HTMLElement).dataset.passageStart, (el as HTMLElement).dataset.passageEnd]);
    assert.deepEqual(offsets, [String(start), String(start + words.length)]);
    // The highlight's place in the text, as the page's own offsets say it is.
    const markStart = await marks.first().evaluate((mark) => {
      const piece = mark.closest('[data-start]') as HTMLElement;
      const range = document.createRange();
      range.setStart(piece, 0);
      range.setEndBefore(mark);
      return Number(piece.dataset.start) + Array.from(range.toString()).length;
    });
    assert.equal(markStart, start);
    const note = page.locator('.passage-annotations .annotation');
    assert.match(await note.locator('.annotation-note').innerHTML(), /<strong>analysts<\/strong>\? &lt;img src=x onerror=alert\(1\)&gt;/);
    assert.equal(await page.locator('.annotation-note img').count(), 0, 'raw HTML stays text');
    assert.deepEqual(await note.locator('.tag').allInnerTexts(), ['sourcing', 'vague']);
  });

  it('shows the conflict page with both versions when a second session saves an older version', async () => {
    const { page, baseUrl } = session;
    const context = page.context();
    const second = await context.browser()!.newContext();
    const other = await second.newPage();
    try {
      await logIn(other, baseUrl, username);
      await page.goto(`${baseUrl}/articles/${articleId}`);
      const edit = await page.locator('.passage-annotations .annotation-actions a', { hasText: 'Edit' }).getAttribute('href');
      await page.goto(`${baseUrl}${edit}`);
      await other.goto(`${baseUrl}${edit}`);

      await page.getByLabel('Note').fill('First session: the analysts are unnamed.');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(new RegExp(`/articles/${articleId}#annotation-\\d+$`));

      await other.getByLabel('Note').fill('Second session: two analysts, both anonymous.');
      await other.getByRole('button', { name: 'Save changes' }).click();
      await other.getByRole('heading', { name: 'Edit conflict' }).waitFor();
      const text = await other.locator('.conflict-versions').innerText();
      assert.match(text, /First session: the analysts are unnamed\./);
      assert.match(text, /Second session: two analysts, both anonymous\./);
      await page.reload();
      assert.match(await page.locator('.passage-annotations .annotation-note').innerText(), /First session/, 'the second save overwrote nothing');
    } finally {
      await second.close();
    }
  });

  it('annotates a passage whose prefix crosses a paragraph break (the browser sends it with CRLF)', async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/articles/${articleId}`);
    const form = page.locator('#annotate-passage');
    assert.equal(await form.isHidden(), true);
    const words = 'The ministry';
    await selectWords(page, words);
    await form.waitFor({ state: 'visible' });
    const start = Array.from(BODY.slice(0, BODY.indexOf(words))).length;
    const prefix = await form.locator('input[name=prefix]').inputValue();
    assert.equal(prefix, Array.from(BODY).slice(start - 32, start).join(''));
    assert.match(prefix, /Monday\.\n\n$/, 'the prefix holds the blank line between the paragraphs');
    await form.getByLabel('Note').fill('Which ministry?');
    await form.getByLabel('Visible to').selectOption('shared');
    await form.getByRole('button', { name: 'Save annotation' }).click();
    await page.waitForURL(new RegExp(`/articles/${articleId}#annotation-\\d+$`));
    assert.equal(await page.locator('.flash, .error-summary').filter({ hasText: /must be|does not match/ }).count(), 0);
    await page.reload();
    assert.deepEqual(await page.locator('.article-body mark.passage-mark').allInnerTexts(), ['The ministry', 'Analysts said the denial was not credible']);
  });

  it('shows the highlights to a visitor who is not logged in', async () => {
    const { page, baseUrl } = session;
    const visitor = await page.context().browser()!.newContext();
    try {
      const anonymous = await visitor.newPage();
      await anonymous.goto(`${baseUrl}/articles/${articleId}`);
      assert.equal(await anonymous.locator('#annotate-passage').count(), 0, 'no selection form for visitors');
      const marks = anonymous.locator('.article-body mark.passage-mark');
      assert.deepEqual(await marks.allInnerTexts(), ['The ministry', 'Analysts said the denial was not credible']);
      assert.equal(await marks.first().isVisible(), true);
    } finally {
      await visitor.close();
    }
  });
});
