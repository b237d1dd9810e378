import { after } from 'node:test';
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';

// Real importer and worker processes for the queue tests (issue 14, points 2-3): started as
// `node --import tsx scripts/X.ts` (no npm in between, so a SIGKILL reaches the process
// itself), their output kept for the failure message, killed when the file ends if still up.

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The children's settings: quiet, and a queue that gives a killed worker's jobs back within
 * seconds (JOB_EXPIRE_SECONDS; pg-boss then retries them after a 1-2 s backoff).
 */
export function queueEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    JOB_RETRY_DELAY_SECONDS: '0',
    QUEUE_MAINTENANCE_SECONDS: '1',
    JOB_EXPIRE_SECONDS: '4',
    JOB_RETRY_LIMIT: '10',
    ...extra,
  };
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** stdout and stderr as written so far, interleaved. */
  output(): string;
  /** Resolves when it exits: its code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

const children = new Set<Child>();
after(async () => {
  for (const c of children) if (c.running()) c.process.kill('SIGKILL');
  await Promise.all([...children].map((c) => c.exited));
});

/** Starts `scripts/<script>.ts args` with `env` over this process's (DATABASE_URL and DATA_DIR dropped first). */
export function startScript(name: string, script: 'import' | 'worker', args: string[], env: Record<string, string>): Child {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  const proc = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: REPO, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let alive = true;
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('close', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  const child: Child = { name, process: proc, output: () => out, exited, running: () => alive };
  children.add(child);
  return child;
}

/** SIGKILLs `child` (if still running) and waits for it to be gone. */
export async function killHard(child: Child): Promise<void> {
  if (child.running()) child.process.kill('SIGKILL');
  await child.exited;
}

/** Waits until `check` returns a truthy value (polled every 200 ms), or throws naming `what` after `timeoutMs`; `children`' output goes in the message. */
export async function waitFor<T>(what: string, check: () => Promise<T>, timeoutMs: number, watched: Child[] = []): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) {
      const logs = watched.map((c) => `--- ${c.name} (${c.running() ? 'running' : 'exited'}):\n${c.output().slice(-3000)}`).join('\n');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${logs}`);
    }
    await sleep(200);
  }
}

/** A small seeded PRNG (mulberry32, shared with the search bench): the same seed, the same numbers in [0, 1). */
export { rng as seededRandom } from '../../scripts/bench/corpus.ts';

const FIRST = ['Ann', 'Bo', 'Carla', 'Dev', 'Elif', 'Femi', 'Greta', 'Hiro'];
const LAST = ['Lee', 'Moreno', 'Okafor', 'Novak', 'Sato', 'Haddad'];
const TOPICS = ['the budget', 'the new bridge', 'rail fares', 'school meals', 'the harbour', 'flood defences', 'rent caps'];
const OUTLETS = ['Daily Ledger', 'Evening Post', 'Coast Radio'];

/**
 * `count` distinct small articles as NDJSON lines (the API's fields), each with two or three
 * quotes by speakers from a small shared pool (so concurrent stores meet on the same speakers
 * and outlets); `tag` and the article's number make every text unique.
 */
export function generateArticles(random: () => number, count: number, tag: string): string[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const quotes = 2 + Math.floor(random() * 2);
    const paragraphs = Array.from({ length: quotes }, (_, q) => {
      const who = `${pick(FIRST)} ${pick(LAST)}`;
      return `"We will look again at ${pick(TOPICS)} before item ${i}-${q} of ${tag}," said ${who}, speaking on ${pick(['Monday', 'Tuesday', 'Friday'])}.`;
    });
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    return JSON.stringify({ title: `Report ${i} (${tag})`, outlet: pick(OUTLETS), published: `2026-03-${day}`, text: paragraphs.join('\n\n') });
  });
}

/** Statements per stored article, keyed by content hash: what two imports of one archive must agree on. */
export async function statementsByContent(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await sql<{ sha: string; n: number }>`
    select a.content_sha256 as sha, count(s.id)::int as n
    from articles a left join statements s on s.article_id = a.id
    group by a.content_sha256`.execute(db);
  return new Map(rows.rows.map((r) => [r.sha, r.n]));
}

/** Record counts of an import by state, e.g. { stored: 300, duplicate: 2 }. */
export async function recordStates(db: Kysely<Database>, importId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('import_records').select(['state', sql<number>`count(*)::int`.as('n')]).where('import_id', '=', importId).groupBy('state').execute();
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
