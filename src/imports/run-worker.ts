import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import { finishImportIfDone } from './imports.queries.ts';
import { findRecordToProcess, markRecordFailed, noteRecordAttempt } from './import-records.queries.ts';
import { describeFailure, processImportRecords, type RecordContext } from './process-record.ts';
import { FAILED_RECORD_QUEUE, RECORD_QUEUE, type RecordJob } from './queue.ts';

export interface WorkerOptions {
  /** Records processed at once (each one article: its reading thread and its store's connection). */
  concurrency: number;
  /** Pause (ms) when the queue is empty before looking again. */
  idlePollMs: number;
  /** Called after each record, for the worker's log. */
  onRecord?: (outcome: { state: string; recordId: number; error?: string }) => void;
}

/**
 * Jobs one slot takes per fetch, and stores in one transaction (processImportRecords): fewer
 * round trips, plans and commits than one at a time, while a slow article delays only its
 * own slot's few. 12 against 4 and 32, measured with scripts/bench-ingest.ts
 * (docs/performance.md, fourth pass). JOB_EXPIRE_SECONDS (300) stays far above a batch's
 * reads (each within INGEST_TIME_BUDGET_MS) and store (within the statement timeout).
 */
export const JOBS_PER_FETCH = 12;
const KILLED_EVERY_TRY = 'its worker stopped (killed, or still busy after JOB_EXPIRE_SECONDS) on every try';

/**
 * Works the import queue until `signal` aborts: `concurrency` slots, each fetching a few jobs
 * (pg-boss `fetch`, SKIP LOCKED: no two workers get the same job), storing their records
 * together (processImportRecords: one transaction, each record marked in it; a failing
 * record is then retried alone) and completing the jobs, or noting a failed try on its
 * record and failing its job, which pg-boss retries with backoff and, past its
 * retries, moves to FAILED_RECORD_QUEUE; a slot with no work marks those records failed.
 * On abort each slot finishes the jobs it holds, then returns. Throws only if the database
 * fails outside a record (the caller exits and the jobs it held expire and are retried).
 */
export async function runWorker(boss: PgBoss, ctx: RecordContext, options: WorkerOptions, signal: AbortSignal): Promise<void> {
  const db = ctx.store.db;
  async function recordFailed(job: PgBoss.Job<RecordJob>): Promise<void> {
    await markRecordFailed(db, job.data.recordId, KILLED_EVERY_TRY);
    const record = await findRecordToProcess(db, job.data.recordId);
    if (record) await finishImportIfDone(db, record.importId);
    await boss.complete(FAILED_RECORD_QUEUE, job.id);
    options.onRecord?.({ state: 'failed', recordId: job.data.recordId, error: 'failed after its retries' });
  }
  async function work(jobs: PgBoss.Job<RecordJob>[]): Promise<void> {
    // A failed try is noted and its job failed as soon as it is known, not after the others' store.
    const outcomes = await processImportRecords(ctx, jobs.map((j) => j.data.recordId), async ({ recordId, error }) => {
      const failure = describeFailure(error);
      await noteRecordAttempt(db, recordId, failure);
      await boss.fail(RECORD_QUEUE, jobs.find((j) => j.data.recordId === recordId)!.id, { message: failure.message });
      options.onRecord?.({ state: 'retry', recordId, error: failure.message });
    });
    const done = jobs.filter((_, i) => 'outcome' in outcomes[i]!);
    if (done.length) await boss.complete(RECORD_QUEUE, done.map((j) => j.id));
    for (const [i, job] of jobs.entries()) {
      const result = outcomes[i]!;
      if ('outcome' in result) options.onRecord?.({ state: result.outcome.state, recordId: job.data.recordId });
    }
  }
  async function slot(): Promise<void> {
    while (!signal.aborted) {
      const jobs = await boss.fetch<RecordJob>(RECORD_QUEUE, { batchSize: JOBS_PER_FETCH });
      if (jobs.length) await work(jobs);
      if (jobs.length) continue;
      const dead = await boss.fetch<RecordJob>(FAILED_RECORD_QUEUE, { batchSize: JOBS_PER_FETCH });
      for (const job of dead) await recordFailed(job);
      if (dead.length) continue;
      await sleep(options.idlePollMs, undefined, { signal }).catch(() => undefined);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, slot));
}
