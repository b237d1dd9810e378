import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestUser, TEST_PASSWORD } from '../helpers/app.ts';
import { browserSession } from './browser.ts';

describe('adding an article in a real browser', () => {
  let username = '';
  const session = browserSession(async (t) => {
    username = await createTestUser(t, 'editor');
  });

  it('shows the form errors, keeps the input, then stores and displays the article', async () => {
    await session.page.goto(session.baseUrl);
    // Adding needs an editor: a visitor is not offered the link (issue #13), an editor is.
    assert.equal(await session.page.getByRole('link', { name: 'Add an article' }).count(), 0);
    await session.page.getByRole('link', { name: 'Log in' }).click();
    await session.page.getByLabel('Username').fill(username);
    await session.page.getByLabel('Password').fill(TEST_PASSWORD);
    await session.page.getByRole('button', { name: 'Log in' }).click();
    await session.page.waitForURL((url) => url.pathname === '/');
    await session.page.getByRole('link', { name: 'Add an article' }).first().click();
    await session.page.waitForURL(/\/articles\/new$/);
    await session.page.getByLabel('Title', { exact: true }).fill('Browser-made story');
    await session.page.getByLabel('Published date').fill('2022-02-03');
    await session.page.getByRole('button', { name: 'Store and extract' }).click();
    assert.match(await session.page.getByRole('alert').innerText(), /the article text is empty/);
    assert.equal(await session.page.getByLabel('Title', { exact: true }).inputValue(), 'Browser-made story');

    await session.page.getByLabel('Article text').fill('First paragraph typed in the browser.\n\nA second one, with <tags> & ampersands.');
    await session.page.getByRole('button', { name: 'Store and extract' }).click();
    await session.page.waitForURL(/\/articles\/\d+$/);
    assert.equal(await session.page.getByRole('heading', { level: 1 }).innerText(), 'Browser-made story');
    assert.match(await session.page.getByRole('status').innerText(), /Article stored/);
    const paragraphs = await session.page.locator('.article-body p').allInnerTexts();
    assert.deepEqual(paragraphs, ['First paragraph typed in the browser.', 'A second one, with <tags> & ampersands.']);
    assert.match(await session.page.locator('.meta-list').innerText(), /3 Feb 2022/);
  });
});
