import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { connectDatabase } from '../../src/db/connect.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-import-validation-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run import with records the database cannot store', () => {
  it('reports each bad record with its field, stores the others, and exits non-zero', async () => {
    const page = (n: number) => `<html><head><title>Page ${n}</title><meta property="article:published_time" content="10000-01-01"></head>` +
      `<body><p>"We act," US Secretary of State Antony Blinken said in page ${n}.</p></body></html>`;
    const jsonl = path.join(dir, 'batch.jsonl');
    fs.writeFileSync(jsonl, [
      JSON.stringify({ title: 'Nul\u0000 title', text: 'Text of the first record.' }),
      JSON.stringify({ title: 'Year ten thousand', published: '10000-01-01', text: 'Text of the second record.' }),
      JSON.stringify({ title: 'Lone \ud800 surrogate', text: 'Text of the third record.' }),
      JSON.stringify({ html: page(4) }),
      JSON.stringify({ title: 'Fine', published: '2020-01-02', text: '"It works," US Secretary of State Antony Blinken said.' }),
    ].join('\n'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', jsonl], { env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /batch\.jsonl#1: title: must not contain control characters/);
    assert.match(r.stderr, /batch\.jsonl#2: published: must (be a date|be between)/);
    assert.match(r.stderr, /batch\.jsonl#3: title: must be valid Unicode text/);
    assert.match(r.stdout, /stored .*batch\.jsonl#4 as article \d+/);
    assert.match(r.stdout, /stored .*batch\.jsonl#5 as article \d+/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);

    const handle = await connectDatabase({ dataDir: path.join(dir, 'data') });
    const { rows } = await handle.pool.query('select title, published_at from articles order by id');
    await handle.close();
    assert.deepEqual(rows.map((a) => [a.title, a.published_at?.toISOString() ?? null]), [['Page 4', null], ['Fine', '2020-01-02T00:00:00.000Z']]);
  });
});
