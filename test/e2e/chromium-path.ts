// Where the browser tests find Chromium; read by test/e2e/browser.ts and by
// scripts/run-tests.ts, which skips test/e2e/ when it is missing (and fails under CI=true).

/** Debian's chromium (installed by .ci/run; `apt-get install chromium`); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The folder every browser test lives in: a file there needs Chromium, no file elsewhere does. */
export const BROWSER_TEST_DIR = 'test/e2e/';
