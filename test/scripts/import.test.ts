import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { connectDatabase } from '../../src/db/connect.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-import-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function runImport(...files: string[]) {
  return runImportWith({}, ...files);
}

function runImportWith(extraEnv: Record<string, string>, ...files: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', ...extraEnv };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...files], { env, encoding: 'utf8', timeout: 120_000 });
}

describe('npm run import', () => {
  it('stores .txt, .html and .jsonl files and says what it stored', () => {
    const txt = path.join(dir, 'story.txt');
    const html = path.join(dir, 'page.html');
    const jsonl = path.join(dir, 'batch.jsonl');
    fs.writeFileSync(txt, 'Headline of the text file\n\n"It works," she said.');
    fs.writeFileSync(html, '<html><head><title>Html page</title></head><body><p>Body of the html page with words.</p></body></html>');
    fs.writeFileSync(jsonl, [
      JSON.stringify({ title: 'From JSON', outlet: 'Wire', published: '2020-01-02', text: 'Text from a JSON line.' }),
      JSON.stringify({ title: 'Bad date', published: 'soon', text: 'Another text.' }),
    ].join('\n'));
    const r = runImport(txt, html, jsonl);
    assert.equal(r.status, 1, 'one bad record makes the exit code non-zero');
    assert.match(r.stdout, /stored .*story\.txt as article \d+/);
    assert.match(r.stdout, /stored .*page\.html as article \d+/);
    assert.match(r.stdout, /stored .*batch\.jsonl#1 as article \d+/);
    assert.match(r.stderr, /batch\.jsonl#2: published: must be a date/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);

    const again = runImport(txt);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /skipped .*story\.txt: already stored as article \d+/);
  });

  it('refuses missing files and no arguments with a message', () => {
    const none = runImport();
    assert.equal(none.status, 2);
    assert.match(none.stderr, /usage: npm run import/);
    const missing = runImport(path.join(dir, 'nope.txt'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file/);
  });

  it('reports a page too deep or too slow to read and goes on with the next file', { timeout: 150_000 }, () => {
    const deep = path.join(dir, 'deep.html');
    const slow = path.join(dir, 'slow.html');
    const next = path.join(dir, 'next.txt');
    // 2,000 nested <div>s: refused at once by depth; under a raised depth limit Readability
    // would take minutes over it, and the time budget stops it.
    const page = `<html><body>${'<div>'.repeat(2000)}<p>"We act," he said.</p></body></html>`;
    fs.writeFileSync(deep, page);
    fs.writeFileSync(slow, page.replace('We act', 'We stall'));
    fs.writeFileSync(next, 'After the hostile pages\n\n"It still works," she said.');
    const byDepth = runImport(deep);
    assert.equal(byDepth.status, 1);
    assert.match(byDepth.stderr, /error: .*deep\.html: .*nests elements more than 100 levels deep/);
    const byBudget = runImportWith({ INGEST_MAX_HTML_DEPTH: '5000', INGEST_TIME_BUDGET_MS: '1500' }, slow, next);
    assert.equal(byBudget.status, 1, byBudget.stderr);
    assert.match(byBudget.stderr, /error: .*slow\.html: .*took longer than 1\.5 s to read/);
    assert.match(byBudget.stdout, /stored .*next\.txt as article \d+/);
  });

  it('left the stored articles readable', async () => {
    const handle = await connectDatabase({ dataDir: path.join(dir, 'data') });
    const { rows } = await handle.pool.query('select title, source_format from articles order by id');
    await handle.close();
    assert.deepEqual(rows, [
      { title: 'Headline of the text file', source_format: 'text' },
      { title: 'Html page', source_format: 'html' },
      { title: 'From JSON', source_format: 'json' },
      { title: 'After the hostile pages', source_format: 'text' },
    ]);
  });
});
