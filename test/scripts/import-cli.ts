// Running the import CLI (and the worker) as real processes, on a server database or an
// embedded one in a temp folder, and reading what they stored.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectDatabase, type DbHandle } from '../../src/db/connect.ts';
import { databaseUrl, testDatabase } from '../helpers/database.ts';

/** A database the CLI's child processes use: `env` points them at it. */
export interface CliDatabase {
  kind: 'server' | 'embedded';
  /** DATABASE_URL (server) or DATA_DIR (embedded). */
  env: Record<string, string>;
  /**
   * Runs `fn` with a query function (rows of one query). Embedded: the database is opened
   * around it (a second or two), so only while no child holds it (one process at a time may).
   */
  read<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /** Server only: the test's own handle on it. */
  handle?: DbHandle;
}

export type Query = <R = Record<string, any>>(text: string, params?: unknown[]) => Promise<R[]>;

/** A temp folder for the test file, removed when it ends. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `verbatim-${prefix}-`));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A migrated database for a test file's child processes: a clone on the server when
 * TEST_DATABASE_URL is set (or `kind` says 'server'), else an embedded one in a temp folder,
 * started from the runner's migrated template when there is one (which saves each child
 * the cluster's initdb).
 */
export async function cliDatabase(kind: 'server' | 'embedded' = process.env.TEST_DATABASE_URL ? 'server' : 'embedded'): Promise<CliDatabase> {
  if (kind === 'server') {
    const handle = await testDatabase();
    return {
      kind,
      handle,
      env: { DATABASE_URL: databaseUrl(handle) },
      read: (fn) => fn(async (text, params) => (await handle.pool.query(text, params)).rows),
    };
  }
  const dataDir = path.join(tempDir('cli-data'), 'data');
  const templates = process.env.TEST_EMBEDDED_TEMPLATES;
  if (templates) {
    const handle = await connectDatabase({ dataDir, loadDataDir: new Blob([fs.readFileSync(path.join(templates, 'migrated.tar'))]) });
    await handle.close();
  }
  return {
    kind,
    env: { DATA_DIR: dataDir },
    async read(fn) {
      const handle = await connectDatabase({ dataDir });
      try {
        return await fn(async (text, params) => (await handle.pool.query(text, params)).rows);
      } finally {
        await handle.close();
      }
    },
  };
}

/** The children's environment: quiet, quick retries and queue upkeep, and `db` alone chooses the database. */
function childEnv(db: CliDatabase, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', JOB_RETRY_DELAY_SECONDS: '0', QUEUE_MAINTENANCE_SECONDS: '1', ...db.env, ...extra };
  if (!db.env.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A started CLI process: its output so far, and its end. */
export interface Started {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  done: Promise<Run>;
}

/** Starts `node --import tsx scripts/<script> ...args` on `db`; `stdin` is written and closed (else stdin is empty). */
export function start(script: string, db: CliDatabase, args: string[], options: { stdin?: string | Buffer; env?: Record<string, string> } = {}): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', script), ...args], {
    env: childEnv(db, options.env ?? {}),
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (output.stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (output.stderr += s));
  child.stdin!.end(options.stdin ?? '');
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, ...output }));
  });
  return { child, output, done };
}

/** Runs `npm run import -- ...args` to its end. */
export function runImport(db: CliDatabase, args: string[], options: { stdin?: string | Buffer; env?: Record<string, string> } = {}): Promise<Run> {
  return start('import.ts', db, args, options).done;
}

/** Waits (polling every 100 ms, up to `ms`) until `check` gives a truthy value, and returns it. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, ms = 60_000): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await sleep(100);
  }
}

/** The summary line on stdout: `import N: X of Y done: A stored, B duplicates, C errors; D statements`, as numbers. */
export function summaryOf(stdout: string): { importId: number; done: number; records: number; stored: number; duplicates: number; errors: number; statements: number } {
  const m = /^import (\d+): ([\d,]+) of ([\d,]+) done: ([\d,]+) stored, ([\d,]+) duplicates, ([\d,]+) errors; ([\d,]+) statements/m.exec(stdout);
  if (!m) throw new Error(`no summary line in stdout: ${JSON.stringify(stdout)}`);
  const [importId, done, records, stored, duplicates, errors, statements] = m.slice(1).map((x) => Number(x.replaceAll(',', '')));
  return { importId: importId!, done: done!, records: records!, stored: stored!, duplicates: duplicates!, errors: errors!, statements: statements! };
}

/** A stack trace's frame in a CLI's output: none may reach a user. */
export const STACK_FRAME = /^\s+at .*(\.ts|\.js|node:internal)/m;
