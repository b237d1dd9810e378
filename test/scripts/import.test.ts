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
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...files], { env, encoding: 'utf8' });
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

  it('left the stored articles readable', async () => {
    const handle = await connectDatabase({ dataDir: path.join(dir, 'data') });
    const { rows } = await handle.pool.query('select title, source_format from articles order by id');
    await handle.close();
    assert.deepEqual(rows, [
      { title: 'Headline of the text file', source_format: 'text' },
      { title: 'Html page', source_format: 'html' },
      { title: 'From JSON', source_format: 'json' },
    ]);
  });
});
