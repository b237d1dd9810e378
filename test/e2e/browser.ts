import { after, before } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { listen, TEST_PASSWORD, testApp } from '../helpers/app.ts';
import { CHROMIUM_PATH } from './chromium-path.ts';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface BrowserSession {
  page: Page;
  baseUrl: string;
}

/**
 * For a describe block: the real app on its own database, served over HTTP, and a page in
 * Debian's Chromium; `seed` fills the database first. Closed after the block.
 */
export function browserSession(seed?: (t: TestApp) => Promise<unknown>): BrowserSession {
  const session = {} as BrowserSession;
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof listen>> | undefined;
  before(async () => {
    const t = await testApp();
    if (seed) await seed(t);
    server = await listen(t.app);
    browser = await launchBrowser();
    session.page = await browser.newPage();
    session.baseUrl = server.baseUrl;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return session;
}

/** Logs `username` in through the login form (TEST_PASSWORD) and waits to leave the login page. */
export async function logIn({ page, baseUrl }: BrowserSession, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
