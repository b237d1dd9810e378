import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { databaseUrl, testDatabase } from '../helpers/database.ts';
import { generateArticles, queueEnv, recordStates, seededRandom, startScript, waitFor } from './processes.ts';

// Issue 14: "two workers never store the same article twice". Two worker processes share
// one queue of 200 records, 20 of them copies of another record 4 places earlier (so the
// copy is usually fetched by another slot or worker while the first is being stored: both
// race to insert the same content). Each content must be stored once, by one record.

const serverUrl = process.env.TEST_DATABASE_URL;
const skip = serverUrl ? false : 'workers need a PostgreSQL server: set TEST_DATABASE_URL (the embedded database imports inline only)';

describe('two workers on one queue', { skip }, () => {
  it('store every article once: one article per content, one stored record and one article.create each', { timeout: 240_000 }, async () => {
    const handle = await testDatabase();
    const db = handle.db;
    // No worker is killed here: jobs need not expire soon (a slot's 4 jobs wait their turn).
    const env = queueEnv(databaseUrl(handle), { JOB_EXPIRE_SECONDS: '120' });
    const distinct = generateArticles(seededRandom(14), 180, 'race');
    const lines = [...distinct];
    for (let k = 19; k >= 0; k--) lines.splice(k * 9 + 4, 0, distinct[k * 9]!);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verbatim-race-'));
    const file = path.join(dir, 'race.ndjson');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);

    // Both workers wait on the empty queue first, so they start on it together.
    const workers = [startScript('worker A', 'worker', ['--concurrency', '2'], env), startScript('worker B', 'worker', ['--concurrency', '2'], env)];
    for (const w of workers) await waitFor(`${w.name} to start`, async () => /waiting for import jobs/.test(w.output()), 90_000, workers);
    const importer = startScript('importer', 'import', ['--no-wait', file], env);
    const { code } = await importer.exited;
    assert.equal(code, 0, importer.output());
    assert.match(importer.output(), /every record is queued; workers \(npm run worker\) store them/);
    const { id: importId } = await db.selectFrom('imports').select('id').executeTakeFirstOrThrow();
    await waitFor('the import to finish', async () => (await db.selectFrom('imports').select('finished_at').where('id', '=', importId).executeTakeFirstOrThrow()).finished_at, 180_000, workers);
    for (const w of workers) w.process.kill('SIGTERM');
    const done = [];
    for (const w of workers) {
      assert.deepEqual(await w.exited, { code: 0, signal: null }, w.output());
      done.push(Number(/stopped after (\d+) records/.exec(w.output())?.[1]));
    }
    assert.ok(done.every((n) => n > 0), `both workers stored some (records each: ${done.join(', ')})`);
    assert.ok(done[0]! + done[1]! >= 200, `every record was worked (records each: ${done.join(', ')})`);

    assert.deepEqual(await recordStates(db, importId), { stored: 180, duplicate: 20 });
    const articles = await db.selectFrom('articles').select(['id', 'content_sha256']).execute();
    assert.equal(articles.length, 180, 'one article per distinct content');
    assert.equal(new Set(articles.map((a) => a.content_sha256)).size, 180);
    const storedTwice = await sql<{ article_id: number }>`
      select article_id from import_records where state = 'stored' group by article_id having count(*) > 1`.execute(db);
    assert.deepEqual(storedTwice.rows, [], 'no article was stored by two records');
    const orphans = await db.selectFrom('import_records').select('id').where('import_id', '=', importId).where('article_id', 'is', null).execute();
    assert.deepEqual(orphans, [], 'every record names its article');
    const copies = await sql<{ n: number }>`
      select count(*)::int as n from import_records c join import_records o on o.article_id = c.article_id and o.state = 'stored'
      where c.state = 'duplicate'`.execute(db);
    assert.equal(copies.rows[0]!.n, 20, "each copy points at its original's article");
    const creates = await sql<{ entity_id: number; n: number }>`
      select entity_id, count(*)::int as n from audit_log where action = 'article.create' group by entity_id`.execute(db);
    assert.equal(creates.rows.length, 180);
    assert.ok(creates.rows.every((r) => r.n === 1), 'one article.create per article');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
