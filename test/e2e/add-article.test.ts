import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { listen, testApp } from '../helpers/app.ts';
import { launchBrowser } from './browser.ts';

describe('adding an article in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof listen>>;
  before(async () => {
    const t = await testApp();
    server = await listen(t.app);
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the form errors, keeps the input, then stores and displays the article', async () => {
    await page.goto(server.baseUrl);
    await page.getByRole('link', { name: 'Add an article' }).first().click();
    await page.getByLabel('Title', { exact: true }).fill('Browser-made story');
    await page.getByLabel('Published date').fill('2022-02-03');
    await page.getByRole('button', { name: 'Store and extract' }).click();
    assert.match(await page.getByRole('alert').innerText(), /the article text is empty/);
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Browser-made story');

    await page.getByLabel('Article text').fill('First paragraph typed in the browser.\n\nA second one, with <tags> & ampersands.');
    await page.getByRole('button', { name: 'Store and extract' }).click();
    await page.waitForURL(/\/articles\/\d+$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Browser-made story');
    assert.match(await page.getByRole('status').innerText(), /Article stored/);
    const paragraphs = await page.locator('.article-body p').allInnerTexts();
    assert.deepEqual(paragraphs, ['First paragraph typed in the browser.', 'A second one, with <tags> & ampersands.']);
    assert.match(await page.locator('.meta-list').innerText(), /3 Feb 2022/);
  });
});
