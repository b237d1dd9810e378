import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

// On the embedded database only one process may open the data directory. While the server
// (a real `npm start` process) runs, every CLI that opens the database refuses with one
// plain sentence saying what to do instead: never a stack trace.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-cli-lock-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', SEED_DEMO: 'never', NODE_ENV: 'development' };
delete env.DATABASE_URL;
let server: ChildProcess | undefined;

function cli(script: string, args: string[] = [], input = '') {
  return spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
}

before(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Verbatim is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server!.stdout!.on('data', read);
    server!.stderr!.on('data', read);
    server!.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
  });
});

after(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the CLIs while the server runs on the embedded database', () => {
  const cases: [script: string, args: string[], input: string, instead: RegExp][] = [
    ['create-user', ['ada'], 'a long passphrase\n', /stop the server first \(Ctrl-C in its terminal\), or, while it runs, add users and change roles at \/admin\/users/],
    ['import', [path.resolve('test/fixtures/seed-article.txt')], '', /stop the server first .*add articles at \/articles\/new or with POST \/api\/articles/],
    ['migrate', [], '', /the server applied every migration when it started, so there is nothing to do while it runs/],
    ['reextract', [], '', /stop the server first \(Ctrl-C in its terminal\), then run npm run reextract again/],
    ['export', ['--format', 'csv'], '', /stop the server first .*GET \/api\/export\.csv/],
  ];
  for (const [script, args, input, instead] of cases) {
    it(`npm run ${script} refuses with one plain sentence`, () => {
      const run = cli(script, args, input);
      assert.equal(run.status, 75, run.stderr);
      const lines = run.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `one line, no stack trace: ${run.stderr}`);
      assert.match(lines[0]!, new RegExp(`^error: the Verbatim server \\(pid ${server!.pid}\\) has the embedded database in .+ open, and only one process at a time can; `));
      assert.match(lines[0]!, instead);
      assert.match(lines[0]!, /\.$/);
    });
  }

  it('the same CLI works once the server has stopped', async () => {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server!.kill('SIGTERM');
    await exited;
    const run = cli('migrate');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /embedded database is at the latest migration/);
  });
});
