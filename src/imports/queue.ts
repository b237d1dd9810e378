import { CompiledQuery, type Kysely, sql } from 'kysely';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { QueueConfig } from '../config.ts';
import type { Database } from '../db/database.ts';

// The import queue: pg-boss 10 (10.4.2), the newest line that runs on Node 20 (11 and 12 need
// Node 22); it keeps its tables in the `pgboss` schema, made by start(). Jobs carry only a
// record id ({ recordId }): the record, with its raw article, is in import_records.
/** Jobs to store (or re-extract) one import record. */
export const RECORD_QUEUE = 'import-record';
/** Where pg-boss moves a job whose tries are used up (or whose worker died each time): its record is marked failed. */
export const FAILED_RECORD_QUEUE = 'import-record-failed';

export interface RecordJob {
  recordId: number;
}

/**
 * Starts pg-boss on `databaseUrl` (migrating its schema on first use) and creates or updates
 * both queues with `config`'s retry and expiry. `supervise`: this process also expires jobs
 * of dead workers (workers do; the importer does not). Errors pg-boss hits in the background
 * go to `onError`. Throws if the database cannot be reached. Stop it with stopQueue().
 */
export async function startQueue(databaseUrl: string, config: QueueConfig, options: { supervise: boolean; onError: (err: Error) => void }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 3,
    supervise: options.supervise,
    schedule: false,
    maintenanceIntervalSeconds: config.maintenanceSeconds,
  });
  boss.on('error', options.onError);
  const policy = {
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: config.expireSeconds,
  };
  await oneAtATime(databaseUrl, async () => {
    await boss.start();
    await ensureQueue(boss, { name: FAILED_RECORD_QUEUE, ...policy, retryLimit: config.retryLimit + 2 });
    await ensureQueue(boss, { name: RECORD_QUEUE, ...policy, deadLetter: FAILED_RECORD_QUEUE });
  });
  return boss;
}

/**
 * Runs `setUp` while holding a session advisory lock on `databaseUrl`, so one process at a
 * time starts the queue: pg-boss 10's create_queue() creates a partition and its foreign
 * keys, and two processes creating the same queue at once (two workers, or a worker and an
 * importer, started together on a new database) deadlock (40P01) and one of them dies.
 * The lock is released when its connection ends, also if this process is killed.
 */
async function oneAtATime(databaseUrl: string, setUp: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {}); // a lost connection also fails the query in hand, which throws
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('verbatim: import queue set-up'))`);
    await setUp();
  } finally {
    await client.end();
  }
}

async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
  else await boss.createQueue(queue.name, queue);
}

export async function stopQueue(boss: PgBoss): Promise<void> {
  await boss.stop({ graceful: false, wait: true, close: true });
}

/**
 * Enqueues one job per record id inside `db` (a transaction of the caller's: the records
 * and their jobs land together, or neither does).
 */
export async function enqueueRecords(boss: PgBoss, db: Kysely<Database>, recordIds: readonly number[]): Promise<void> {
  if (recordIds.length === 0) return;
  const executor = { executeSql: async (text: string, values: unknown[]) => db.executeQuery(CompiledQuery.raw(text, values)) as Promise<{ rows: any[] }> };
  await boss.insert(recordIds.map((recordId) => ({ name: RECORD_QUEUE, data: { recordId } satisfies RecordJob })), { db: executor });
}

/**
 * Enqueues the records of import `importId` still queued that no job carries (in pg-boss's
 * `pgboss.job`: none waiting, retrying or running for them in either queue): the ones an
 * inline run (--inline, or the admin page's retry) read and was killed before storing, which
 * a resumed run on the queue would otherwise wait for forever. Returns how many it enqueued.
 */
export async function enqueueRecordsWithoutJob(boss: PgBoss, db: Kysely<Database>, importId: number): Promise<number> {
  const rows = await sql<{ id: number }>`
    select r.id from import_records r
    where r.import_id = ${importId} and r.state = 'queued'
      and not exists (
        select 1 from pgboss.job j
        where j.name in (${RECORD_QUEUE}, ${FAILED_RECORD_QUEUE}) and j.state in ('created', 'retry', 'active')
          and j.data->>'recordId' = r.id::text)
    order by r.id`.execute(db);
  const ids = rows.rows.map((r) => r.id);
  await enqueueRecords(boss, db, ids);
  return ids.length;
}
