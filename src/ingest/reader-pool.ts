import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ReaderConfig } from '../config.ts';
import type { ExtractionResult } from '../extraction/index.ts';
import { InputError, ServiceBusyError } from '../http/errors.ts';
import type { ArticleReader, ReadOutcome, ReadTask } from './read-article-body.ts';

/**
 * The worker threads that read articles (HTML cleaning, extraction), so that no article,
 * however hostile, can stall the server's event loop. One per app or CLI run, passed down
 * (AppDeps.readers); close() it on shutdown.
 */
export interface ReaderPool {
  /** Reads one article's body in a worker (see readArticleBody); errors as below. */
  readArticle: ArticleReader;
  /**
   * Runs the extractor over stored text in a worker; `field` names the article in errors;
   * `language` is the article's stored language code (unset: detected from the text).
   */
  extract(bodyText: string, field: string, language?: string): Promise<ExtractionResult>;
  /** Waits for running tasks, then stops the threads. */
  close(): Promise<void>;
}

// The worker runs TypeScript: it inherits the process's execArgv, where `tsx` (npm start,
// the CLIs) or `node --import tsx` (the tests) registered the loader. On Node 20 only tsx's
// require() hook reaches worker threads, which piscina tries first; the pool's default
// `name` must name a real export, as piscina preloads it (a miss falls back to import(), which
// fails on .ts there).
const WORKER_FILE = new URL('./read-article.worker.ts', import.meta.url).href;
// Threads beyond the first stop after this long idle (the first stays: loading jsdom takes ~1 s).
const IDLE_MS = 60_000;
// A young generation of 96 MB, twice V8's default of 48 (two 32 MB semi-spaces): reading
// and extracting an article allocates a few MB of short-lived objects, which the default
// scavenges, and partly promotes, more often. Measured with scripts/bench-ingest.ts
// (docs/performance.md, fourth pass): the reader threads and V8's GC helper threads used
// about 10% less CPU per article.
const YOUNG_GENERATION_MB = 96;

/**
 * The piscina pool is made on first use, so a process that never reads an article starts no
 * thread; from then on one thread always runs (with minThreads 0, piscina starts no new thread
 * after stopping one over budget, and the tasks queued behind it would wait forever).
 * Each task may run config.timeBudgetMs from when a worker starts it; past that the worker is
 * terminated (piscina starts another) and the caller gets InputError 422 naming the field.
 * With every worker busy and config.queue tasks waiting, another gets ServiceBusyError (503,
 * Retry-After: the budget in seconds). That bound is counted here: piscina's maxQueue does not
 * count tasks that carry an AbortSignal, as every task here does.
 */
export function createReaderPool(config: ReaderConfig, onWorkerError?: (err: Error) => void): ReaderPool {
  let pool: Piscina | undefined;
  let closed = false;
  let admitted = 0; // running or waiting
  const threads = () => {
    if (closed) throw new Error('the reader pool is closed');
    if (pool) return pool;
    pool = new Piscina({
      filename: WORKER_FILE,
      name: 'readArticle',
      minThreads: 1,
      maxThreads: config.workers,
      idleTimeout: IDLE_MS,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    // A worker failing outside a task (it never should) is reported, not a crash of the process.
    pool.on('error', (err: Error) => onWorkerError?.(err));
    return pool;
  };

  async function run<R>(name: 'readArticle' | 'extract', task: object, field: string, overBudget: string): Promise<R> {
    if (admitted >= config.workers + config.queue) {
      throw new ServiceBusyError('Too many articles are being read right now; try again shortly', Math.ceil(config.timeBudgetMs / 1000));
    }
    admitted++;
    const budget = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => budget.abort(), config.timeBudgetMs);
    });
    try {
      return await threads().run({ ...task, started: port2 }, { name, signal: budget.signal, transferList: [port2] });
    } catch (err) {
      if (budget.signal.aborted) throw new InputError([{ field, message: overBudget }]);
      throw err;
    } finally {
      admitted--;
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
    extract: (bodyText, field, language) =>
      run<ExtractionResult>('extract', { bodyText, language }, field, `extraction took longer than ${seconds} s (the limit per article)`),
    close: async () => {
      closed = true;
      await pool?.close();
    },
  };
}
