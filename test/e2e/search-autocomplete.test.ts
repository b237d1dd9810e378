import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCorpus } from '../search/corpus.ts';
import { browserSession } from './browser.ts';

// Issue #13 point 10: the search form's outlet and agency boxes suggest names as one types,
// through their aliases too, and the suggestion chosen filters the search.

describe('outlet and agency suggestions in a real browser', () => {
  const session = browserSession((t) => buildCorpus(t.handle.db)); // agencies AFP and Reuters

  const suggestions = async (list: string) => {
    await session.page.waitForFunction((id) => document.querySelectorAll(`#${id} option`).length > 0, list);
    return session.page.locator(`#${list} option`).evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).label]));
  };

  it('suggests an agency by its full name and an outlet by a word of its name, and the choice filters', async () => {
    await session.page.goto(`${session.baseUrl}/search`);
    await session.page.locator('summary', { hasText: 'Filters' }).click();
    await session.page.getByLabel('Agency', { exact: true }).pressSequentially('agence fr');
    assert.deepEqual(await suggestions('agency-suggestions'), [['AFP', 'Agence France-Presse']]);
    await session.page.getByLabel('Outlet', { exact: true }).pressSequentially('dail');
    assert.deepEqual((await suggestions('outlet-suggestions')).map(([value]) => value), ['The Daily Test']);

    await session.page.getByLabel('Agency', { exact: true }).fill('AFP');
    await session.page.getByLabel('Outlet', { exact: true }).fill('The Daily Test');
    await session.page.getByRole('button', { name: 'Search' }).click();
    await session.page.waitForURL(/agency=AFP/);
    assert.equal(await session.page.locator('.hit').count(), 3);
  });
});
