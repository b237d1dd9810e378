import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { InputError, ServiceBusyError } from '../../src/http/errors.ts';
import { createReaderPool } from '../../src/ingest/reader-pool.ts';
import { readArticleBody, type ReadTask } from '../../src/ingest/read-article-body.ts';

// 2,000 nested <div>s around one paragraph: Readability needs minutes for it (500 levels
// already take 10-13 s here), so under a raised depth limit only the time budget stops it.
const STALLING_PAGE = `<html><body>${'<div>'.repeat(2000)}<p>"We will act," the minister said on Tuesday.</p></body></html>`;
const stalling: ReadTask = { text: STALLING_PAGE, format: 'html', field: 'html', pageUrl: null };
const story: ReadTask = { text: '"We will act," the minister said.\n\nTalks go on.', format: 'text', field: 'text', pageUrl: null };

const pools: { close(): Promise<void> }[] = [];
after(() => Promise.all(pools.map((p) => p.close())));
function pool(env: Record<string, string>) {
  const p = createReaderPool(loadConfig({ INGEST_MAX_HTML_DEPTH: '5000', ...env }).readers);
  pools.push(p);
  return p;
}

describe('the reader pool', () => {
  it('reads an article in a worker thread exactly as on this thread', async () => {
    const p = pool({ INGEST_WORKERS: '1' });
    const inWorker = await p.readArticle(story);
    assert.deepEqual(inWorker, readArticleBody(story, { maxHtmlDepth: 100 }));
    assert.ok(inWorker.ok && inWorker.extraction.statements.length === 1);
  });

  it('stops a task over its time budget with a 422 naming the field, then serves the next one', async () => {
    const p = pool({ INGEST_WORKERS: '1', INGEST_TIME_BUDGET_MS: '1500' });
    const started = performance.now();
    await assert.rejects(p.readArticle(stalling), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.status, 422);
      assert.deepEqual(err.issues, [{ field: 'html', message: 'the page took longer than 1.5 s to read (the limit per article); it was not stored' }]);
      return true;
    });
    assert.ok(performance.now() - started < 30_000);
    // The stopped worker was replaced.
    assert.equal((await p.readArticle(story)).ok, true);
  });

  it('counts the budget from when a worker starts the task, not while it waits', async () => {
    const p = pool({ INGEST_WORKERS: '1', INGEST_TIME_BUDGET_MS: '1500' });
    const slow = Promise.allSettled([p.readArticle(stalling), p.readArticle(stalling)]);
    // Waits behind two tasks that each use the whole budget: longer than one budget in all.
    const waited = performance.now();
    const queued = await p.readArticle(story);
    assert.ok(performance.now() - waited > 3_000);
    assert.equal(queued.ok, true);
    for (const r of await slow) assert.equal(r.status, 'rejected');
  });

  it('refuses a task when every worker is busy and the queue is full: 503 with a retry delay', async () => {
    const p = pool({ INGEST_WORKERS: '1', INGEST_QUEUE: '1', INGEST_TIME_BUDGET_MS: '2000' });
    const running = assert.rejects(p.readArticle(stalling), InputError);
    const waiting = p.readArticle(story);
    await assert.rejects(p.readArticle(story), (err: unknown) => {
      assert.ok(err instanceof ServiceBusyError);
      assert.equal(err.status, 503);
      assert.equal(err.retryAfterSeconds, 2);
      return true;
    });
    await running;
    assert.equal((await waiting).ok, true);
  });
});
