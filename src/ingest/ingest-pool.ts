import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { IngestConfig } from '../config.ts';
import type { ExtractionResult } from '../extraction/index.ts';
import { InputError, ServiceBusyError } from '../http/errors.ts';
import type { ArticleReader, ReadOutcome, ReadTask } from './read-article-body.ts';

/**
 * The worker threads that read articles (HTML cleaning, extraction), so that no article,
 * however hostile, can stall the server's event loop. One per app or CLI run, passed down
 * (AppDeps.ingest); close() it on shutdown.
 */
export interface IngestPool {
  /** Reads one article's body in a worker (see readArticleBody); errors as below. */
  readArticle: ArticleReader;
  /** Runs the extractor over stored text in a worker; `field` names the article in errors. */
  extract(bodyText: string, field: string): Promise<ExtractionResult>;
  /** Waits for running tasks, then stops the threads. */
  close(): Promise<void>;
}

// The worker runs TypeScript: it inherits the process's execArgv, where `tsx` (npm start,
// the CLIs) or `node --import tsx` (the tests) registered the loader. On Node 20 only tsx's
// require() hook reaches worker threads, which piscina tries first; the pool's default
// `name` must name a real export, as piscina preloads it (a miss falls back to import(), which
// fails on .ts there).
const WORKER_FILE = new URL('./read-article.worker.ts', import.meta.url).href;
// A worker's first task pays ~0.8 s loading jsdom; keep an idle one a minute for the next.
const IDLE_MS = 60_000;
// piscina 5 rejects a task it has no room for with one of these (its Errors are not exported;
// test/ingest/ingest-pool.test.ts pins them).
const QUEUE_FULL = new Set(['Task queue is at limit', 'No task queue available and all Workers are busy']);

/**
 * Threads start on first use (a process that never reads an article starts none).
 * Each task may run config.timeBudgetMs from when a worker starts it; past that the worker is
 * terminated (piscina starts another) and the caller gets InputError 422 naming the field.
 * With every worker busy and config.queue tasks waiting, another gets ServiceBusyError (503,
 * Retry-After: the budget in seconds).
 */
export function createIngestPool(config: IngestConfig, onWorkerError?: (err: Error) => void): IngestPool {
  const pool = new Piscina({
    filename: WORKER_FILE,
    name: 'readArticle',
    minThreads: 0,
    maxThreads: config.workers,
    maxQueue: config.queue,
    idleTimeout: IDLE_MS,
  });
  // A worker failing outside a task (it never should) is reported, not a crash of the process.
  pool.on('error', (err: Error) => onWorkerError?.(err));

  async function run<R>(name: 'readArticle' | 'extract', task: object, field: string, overBudget: string): Promise<R> {
    const budget = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => budget.abort(), config.timeBudgetMs);
    });
    try {
      return await pool.run({ ...task, started: port2 }, { name, signal: budget.signal, transferList: [port2] });
    } catch (err) {
      if (budget.signal.aborted) throw new InputError([{ field, message: overBudget }]);
      if (err instanceof Error && QUEUE_FULL.has(err.message)) {
        throw new ServiceBusyError('Too many articles are being read right now; try again shortly', Math.ceil(config.timeBudgetMs / 1000));
      }
      throw err;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  const seconds = (config.timeBudgetMs / 1000).toLocaleString('en');
  return {
    readArticle: (task: ReadTask) => {
      const what = task.format === 'html' ? 'the page' : 'the text';
      const overBudget = `${what} took longer than ${seconds} s to read (the limit per article); it was not stored`;
      return run<ReadOutcome>('readArticle', { ...task, maxHtmlDepth: config.maxHtmlDepth }, task.field, overBudget);
    },
    extract: (bodyText, field) =>
      run<ExtractionResult>('extract', { bodyText }, field, `extraction took longer than ${seconds} s (the limit per article)`),
    close: () => pool.close(),
  };
}
