import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestUser, TEST_PASSWORD } from '../helpers/app.ts';
import { browserSession } from './browser.ts';

describe('accounts in a real browser', () => {
  let admin = '';
  const session = browserSession(async (t) => {
    admin = await createTestUser(t, 'admin');
  });

  it('an admin creates a user and disables them; then makes a token on the account page, copies it once and revokes it', async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Username').fill(admin);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(/\/admin\/users$/);

    await page.getByLabel('Username').fill('browser_made');
    await page.locator('#new-password').fill('a long enough password');
    await page.locator('#new-role').selectOption('annotator');
    // Each form's redirect must land before the page it shows is read: a status read while
    // the browser leaves the page can miss the flash (seen on a loaded CI machine).
    const landed = () => page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/admin/users');
    // The flash, or (once, on a loaded CI run, it never showed) what the page held instead.
    const statusText = async () => {
      try {
        return await page.getByRole('status').innerText();
      } catch (err) {
        const main = await page.locator('main').innerText().catch(() => '(no main)');
        throw new Error(`no status on ${page.url()}: ${main.slice(0, 600)}`, { cause: err });
      }
    };
    await Promise.all([landed(), page.getByRole('button', { name: 'Create user' }).click()]);
    assert.match(await statusText(), /Created user browser_made \(annotator\)/);
    const row = page.locator('tr', { has: page.getByRole('rowheader', { name: 'browser_made' }) });
    await row.getByLabel('disabled').check();
    await Promise.all([landed(), row.getByRole('button', { name: 'Save' }).click()]);
    assert.match(await statusText(), /Saved browser_made: annotator, disabled/);
    assert.equal(await page.locator('tr', { has: page.getByRole('rowheader', { name: /browser_made/ }) }).getByLabel('disabled').isChecked(), true);

    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Name').fill('browser script');
    await page.getByRole('button', { name: 'Create a token' }).click();
    const token = await page.getByLabel('Token').inputValue();
    assert.match(token, /^vbt_[A-Za-z0-9_-]{43}$/);
    const api = await page.request.get(`${baseUrl}/api/tokens`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(api.status(), 200);

    await page.getByRole('link', { name: 'Back to your account' }).click();
    await page.waitForURL(/\/account$/);
    assert.doesNotMatch(await page.content(), new RegExp(token.slice(12)), 'shown once');
    // Waits for the revoke's redirect to land before reading the page it shows.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/account'),
      page.getByRole('button', { name: 'Revoke' }).click(),
    ]);
    assert.match(await page.getByRole('status').innerText(), /Token “browser script” \(vbt_\S+…\) is revoked/);
    const after = await page.request.get(`${baseUrl}/api/tokens`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(after.status(), 401);

    await page.getByRole('link', { name: 'Audit' }).click();
    const actions = await page.locator('.audit-table tbody td:nth-child(3)').allInnerTexts();
    assert.deepEqual(actions, ['revoke', 'create', 'disable', 'create']);
  });
});
