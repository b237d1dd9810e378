import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { nearIdenticalQuotes } from '../fixtures/big-articles.ts';
import { listen, loggedIn, testApp } from '../helpers/app.ts';

// Issue 9: one slow store held locks that queued the other stores, each holding a pool
// connection, until a reader's page waited 22 s for one. Stores now run on a pool of their
// own, each statement with a time limit. Both need a server: embedded PGlite has one
// connection (a read always queues behind a running store there) and ignores
// statement_timeout.
const skip = !process.env.TEST_DATABASE_URL && 'embedded PGlite has one connection and ignores statement_timeout';

/** A client of its own that holds statement_words in SHARE mode: every store's insert waits. */
async function blockStores(url: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  await client.query('lock table statement_words in share mode');
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('rollback');
      await client.end();
    },
  };
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('stores and readers', { skip }, () => {
  it('readers answer within 1 s (or 10 idle reads on a slow machine) while 12 stores wait on locks and 5,000 near-identical quotes cluster', { timeout: 180_000 }, async () => {
    const t = await testApp();
    const url = (t.handle.pool.options as { connectionString: string }).connectionString;
    const editor = await loggedIn(t);
    const post = (body: object) => editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(body).then((r) => r);
    const earlier = (await post({ title: 'Earlier', text: nearIdenticalQuotes(3) })).body.id;
    const server = await listen(t.app);
    /** How long a search and an article page take together, in ms (statuses checked). */
    const read = async (when: string): Promise<number> => {
      const started = Date.now();
      const signal = AbortSignal.timeout(5000);
      const statuses = await Promise.all([
        fetch(`${server.baseUrl}/api/search?q=groundless+accusations`, { signal }).then((r) => r.status),
        fetch(`${server.baseUrl}/articles/${earlier}`, { signal }).then((r) => r.status),
      ]).catch(() => 'gave up after 5 s');
      assert.deepEqual(statuses, [200, 200], `reading ${when}`);
      return Date.now() - started;
    };
    // The same reads with no store running, on this machine at this moment (the suite runs two
    // files at once on 2 shared cores): a reader is prompt when it takes under 1 s, or under 10
    // times this when the machine is that slow. Starved, it waited 22 s (given up after 5 s here).
    await read('to warm up');
    const idle = Math.max(await read('with no store running'), await read('with no store running'));
    const promptMs = Math.max(1000, 10 * idle);
    /** A search and an article page, promptly (see promptMs). */
    const readPromptly = async (when: string) => {
      const ms = await read(when);
      assert.ok(ms < promptMs, `a reader waited ${ms} ms ${when} (${idle} ms with no store running)`);
    };
    const waitingStores = async () =>
      (await t.handle.pool.query(`select count(*)::int n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n as number;
    const blocker = await blockStores(url);
    try {
      const started = Date.now();
      const big = post({ title: 'Big', text: nearIdenticalQuotes(5000) }).then((r) => ({ status: r.status, seconds: (Date.now() - started) / 1000 }));
      const small = Array.from({ length: 11 }, (_, i) => post({ title: `Small ${i}`, text: nearIdenticalQuotes(2).replaceAll('number', `update ${i}, number`) }));
      // More stores than the read pool has connections (10) are now stuck on the lock.
      await waitFor(async () => (await waitingStores()) >= 4, 'stores waiting on the lock');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await readPromptly('behind queued stores');
      await blocker.release();
      // The big store now holds its words' locks while it clusters; the small ones wait behind it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await readPromptly('while the big store ran');
      const results = await Promise.all([big, ...small]);
      assert.ok(results.slice(1).every((r) => r.status === 201), results.map((r) => r.status).join(' '));
      const { status, seconds } = await big;
      assert.equal(status, 201);
      // Before: 129 s on the development machine; after: about 5 s.
      assert.ok(seconds < 60, `the big store took ${seconds} s`);
    } finally {
      await blocker.release();
      await server.close();
    }
  });

  it('cancels a store stuck past INGEST_STATEMENT_TIMEOUT_MS: 422 naming the text field, nothing stored', { timeout: 30_000 }, async () => {
    const t = await testApp({ INGEST_STATEMENT_TIMEOUT_MS: '300' });
    const editor = await loggedIn(t);
    const blocker = await blockStores((t.handle.pool.options as { connectionString: string }).connectionString);
    try {
      const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken)
        .send({ title: 'Stuck', text: nearIdenticalQuotes(2) }).timeout(10_000).expect(422);
      assert.equal(res.body.status, 422);
      assert.equal(res.body.issues[0].field, 'text');
      assert.match(res.body.issues[0].message, /^storing this article took longer than 300 ms/);
    } finally {
      await blocker.release();
    }
    const stored = await t.handle.pool.query(`select (select count(*) from articles where title = 'Stuck')::int a, (select count(*) from statements)::int s, (select count(*) from speakers)::int sp`);
    assert.deepEqual(stored.rows[0], { a: 0, s: 0, sp: 0 }, 'nothing half-stored');
  });
});
