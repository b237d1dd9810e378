// npm run import on the queue, with a real `npm run worker` process: the importer waits for
// the worker and prints the summary, or (--no-wait) returns at once; the worker stops on
// SIGTERM after the records it holds. Server only: no worker can reach the embedded database.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addImportRecords, createImport } from '../../src/imports/imports.queries.ts';
import { inputsFingerprint, readInputs } from '../../src/imports/read/index.ts';
import { collect } from '../imports/read-helpers.ts';
import { type CliDatabase, cliDatabase, runImport, STACK_FRAME, type Started, start, summaryOf, tempDir, waitFor } from './import-cli.ts';

const skip = process.env.TEST_DATABASE_URL ? false : 'queue mode needs a PostgreSQL server (TEST_DATABASE_URL): workers cannot reach the embedded database';

describe('npm run import with a worker', { skip }, () => {
  const dir = tempDir('import-queue');
  let db: CliDatabase;
  let worker: Started;
  const file = (name: string, n: number) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, Array.from({ length: n }, (_, i) => JSON.stringify({ title: `${name} ${i + 1}`, text: `"We queue ${name} ${i + 1}," said Mayor Ilse Varga.` })).join('\n'));
    return p;
  };
  const importState = (importId: number) => db.read(async (q) => (await q<{ finished: boolean; stored: number; queued: number }>(
    `select i.finished_at is not null as finished, count(*) filter (where r.state = 'stored')::int as stored, count(*) filter (where r.state = 'queued')::int as queued
     from imports i join import_records r on r.import_id = i.id where i.id = $1 group by i.id`, [importId]))[0]);

  before(async () => {
    db = await cliDatabase('server');
    worker = start('worker.ts', db, ['--concurrency', '2']);
    await waitFor('the worker to start', () => worker.output.stderr.includes('waiting for import jobs') || worker.child.exitCode !== null);
    assert.equal(worker.child.exitCode, null, worker.output.stderr);
  });
  after(() => {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  });

  it('queues the records; the importer waits for the worker, prints the summary and exits 0', async () => {
    const r = await runImport(db, [file('waited.jsonl', 6)]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /every record is queued; waiting for the workers/);
    assert.deepEqual({ ...summaryOf(r.stdout), importId: 0 }, { importId: 0, done: 6, records: 6, stored: 6, duplicates: 0, errors: 0, statements: 6 });
    assert.deepEqual(await importState(summaryOf(r.stdout).importId), { finished: true, stored: 6, queued: 0 });
  });

  it('--no-wait returns once every record is queued; the worker stores them later', async () => {
    const r = await runImport(db, ['--no-wait', file('later.jsonl', 8)]);
    assert.equal(r.status, 0, r.stderr);
    const importId = Number(/^import (\d+): every record is queued; workers \(npm run worker\) store them/m.exec(r.stderr)?.[1]);
    assert.ok(importId > 0, r.stderr);
    assert.equal(r.stdout, '', 'no summary: it did not wait');
    const done = await waitFor('the worker to finish the import', async () => {
      const state = await importState(importId);
      return state?.finished && state;
    });
    assert.deepEqual(done, { finished: true, stored: 8, queued: 0 });
  });

  it('resumes on the queue an import an inline run was killed in: the records it read get jobs', async () => {
    // As `--inline` leaves it killed after its first batch: records queued, no job for them.
    const p = file('orphans.jsonl', 5);
    const handle = db.handle!;
    const importId = await createImport(handle.db, { kind: 'import', label: p, fingerprint: await inputsFingerprint([p], {}) });
    await addImportRecords(handle.db, importId, (await collect(readInputs([p], {}))).slice(0, 3));
    const r = await runImport(db, [p]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^resuming import ${importId}\\b[\\s\\S]*^import ${importId}: 3 records read by an earlier run \\(inline\\) are queued for the workers`, 'm'));
    assert.deepEqual({ ...summaryOf(r.stdout), statements: 0 }, { importId, done: 5, records: 5, stored: 5, duplicates: 0, errors: 0, statements: 0 });
  });

  it('the worker stops on SIGTERM, after the records it holds, and exits 0', async () => {
    const r = await runImport(db, ['--no-wait', file('stopped.jsonl', 40)]);
    assert.equal(r.status, 0, r.stderr);
    const importId = Number(/^import (\d+)$/m.exec(r.stderr)?.[1]);
    await waitFor('the worker to store a first record', async () => ((await importState(importId))?.stored ?? 0) > 0);
    worker.child.kill('SIGTERM');
    const stopped = await worker.done;
    assert.equal(stopped.status, 0, stopped.stderr);
    assert.match(stopped.stderr, /stopping after the articles it holds \(SIGTERM\)/);
    assert.match(stopped.stderr, /stopped after \d+ records/);
    assert.doesNotMatch(stopped.stderr, STACK_FRAME);
    // Nothing half done: no job left active, every record stored or still queued for the next worker.
    const { active, state } = await db.read(async (q) => ({
      active: (await q<{ n: number }>("select count(*)::int as n from pgboss.job where name = 'import-record' and state = 'active'"))[0]!.n,
      state: await importState(importId),
    }));
    assert.equal(active, 0);
    assert.equal(state!.stored + state!.queued, 40);
  });
});
