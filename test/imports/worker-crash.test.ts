import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { databaseUrl, testDatabase } from '../helpers/database.ts';
import { type Child, generateArticles, killHard, queueEnv, recordStates, seededRandom, startScript, statementsByContent, waitFor } from './processes.ts';

// Issue 14 point 3: "killing the importer or a worker at any moment and starting it again
// completes the import with no missing and no duplicated articles or statements". A seeded
// loop: an importer (queue mode) and two workers run on an archive; each round, after a random
// delay, SIGKILLs a worker, the importer or both, and starts again what it killed (the
// importer with the same arguments, which resumes its import). Then the result is compared
// with a clean inline import of the same file into another database. CRASH_SEED=N repeats a run.

const serverUrl = process.env.TEST_DATABASE_URL;
const skip = serverUrl ? false : 'workers need a PostgreSQL server: set TEST_DATABASE_URL (the embedded database imports inline only)';
// 240: a first batch of 200 records and a second one, so the importer can die between them.
const ARTICLES = 240;
const ROUNDS = 3;

describe('crash and restart', { skip }, () => {
  it('ends like a clean import: every article once, with the same statements', { timeout: 300_000 }, async (t) => {
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 1e9));
    t.diagnostic(`seed ${seed} (CRASH_SEED=${seed} repeats this run)`);
    console.log(`# worker-crash seed ${seed}`);
    const random = seededRandom(seed);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-crash-'));
    const file = path.join(dir, 'archive.ndjson');
    fs.writeFileSync(file, `${generateArticles(random, ARTICLES, `crash ${seed}`).join('\n')}\n`);
    const [handle, reference] = await Promise.all([testDatabase(), testDatabase()]);
    const db = handle.db;
    // Jobs a killed worker held come back after 8 s; shorter, and a slot's fourth job (fetched
    // with three others) expires on a busy machine before its turn and is read twice.
    const env = queueEnv(databaseUrl(handle), { JOB_EXPIRE_SECONDS: '8' });

    // The clean import, inline into its own database, alongside the crashing one.
    const clean = startScript('clean import', 'import', ['--inline', file], queueEnv(databaseUrl(reference)));

    let importerRuns = 0;
    let importer: Child | undefined;
    const workerRuns = [0, 0];
    const workers: (Child | undefined)[] = [undefined, undefined];
    const everyone: Child[] = [clean];
    const theImport = () => db.selectFrom('imports').select(['id', 'finished_at']).executeTakeFirst();
    const importDone = async () => Boolean((await theImport())?.finished_at);
    // An importer run that starts after its import was created must resume it.
    const mustResume = new Map<Child, boolean>();
    const startImporter = async () => {
      const existed = Boolean(await theImport());
      importer = startScript(`importer run ${++importerRuns}`, 'import', [file], env);
      mustResume.set(importer, existed);
      everyone.push(importer);
    };
    const startWorker = (i: number) => {
      workers[i] = startScript(`worker ${i} run ${++workerRuns[i]!}`, 'worker', ['--concurrency', '2'], env);
      everyone.push(workers[i]!);
    };
    const ensureRunning = async () => {
      if (!importer || (!importer.running() && (await importer.exited).signal === 'SIGKILL' && !(await importDone()))) await startImporter();
      for (const i of [0, 1]) if (!workers[i]?.running()) startWorker(i);
    };

    // Each round kills at a random point of its own stretch of the import (a random count of
    // records done), or, for the importer, soon after it created the import (while it reads).
    const doneCount = async () => {
      const found = await theImport();
      if (!found) return 0;
      const states = await recordStates(db, found.id);
      return Object.values(states).reduce((a, b) => a + b, 0) - (states.queued ?? 0);
    };
    for (let round = 1; round <= ROUNDS && !(await importDone()); round++) {
      await ensureRunning();
      const choice = Math.floor(random() * 4);
      const victims = [[workers[0]!], [workers[1]!], [importer!], [importer!, workers[Math.floor(random() * 2)]!]][choice]!;
      const target = Math.floor((ARTICLES * (round - 1 + random())) / (ROUNDS + 1));
      const whileReading = victims.includes(importer!) && importer!.running() && random() < 0.5;
      if (whileReading) await waitFor('the import to be created', theImport, 90_000, everyone);
      else await waitFor(`${target} records done`, async () => (await doneCount()) >= target || (await importDone()), 120_000, everyone);
      await sleep(random() * (whileReading ? 800 : 400));
      const found = await theImport();
      const states = found ? await recordStates(db, found.id) : {};
      await Promise.all(victims.map(killHard));
      t.diagnostic(`round ${round}: killed ${victims.map((v) => v.name).join(' and ')} at ${JSON.stringify(states)}${found?.finished_at ? ' (finished)' : ''}`);
    }
    await ensureRunning();
    // The last round may have killed the importer just as the workers finished the import
    // (ensureRunning then starts none): a new run ends it, finding nothing to resume and
    // importing the archive again, all duplicates.
    if (!importer!.running() && (await importer!.exited).signal === 'SIGKILL') await startImporter();
    const last = importer!;
    const { code } = await waitFor('the last importer to end', async () => (last.running() ? null : last.exited), 200_000, everyone);
    assert.equal(code, 0, last.output());
    // The workers may finish the import while the last importer starts: it then finds no
    // import to resume and makes a second one, all duplicates (as importing an archive again).
    const imports = await db.selectFrom('imports').select(['id', 'created_at', 'finished_at']).orderBy('id').execute();
    const importId = imports[0]!.id;
    assert.ok(imports.length <= 2, `at most one import after the first: ${JSON.stringify(imports)}`);
    if (imports[1]) assert.ok(imports[1].created_at >= imports[0]!.finished_at!, 'a second import was made only once the first had finished');
    const lastId = imports.at(-1)!.id;
    assert.match(last.output(), new RegExp(`^import ${lastId}: ${ARTICLES} of ${ARTICLES} done: (${ARTICLES} stored, 0 duplicates|0 stored, ${ARTICLES} duplicates), 0 errors`, 'm'));
    const madeFirst = [...mustResume.keys()].filter((run) => new RegExp(`^import ${importId}$`, 'm').test(run.output()));
    assert.ok(madeFirst.length <= 1, `one run made import ${importId}, every later one resumed it:\n${madeFirst.map((r) => r.output()).join('\n---\n')}`);
    for (const [run, existed] of mustResume) {
      if (existed && new RegExp(`^import ${importId}$`, 'm').test(run.output())) assert.fail(`${run.name} did not resume import ${importId}:\n${run.output()}`);
    }
    // Jobs whose worker was killed after storing come back once more (and find their record stored).
    await waitFor('the queue to drain', async () => {
      const left = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active')`.execute(db);
      return left.rows[0]!.n === 0;
    }, 60_000, everyone);
    for (const w of workers) w!.process.kill('SIGTERM');
    for (const w of workers) {
      // One restarted in the last round may still be starting: then SIGTERM ends it at once, holding nothing.
      const started = /waiting for import jobs/.test(w!.output());
      const end = await w!.exited;
      assert.ok(end.code === 0 || (!started && end.signal === 'SIGTERM'), `${w!.name} ended ${JSON.stringify(end)}:\n${w!.output()}`);
    }
    assert.equal((await clean.exited).code, 0, clean.output());

    const expected = await statementsByContent(reference.db);
    const got = await statementsByContent(db);
    assert.equal(expected.size, ARTICLES, 'the clean import stored every article');
    const missing = [...expected].filter(([sha]) => !got.has(sha)).length;
    const withoutStatements = [...expected].filter(([sha, n]) => n > 0 && got.get(sha) === 0).length;
    assert.equal(missing, 0, 'no article missing');
    assert.equal(withoutStatements, 0, 'no article without its statements');
    assert.deepEqual(got, expected, 'the same statements per article (by content hash)');
    assert.deepEqual(await recordStates(db, importId), { stored: ARTICLES }, 'every record read once, and stored');
    if (imports[1]) assert.deepEqual(await recordStates(db, imports[1].id), { duplicate: ARTICLES });
    const unlinked = await db.selectFrom('import_records').select('id').where('article_id', 'is', null).execute();
    assert.deepEqual(unlinked, [], 'every record names its article');
    const sums = await sql<{ recorded: number; statements: number; creates: number; articles: number }>`
      select (select sum(statement_count)::int from import_records) as recorded,
        (select count(*)::int from statements) as statements,
        (select count(*)::int from audit_log where action = 'article.create') as creates,
        (select count(distinct entity_id)::int from audit_log where action = 'article.create') as articles`.execute(db);
    const s = sums.rows[0]!;
    assert.equal(s.recorded, s.statements, "the records' statement counts add up to the statements stored");
    assert.deepEqual([s.creates, s.articles], [ARTICLES, ARTICLES], 'one article.create per article');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
