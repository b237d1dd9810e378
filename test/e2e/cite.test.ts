import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { addSeedArticle, SEED_APA as APA } from '../export/seed-source.ts';
import { loggedIn } from '../helpers/app.ts';
import { browserSession } from './browser.ts';

/** Waits until `cite`'s shown citation is not `before` any more, and returns it. */
async function changedFrom(page: Page, cite: Locator, before: string): Promise<string> {
  const handle = await cite.locator('.cite-text').elementHandle();
  await page.waitForFunction(([el, old]) => el!.textContent !== old && !el!.hasAttribute('aria-busy'), [handle, before] as const);
  return cite.locator('.cite-text').innerText();
}

describe('Cite on statements in a real browser', () => {
  let seedId = 0;
  let otherId = 0;
  const session = browserSession(async (t) => {
    const editor = await loggedIn(t, 'editor');
    seedId = await addSeedArticle(editor);
    const other = { title: 'Ministers answer on the hack', outlet: 'The Other Times', published: '2024-03-01', text: '"We will answer the hack in kind," the minister said.' };
    otherId = (await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(other).expect(201)).body.id;
  });

  it('opens a search hit\'s Cite, changes the style for every Cite on the page, and copies the citation', async () => {
    const { page, baseUrl } = session;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await page.goto(`${baseUrl}/search?q=hack&sort=oldest`);
    const hits = page.locator('.hit');
    assert.ok((await hits.count()) >= 2);
    const blinken = page.locator('.hit', { hasText: 'Antony Blinken' }).first();
    const cite = blinken.locator('details.cite');
    assert.equal(await cite.locator('.cite-text').isVisible(), false, 'closed until asked for');
    // Keyboard: the summary is a control of its own; Enter opens it.
    await cite.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await cite.locator('.cite-text').innerText(), APA, 'the server\'s APA citation, as the CSV has it');
    const picker = cite.getByLabel('Style');
    await picker.locator('option').first().waitFor({ state: 'attached' });
    assert.equal(await picker.inputValue(), 'apa');
    assert.deepEqual(await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['apa', 'harvard1', 'vancouver']);
    // Offered by the titles their CSL files give.
    assert.equal(await picker.locator('option[value="apa"]').innerText(), 'American Psychological Association 7th edition');

    await picker.selectOption('harvard1');
    const harvard = await changedFrom(page, cite, APA);
    assert.match(harvard, /^Agence France-Presse \(2021\)/);
    const api = await page.request.get(`${baseUrl}/api/statements/${await cite.getAttribute('data-statement')}/citation?style=harvard1`);
    assert.equal((await api.json()).citation, harvard, 'the text the API gives');

    await cite.getByRole('button', { name: 'Copy' }).click();
    await cite.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), harvard);

    // Another article's hit follows the chosen style when opened.
    const other = page.locator('.hit', { hasText: 'answer the hack' }).locator('details.cite');
    const before = await other.locator('.cite-text').textContent();
    assert.match(before!, /^The Other Times|Ministers answer on the hack/);
    assert.match(before!, new RegExp(`/articles/${otherId}$`), 'an article without a URL cites its page here');
    await other.locator('summary').click();
    const after = await changedFrom(page, other, before!);
    assert.equal(await other.getByLabel('Style').inputValue(), 'harvard1');
    assert.match(after, /\(2024\)/);
  });

  it('remembers the style on the statement page and the article page, which have Cite too', async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/search?q=%22criminal+contract+hackers%22`);
    const statementId = await page.locator('details.cite').first().getAttribute('data-statement');
    await page.goto(`${baseUrl}/statements/${statementId}`);
    const cite = page.locator('details.cite');
    assert.equal(await cite.count(), 1);
    await cite.locator('summary').click();
    const shown = await changedFrom(page, cite, APA);
    assert.match(shown, /^Agence France-Presse \(2021\)/, 'harvard1, remembered from the search page');
    await cite.getByLabel('Style').selectOption('apa');
    assert.equal(await changedFrom(page, cite, shown), APA);

    await page.goto(`${baseUrl}/articles/${seedId}`);
    const cites = page.locator('.statement-list details.cite');
    assert.equal(await cites.count(), await page.locator('.statement-list > li').count(), 'one Cite per statement');
    const first = cites.first();
    await first.locator('summary').click();
    assert.equal(await first.locator('.cite-text').innerText(), APA);
    await first.locator('.cite-style option').first().waitFor({ state: 'attached' });
    assert.equal(await first.getByLabel('Style').inputValue(), 'apa');
    await first.getByLabel('Style').selectOption('vancouver');
    const vancouver = await changedFrom(page, first, APA);
    const last = cites.last();
    await last.locator('summary').click();
    assert.equal(await changedFrom(page, last, APA), vancouver, 'one article, one citation');
    assert.equal(await last.getByLabel('Style').inputValue(), 'vancouver');
  });

  it('shows the APA citation without JavaScript', async () => {
    const { page, baseUrl } = session;
    const context = await page.context().browser()!.newContext({ javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await plain.goto(`${baseUrl}/search?q=%22criminal+contract+hackers%22`);
      const cite = plain.locator('details.cite').first();
      await cite.locator('summary').click();
      assert.equal(await cite.locator('.cite-text').innerText(), APA);
      assert.equal(await cite.locator('.cite-controls').isVisible(), false, 'no picker that could not work');
      assert.ok(await cite.getByText('APA 7th edition').isVisible());
    } finally {
      await context.close();
    }
  });
});
