import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { planBrowserTests } from '../../scripts/browser-tests.ts';

const FILES = ['test/e2e/search.test.ts', 'test/search/search-text.test.ts', 'test/e2e/review.test.ts', 'test/config.test.ts'];
const NO_BROWSER = '/nonexistent/chromium';

describe('npm test without Chromium', () => {
  it('runs every test when the browser is there', () => {
    assert.deepEqual(planBrowserTests(FILES, {}, process.execPath), { kind: 'run', files: FILES });
  });

  it('skips only the browser tests on a developer machine, with one line saying how to install Chromium', () => {
    const plan = planBrowserTests(FILES, {}, NO_BROWSER);
    assert.equal(plan.kind, 'skip');
    assert.deepEqual(plan.kind === 'skip' && plan.files, ['test/search/search-text.test.ts', 'test/config.test.ts']);
    const message = plan.kind === 'skip' ? plan.message : '';
    assert.doesNotMatch(message, /\n/);
    assert.match(message, /Skipped the 2 browser test files in test\/e2e\//);
    assert.match(message, /apt-get install chromium/);
    assert.match(message, new RegExp(NO_BROWSER));
  });

  it('fails under CI=true instead of skipping', () => {
    for (const CI of ['true', '1']) {
      const plan = planBrowserTests(FILES, { CI }, NO_BROWSER);
      assert.equal(plan.kind, 'fail');
      assert.match(plan.kind === 'fail' ? plan.message : '', /CI=true forbids skipping the 2 browser test files/);
    }
  });

  it('needs no browser when no browser test is chosen', () => {
    const files = ['test/config.test.ts'];
    assert.deepEqual(planBrowserTests(files, { CI: 'true' }, NO_BROWSER), { kind: 'run', files });
  });

  it('the README test command prints the skip line and exits 0, or exits 1 under CI=true', () => {
    const run = (CI: string | undefined) => {
      const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: NO_BROWSER };
      if (CI === undefined) delete env.CI;
      else env.CI = CI;
      // Only a browser test is chosen, so the runner decides without starting a database.
      return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/run-tests.ts', 'test/e2e/line-breaks'], { env, encoding: 'utf8' });
    };
    const dev = run(undefined);
    assert.equal(dev.status, 0, dev.stderr);
    assert.equal(dev.stdout.trim(), `Skipped the 1 browser test file in test/e2e/ (Chromium was not found at ${NO_BROWSER}); install it with \`apt-get install chromium\` (Debian) or set CHROMIUM_PATH to a Chromium binary to run them.`);
    const ci = run('true');
    assert.equal(ci.status, 1);
    assert.match(ci.stderr, /^error: Chromium was not found at \/nonexistent\/chromium, and CI=true forbids skipping/);
    assert.equal(ci.stdout, '');
  });
});
