// Whether `npm test` runs the browser tests (test/e2e/): with Chromium it runs them; without
// it, on a developer's machine it skips them with one line saying how to get Chromium, and
// under CI=true it refuses to go on, since a CI run that skipped them would prove nothing.
import fs from 'node:fs';
import path from 'node:path';
import { BROWSER_TEST_DIR, CHROMIUM_PATH } from '../test/e2e/chromium-path.ts';

export type BrowserTestPlan =
  | { kind: 'run'; files: string[] }
  | { kind: 'skip'; files: string[]; message: string }
  | { kind: 'fail'; message: string };

/** True when `file` (a path relative to the project, '/' or the OS separator) is a browser test. */
export function isBrowserTest(file: string): boolean {
  return file.split(path.sep).join('/').startsWith(BROWSER_TEST_DIR);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Decides which of `files` (test file paths relative to the project) run.
 * `env.CI` of `true` or `1` makes a missing browser a failure; `chromium` defaults to
 * CHROMIUM_PATH (env CHROMIUM_PATH, else /usr/bin/chromium). Never throws.
 */
export function planBrowserTests(files: string[], env: NodeJS.ProcessEnv, chromium = CHROMIUM_PATH): BrowserTestPlan {
  const browserTests = files.filter(isBrowserTest);
  if (browserTests.length === 0 || isExecutable(chromium)) return { kind: 'run', files };
  const count = `${browserTests.length} browser test file${browserTests.length === 1 ? '' : 's'}`;
  const missing = `Chromium was not found at ${chromium}`;
  const install = 'install it with `apt-get install chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary';
  if (env.CI === 'true' || env.CI === '1') {
    return { kind: 'fail', message: `${missing}, and CI=true forbids skipping the ${count}: ${install}.` };
  }
  return {
    kind: 'skip',
    files: files.filter((f) => !isBrowserTest(f)),
    message: `Skipped the ${count} in ${BROWSER_TEST_DIR} (${missing}); ${install} to run them.`,
  };
}
