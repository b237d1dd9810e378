import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { extract } from '../../src/extraction/index.ts';
import { storedArticle, storeStatements } from '../factories.ts';
import { browserSession } from './browser.ts';

// Issue #13 point 4: who said each highlight, without a mouse (keyboard focus, a tap), the
// side layout, the badge legend; and point 9: a split quotation shown as one utterance.
const BODY = [
  'Officials met on Monday to discuss the river delta.',
  '"Closing the estuary," said Maria Lopez, the regional water minister, "will change the salt balance."',
  'Tom Reed said the plan was "a slow disaster for the valley" and asked for a delay.',
].join('\n\n');

/** Presses Tab until a statement highlight has the focus; its text. */
async function tabToHighlight(page: Page): Promise<string> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => (document.activeElement?.matches('mark.stmt') ? document.activeElement.textContent : null));
    if (text !== null) return text;
  }
  throw new Error('no highlight took the focus within 80 Tabs');
}

const box = async (l: Locator) => (await l.boundingBox())!;

describe('who said it, on the article page in a real browser', () => {
  let articleId = 0;
  const session = browserSession(async (t) => {
    const article = await storedArticle(t.handle.db, { title: 'Estuary plan', text: BODY });
    await storeStatements(t.handle.db, article, extract(article.bodyText).statements);
    articleId = article.id;
  });

  it('Tab to a highlight shows its speaker and role in a visible card, also its accessible description', async () => {
    const { page, baseUrl } = session;
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${baseUrl}/articles/${articleId}`);
    const card = page.locator('#who-card');
    assert.equal(await card.isVisible(), false, 'no card before a highlight has the focus');
    const focused = await tabToHighlight(page);
    assert.equal(focused, 'Closing the estuary,');
    await card.waitFor({ state: 'visible' });
    const text = await card.innerText();
    assert.match(text, /Maria Lopez, the regional water minister/);
    assert.match(text, /said · quote · direct · machine \d+%/);
    // Screen readers: aria-describedby names the note that says the same.
    const description = await page.evaluate(() => {
      const ids = document.activeElement!.getAttribute('aria-describedby')!.split(' ');
      return ids.map((id) => document.getElementById(id)!.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');
    });
    assert.match(description, /Maria Lopez, the regional water minister/);
    // The card sits under the highlight, on screen.
    const mark = page.locator('mark.stmt:focus');
    assert.ok((await box(card)).y >= (await box(mark)).y + (await box(mark)).height - 1);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    // The next Tab reaches the second part: it says it continues, under the same speaker.
    await page.keyboard.press('Tab');
    await card.waitFor({ state: 'visible' });
    assert.match(await card.innerText(), /continued: Maria Lopez/);
  });

  it('a tap on a highlight shows who said it, on a 375 px touch screen', async () => {
    const { page, baseUrl } = session;
    const context = await page.context().browser()!.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    try {
      const phone = await context.newPage();
      await phone.goto(`${baseUrl}/articles/${articleId}`);
      const partial = phone.locator('mark.stmt', { hasText: 'a slow disaster for the valley' }).first();
      await partial.tap();
      const card = phone.locator('#who-card');
      await card.waitFor({ state: 'visible' });
      assert.match(await card.innerText(), /Tom Reed/);
      assert.match(await card.innerText(), /quote · partial/);
      const c = await box(card);
      assert.ok(c.x >= 0 && c.x + c.width <= 375, `the card fits the screen (${c.x}, ${c.width})`);
      // A tap elsewhere hides it.
      await phone.locator('h1').tap();
      await card.waitFor({ state: 'hidden' });
    } finally {
      await context.close();
    }
  });

  it('the side layout lists each paragraph\'s statements beside it, and under it on a narrow screen', async () => {
    const { page, baseUrl } = session;
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${baseUrl}/articles/${articleId}`);
    assert.equal(await page.locator('.side-notes').first().isVisible(), false, 'the inline layout shows no side list');
    await page.getByRole('link', { name: 'Speakers beside each paragraph' }).click();
    await page.waitForURL(/layout=side$/);
    const paragraphs = page.locator('.article-paragraph');
    assert.equal(await paragraphs.count(), 3);
    assert.equal(await paragraphs.nth(0).locator('.side-note').count(), 0, 'the first paragraph quotes nobody');
    const second = paragraphs.nth(1);
    const notes = second.locator('.side-note');
    assert.equal(await notes.count(), 2, 'both parts of the split quote');
    const list = await second.locator('.side-notes').innerText();
    assert.match(list, /Maria Lopez, the regional water minister/);
    assert.match(list, /said · quote · direct · machine \d+%/);
    assert.match(list, /continued:/);
    // One speaker label for both parts: the joined part's name is there for screen readers only.
    const labels = second.locator('.side-note .who-speaker');
    assert.ok((await box(labels.nth(0))).width > 20);
    assert.equal(await second.locator('.side-note-joined').count(), 1);
    assert.ok((await box(second.locator('.side-note-joined .who-speaker'))).width <= 1, 'the joined part shows no speaker label of its own');
    const third = await paragraphs.nth(2).locator('.side-notes').innerText();
    assert.match(third, /Tom Reed/);
    assert.match(third, /claim · mixed/);
    assert.match(third, /quote · partial/);
    const p = await box(second.locator('p'));
    const side = await box(second.locator('.side-notes'));
    assert.ok(side.x >= p.x + p.width - 1, 'beside the paragraph on a wide screen');

    await page.setViewportSize({ width: 375, height: 740 });
    const narrowP = await box(second.locator('p'));
    const narrowSide = await box(second.locator('.side-notes'));
    assert.ok(narrowSide.y >= narrowP.y + narrowP.height - 1, 'under the paragraph at 375 px');
    // Nothing of the article runs past the screen's edge (the site header is the layout's, issue #13 point 5).
    const tooWide = await page.evaluate(() => ['main', '.article-body', '.article-paragraph', '.side-notes', '#badge-legend'].flatMap((sel) =>
      [...document.querySelectorAll(sel)].filter((e) => e.scrollWidth > e.clientWidth || e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map(() => sel)));
    assert.deepEqual(tooWide, [], 'the article and its side lists fit 375 px');
    // Back to the text layout.
    await page.getByRole('link', { name: 'Speakers in the text' }).click();
    await page.waitForURL(new RegExp(`/articles/${articleId}$`));
    assert.equal(await page.locator('.side-notes').first().isVisible(), false);
  });

  it('explains every badge in words, on the article page and the statement page', async () => {
    const { page, baseUrl } = session;
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${baseUrl}/articles/${articleId}`);
    const legend = page.locator('#badge-legend');
    assert.equal(await legend.isVisible(), true);
    // The legend's terms with their meanings, as a reader sees them side by side.
    const meanings = new Map(await legend.locator('dl > div').evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('dt')!.textContent!.trim(), r.querySelector('dd')!.textContent!.trim()] as [string, string])));
    const meaning = (term: string) => meanings.get(term) ?? '';
    assert.match(meaning('machine'), /the extractor’s attribution, not yet checked by a person/);
    assert.match(meaning('84%'), /the extractor’s confidence that the speaker is right/);
    for (const term of ['verified', 'corrected', 'rejected', 'quote', 'claim', 'direct', 'indirect', 'mixed', 'unnamed source']) assert.ok(meaning(term).length > 10, term);
    assert.match(meaning('partial'), /a fragment of quoted words/);
    assert.match(meaning('…:before'), /the cue comes before the words/);
    assert.match(meaning('…:inverted'), /verb first/);
    assert.match(meaning('continued'), /one utterance split by its attribution/);
    assert.match(await legend.innerText(), /\(cue:before, paragraph …\) says how the extractor found the speaker: the part before the colon is the route, the part after it is where the cue stands/);
    // Each badge printed on the page is a term of the legend.
    const printed = await page.locator('.statement .badge').allInnerTexts();
    const terms = new Set(meanings.keys());
    for (const badge of printed) {
      for (const part of badge.split(' · ')) {
        const term = /^\d+%$/.test(part) ? '84%' : part.includes(':') ? `…:${part.split(':')[1]}` : part;
        assert.ok(terms.has(term) || terms.has(part.split(':')[0]!), `"${part}" (badge "${badge}") is explained`);
      }
    }
    const statementLink = page.locator('.statement-link').first();
    await statementLink.click();
    await page.waitForURL(/\/statements\/\d+$/);
    assert.match(await page.locator('#badge-legend').innerText(), /machine\s*the extractor’s attribution/);
  });
});
