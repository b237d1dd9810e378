// Entry module of the reader pool's worker threads (reader-pool.ts loads it by file name).
// Each task first tells the pool it has started, so the time budget counts from then and not
// while the task waited in the queue; then it runs synchronously to the end, or until the
// pool stops this thread for being over budget.
import type { MessagePort } from 'node:worker_threads';
import type { ExtractionResult } from '../extraction/index.ts';
import { extractArticle } from './extract-article.ts';
import { readArticleBody, type ReadOutcome, type ReadTask } from './read-article-body.ts';

/** What every task carries besides its input: the port it announces its start on. */
export interface StartedPort {
  started: MessagePort;
}

export function readArticle(task: ReadTask & StartedPort & { maxHtmlDepth: number }): ReadOutcome {
  announce(task.started);
  return readArticleBody(task, { maxHtmlDepth: task.maxHtmlDepth });
}

export function extract(task: { bodyText: string; language?: string } & StartedPort): ExtractionResult {
  announce(task.started);
  return extractArticle(task.bodyText, task.language);
}

function announce(port: MessagePort): void {
  port.postMessage(null);
  port.close();
}
