import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { DataDirLockedError } from '../src/db/embedded-lock.ts';
import { createLogger } from '../src/logger.ts';
import { startServer } from '../src/server.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-server-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the server on the embedded database', () => {
  it('starts, loads the demo article, and shuts down gracefully', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: dataDir });
    const running = await startServer(config, createLogger(config));
    const home = await fetch(running.url);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /China slams &#x27;groundless&#x27; allegations of Microsoft hack/);

    // The sample is a clean, citable showcase: the story's body only, its source and date, each quote once.
    const { article } = await (await fetch(`${running.url}api/articles/1`)).json();
    assert.equal(article.url, 'https://www.24newshd.tv/20-Jul-2021/china-slams-groundless-allegations-of-microsoft-hack');
    assert.match(article.publishedAt, /^2021-07-20/);
    assert.ok(article.bodyText.startsWith('Chinese authorities on Tuesday denied'), article.bodyText.slice(0, 80));
    for (const chrome of ['Google Play', 'Android App', 'Caption:', 'Published:', article.title, 'is an international news agency']) {
      assert.ok(!article.bodyText.includes(chrome), `the body holds "${chrome}"`);
    }
    const quotes = article.statements.filter((s: { kind: string }) => s.kind === 'quote');
    const keys = quotes.map((s: { text: string; speaker: { id: number } | null }) => `${s.speaker?.id}:${s.text}`);
    assert.equal(new Set(keys).size, keys.length, 'no quote listed twice');
    assert.ok(quotes.length >= 18, `${quotes.length} quotes`);

    // A second process on the same data directory is refused while this one runs.
    await assert.rejects(connectDatabase({ dataDir }), DataDirLockedError);

    // The first run made an admin, whose password the server printed once.
    assert.equal(running.firstAdmin?.username, 'admin');
    const login = await fetch(`${running.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(running.firstAdmin) });
    assert.equal(login.status, 200);
    const { csrfToken } = await login.json();
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

    // An upload still arriving when SIGTERM comes is finished, not cut off.
    const body = JSON.stringify({ title: 'In flight', text: 'Sent while the server stops.' });
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie, 'x-csrf-token': csrfToken };
      const req = http.request(`${running.url}api/articles`, { method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    await new Promise((r) => setTimeout(r, 100));
    const stopped = running.stop();
    const answer = await inFlight;
    assert.equal(answer.status, 201, answer.text);
    await stopped;
    await assert.rejects(fetch(running.url), 'no longer accepting connections');
    assert.equal(fs.existsSync(path.join(dataDir, 'verbatim.lock')), false, 'lock released');
  });

  it('reopens the same data directory with the stored articles after a restart', async () => {
    const handle = await connectDatabase({ dataDir });
    const { rows } = await handle.pool.query('select title from articles order by id');
    assert.deepEqual(rows.map((r) => r.title), ["China slams 'groundless' allegations of Microsoft hack", 'In flight']);
    await handle.close();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    fs.writeFileSync(path.join(dataDir, 'verbatim.lock'), '999999999');
    const handle = await connectDatabase({ dataDir });
    await handle.close();
  });
});
