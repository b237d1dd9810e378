import { after, before } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { listen, testApp } from '../helpers/app.ts';
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
