import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import { finishImportIfDone } from './imports.queries.ts';
import { findRecordToProcess, markRecordFailed, noteRecordAttempt } from './import-records.queries.ts';
import { describeFailure, processImportRecord, type RecordContext } from './process-record.ts';
import { FAILED_RECORD_QUEUE, RECORD_QUEUE, type RecordJob } from './queue.ts';

export interface WorkerOptions {
  /** Records processed at once (each one article: its reading thread and its store's connection). */
  concurrency: number;
  /** Pause (ms) when the queue is empty before looking again. */
  idlePollMs: number;
  /** Called after each record, for the worker's log. */
  onRecord?: (outcome: { state: string; recordId: number; error?: string }) => void;
}

/** Jobs one slot takes per fetch: fewer round trips than one at a time, and a slow article delays only its own slot's few. */
const JOBS_PER_FETCH = 4;
const KILLED_EVERY_TRY = 'its worker stopped (killed, or still busy after JOB_EXPIRE_SECONDS) on every try';

/**
 * Works the import queue until `signal` aborts: `concurrency` slots, each fetching a few jobs
 * (pg-boss `fetch`, SKIP LOCKED: no two workers get the same job), processing each record
 * in its own transaction (processImportRecord) and completing the job, or noting the failed
 * try on the record and failing the job, which pg-boss retries with backoff and, past its
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
  async function work(job: PgBoss.Job<RecordJob>): Promise<void> {
    try {
      const outcome = await processImportRecord(ctx, job.data.recordId);
      await boss.complete(RECORD_QUEUE, job.id);
      options.onRecord?.({ state: outcome.state, recordId: job.data.recordId });
    } catch (err) {
      const failure = describeFailure(err);
      await noteRecordAttempt(db, job.data.recordId, failure);
      await boss.fail(RECORD_QUEUE, job.id, { message: failure.message });
      options.onRecord?.({ state: 'retry', recordId: job.data.recordId, error: failure.message });
    }
  }
  async function slot(): Promise<void> {
    while (!signal.aborted) {
      const jobs = await boss.fetch<RecordJob>(RECORD_QUEUE, { batchSize: JOBS_PER_FETCH });
      for (const job of jobs) await work(job);
      if (jobs.length) continue;
      const dead = await boss.fetch<RecordJob>(FAILED_RECORD_QUEUE, { batchSize: JOBS_PER_FETCH });
      for (const job of dead) await recordFailed(job);
      if (dead.length) continue;
      await sleep(options.idlePollMs, undefined, { signal }).catch(() => undefined);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, slot));
}
