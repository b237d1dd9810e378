import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS } from '../../src/export/csv-export.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-export-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', PUBLIC_URL: 'https://verbatim.example' };
delete env.DATABASE_URL;

const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env, encoding: 'utf8', timeout: 120_000 });
const exportCli = (...args: string[]) => run('scripts/export.ts', ...args);

describe('npm run export', () => {
  before(() => {
    const jsonl = path.join(dir, 'articles.jsonl');
    fs.writeFileSync(jsonl, [
      { title: 'Harbour news', outlet: 'Wire', published: '2020-01-02', text: '"We will win the harbour vote," said Jane Doe, the mayor of Springfield.\n\n"=SUM(A1) is what the harbour costs," Doe added.' },
      { title: 'Senate news', outlet: 'Paper', published: '2021-01-02', text: '"The harbour plan fails," said John Roe, a senator.' },
    ].map((a) => JSON.stringify(a)).join('\n'));
    const r = run('scripts/import.ts', jsonl);
    assert.equal(r.status, 0, r.stderr);
  });

  it('writes a search as CSV to a file, with the meta lines, and says how many rows', () => {
    const out = path.join(dir, 'harbour.csv');
    const r = exportCli('--q', 'harbour', '--speaker', 'Jane Doe', '--meta', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '', 'nothing on standard output when writing a file');
    assert.match(r.stderr, /^exported 2 rows as csv to .*harbour\.csv in [\d.]+ s \([\d]+ rows\/s\)\n$/);
    assert.equal(fs.existsSync(`${out}.partial`), false);
    const text = fs.readFileSync(out, 'utf8');
    const comments = text.split('\r\n').filter((l) => l.startsWith('#'));
    assert.ok(comments.includes('# query: harbour'), text);
    assert.ok(comments.includes('# filters: speaker=Jane Doe'));
    assert.ok(comments.includes('# rows: 2'));
    assert.ok(comments.some((l) => /^# extractor version: \d+\.\d+\.\d+$/.test(l)));
    assert.ok(comments.some((l) => /^# exported at: \d{4}-\d\d-\d\dT/.test(l)));
    assert.ok(comments.includes('# reproduce: https://verbatim.example/api/export.csv?q=harbour&speaker=Jane+Doe'));
    const rows = parse(text, { columns: true, comment: '#' }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), [...CSV_COLUMNS]);
    assert.deepEqual(rows.map((row) => row.speaker), ['Jane Doe', 'Jane Doe']);
    assert.ok(rows.some((row) => row.text!.startsWith("'=SUM(A1)")), 'formula neutralised');
    assert.match(rows[0]!.permalink!, /^https:\/\/verbatim\.example\/statements\/\d+$/);
  });

  it('writes to standard output when no file is named', () => {
    const r = exportCli('--outlet', 'Paper');
    assert.equal(r.status, 0, r.stderr);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((row) => row.speaker), ['John Roe']);
    assert.match(r.stderr, /exported 1 row as csv in/);
  });

  it('writes the reference-manager formats with --format', () => {
    const json = exportCli('--q', 'harbour', '--format', 'csljson');
    assert.equal(json.status, 0, json.stderr);
    const items = JSON.parse(json.stdout) as { URL: string; note: string }[];
    assert.equal(items.length, 3);
    assert.ok(items.every((i) => /^https:\/\/verbatim\.example\/statements\/\d+$/.test(i.URL)));
    const bib = exportCli('--speaker', 'John Roe', '--format', 'bibtex');
    assert.equal(bib.status, 0, bib.stderr);
    assert.match(bib.stdout, /^@article\{verbatim\d+,/m);
    const styled = exportCli('--format', 'ris', '--style', 'apa');
    assert.equal(styled.status, 2);
    assert.match(styled.stderr, /--style: applies to CSV only/);
  });

  it('draws a progress bar with rows/s when standard error is a terminal', () => {
    // script(1) runs the export on a pseudo-terminal.
    const out = path.join(dir, 'tty.csv');
    const command = [process.execPath, '--import', 'tsx', 'scripts/export.ts', '--out', out].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /export [░█]+ 3\/3 rows \| \d+ rows\/s/);
    assert.equal((parse(fs.readFileSync(out), { columns: true }) as unknown[]).length, 3);
  });

  it('refuses bad parameters with a message naming them, a non-zero exit and no file', () => {
    const out = path.join(dir, 'bad.csv');
    const r = exportCli('--from', '2026-13-01', '--kind', 'poem', '--out', out);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--from: must be a date/);
    assert.match(r.stderr, /--kind: must be one of: quote, claim/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
    assert.equal(fs.existsSync(out), false);
    for (const [args, message] of [
      [['--format', 'docx'], /--format: must be one of: csv, csljson, ris, bibtex/],
      [['--colour', 'red'], /Unknown option '--colour'[\s\S]*usage: npm run export/],
      [['--as', 'nobody'], /--as: no active user named nobody/],
      [['--q', 'harbour', '--q', 'vote'], /--q: must be given once/],
      [['--out', path.join(dir, 'no-such-folder', 'x.csv')], /--out: cannot write .*no-such-folder.*x\.csv: ENOENT/],
    ] as const) {
      const bad = exportCli(...args);
      assert.equal(bad.status, 2, args.join(' '));
      assert.match(bad.stderr, message);
    }
  });
});

describe('npm run export, interrupted', () => {
  it('leaves no partial file behind on SIGTERM', async () => {
    // Enough rows (3,000) that the export is still writing when the signal comes.
    const dataDir = path.join(dir, 'big');
    const { connectDatabase } = await import('../../src/db/connect.ts');
    const { migrateToLatest } = await import('../../src/db/migrate.ts');
    const { storedArticle, storeStatements, statementOn } = await import('../factories.ts');
    const handle = await connectDatabase({ dataDir });
    try {
      await migrateToLatest(handle.db);
      for (let a = 0; a < 30; a++) {
        const article = await storedArticle(handle.db, { text: Array.from({ length: 100 }, (_, i) => `"Line ${a} ${i} is said," she said.`).join('\n\n') });
        await storeStatements(handle.db, article, Array.from({ length: 100 }, (_, i) => statementOn(article.bodyText, `Line ${a} ${i} is said,`)));
      }
    } finally {
      await handle.close();
    }
    const out = path.join(dir, 'interrupted.csv');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--out', out], { env: { ...env, DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = once(child, 'exit');
    // Signal as soon as the file is being written.
    for (let i = 0; i < 1500 && !fs.existsSync(`${out}.partial`); i++) await sleep(20);
    assert.ok(fs.existsSync(`${out}.partial`), `the export started: ${stderr}`);
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 143, stderr);
    assert.match(stderr, /export interrupted: .*interrupted\.csv not written/);
    assert.equal(fs.existsSync(`${out}.partial`), false);
    assert.equal(fs.existsSync(out), false);
  });
});
