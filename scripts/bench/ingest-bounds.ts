// The ingest benchmark's bounds: the ceiling (reading and extracting alone, no database) and
// the floor (a raw COPY of the texts into a plain table), and the CPU-time readings from /proc
// that say where an end-to-end run's time went.
import { readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { readArticleBody } from '../../src/ingest/read-article-body.ts';
import { createReaderPool } from '../../src/ingest/reader-pool.ts';
import { benchArticle, type SourceArticle } from './ingest-corpus.ts';

export interface Rate {
  articles: number;
  statements: number;
  seconds: number;
  /** CPU seconds the run used (this process's threads, or the workers' and Postgres'); undefined: not measured. */
  cpuSeconds?: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * The ceiling on one thread: each article read as a worker reads it (normalized, language
 * detected, extracted: readArticleBody), in this process, no database. Returns counts and wall seconds.
 */
export function ceilingOneThread(corpus: readonly SourceArticle[], n: number): Rate {
  for (let i = 0; i < Math.min(50, n); i++) read(benchArticle(corpus, i).text); // warm-up: JIT, lexicons
  let statements = 0;
  const started = performance.now();
  const cpu = cpuNow();
  for (let i = 0; i < n; i++) statements += read(benchArticle(corpus, i).text);
  return { articles: n, statements, seconds: (performance.now() - started) / 1000, cpuSeconds: cpuNow() - cpu };
}

function read(text: string): number {
  const r = readArticleBody({ text, format: 'text', field: 'text', pageUrl: null }, { maxHtmlDepth: 100 });
  return r.ok ? r.extraction.statements.length : 0;
}

/** The ceiling on `threads` threads: the reader pool's readArticle (worker threads, as the worker uses them). */
export async function ceilingThreads(corpus: readonly SourceArticle[], n: number, threads: number): Promise<Rate> {
  const pool = createReaderPool({ workers: threads, queue: threads * 4, timeBudgetMs: 60_000, maxHtmlDepth: 100 });
  try {
    const one = (i: number) => pool.readArticle({ text: benchArticle(corpus, i).text, format: 'text', field: 'text', pageUrl: null });
    await Promise.all(Array.from({ length: threads * 4 }, (_, i) => one(i))); // starts every thread (jsdom loads ~1 s)
    let statements = 0;
    let next = 0;
    const started = performance.now();
    const cpu = processCpuSeconds(process.pid); // every thread's
    const lane = async () => {
      while (next < n) {
        const r = await one(next++);
        if (r.ok) statements += r.extraction.statements.length;
      }
    };
    await Promise.all(Array.from({ length: threads * 2 }, lane));
    return { articles: n, statements, seconds: (performance.now() - started) / 1000, cpuSeconds: processCpuSeconds(process.pid) - cpu };
  } finally {
    await pool.close();
  }
}

/** The floor: COPY of the n texts (with title, outlet, date, url) into a plain unindexed table in `url`'s database. */
export async function copyFloor(url: string, corpus: readonly SourceArticle[], n: number): Promise<Rate> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop table if exists bench_copy_floor');
    await client.query('create table bench_copy_floor (id int, title text, outlet text, published date, url text, body_text text)');
    const esc = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
    function* rows() {
      for (let i = 0; i < n; i++) {
        const a = benchArticle(corpus, i);
        yield `${i}\t${esc(a.title)}\t${esc(a.outlet)}\t${a.published}\t${esc(a.url)}\t${esc(a.text)}\n`;
      }
    }
    const started = performance.now();
    await pipeline(Readable.from(rows()), client.query(copyFrom('copy bench_copy_floor from stdin')));
    const seconds = (performance.now() - started) / 1000;
    await client.query('drop table bench_copy_floor');
    return { articles: n, statements: 0, seconds };
  } finally {
    await client.end();
  }
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system, every thread) process `pid` has used; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime (fields 14, 15)
  } catch {
    return 0;
  }
}

/** The whole machine's CPU seconds so far: busy (every process, other helpers' included) and idle. */
export function machineCpuSeconds(): { busy: number; idle: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, idle: idle / TICKS_PER_SECOND };
}
