import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

// Every environment variable the app reads is declared and validated here, once.
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Address ranges Express's 'trust proxy' knows by name (proxy-addr). */
const NAMED_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (NAMED_PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY: which proxies' X-Forwarded-For to believe, in a form Express's 'trust proxy'
 * takes: a hop count, or a comma-separated list of loopback, linklocal, uniquelocal, IP
 * addresses and CIDR ranges. Never `true`: every client could then choose its own address.
 */
const trustProxySchema = z.string().transform((value, ctx): number | string[] => {
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length === 0) return entries;
  ctx.addIssue({
    code: 'custom',
    message: `must be a hop count or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR ranges (not ${bad.map((b) => JSON.stringify(b)).join(', ')})`,
  });
  return z.NEVER;
});
/**
 * Each SQL statement of a store (ingest, re-extraction) is cancelled after this long (ms).
 * The slowest statement of a 10,000-statement article (680 KB of reported speech: the one
 * INSERT of its statements, with their search triggers) took 3.3 s on the development
 * machine. 30 s leaves room for a busy server and for waiting behind the few stores ahead
 * on the write pool, yet ends a store stuck behind locks or on a runaway query.
 */
export const DEFAULT_INGEST_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * PUBLIC_URL: the site's public origin (https://verbatim.example.org), for absolute links
 * such as the ids of annotations in JSON-LD. An http(s) origin only: no path, query,
 * fragment or credentials (a trailing slash is dropped).
 */
const publicUrlSchema = z.string().transform((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const bare = url && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
  if (url && bare && (url.protocol === 'http:' || url.protocol === 'https:') && value.replace(/\/$/, '') === url.origin) return url.origin;
  ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// origin without a path (https://verbatim.example.org)' });
  return z.NEVER;
});

/** The origin of the listen address when PUBLIC_URL is unset: never a client's Host header. */
function listenOrigin(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  TRUST_PROXY: trustProxySchema.optional(),
  PUBLIC_URL: publicUrlSchema.optional(),
  CSL_STYLES_DIR: z.string().min(1).optional(),
  INGEST_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).default(DEFAULT_INGEST_STATEMENT_TIMEOUT_MS),
  INGEST_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
  // Reading articles off the main thread (src/ingest/reader-pool.ts); the defaults' sources are below.
  INGEST_WORKERS: z.coerce.number().int().min(1).max(64).default(Math.max(1, availableParallelism() - 1)),
  INGEST_QUEUE: z.coerce.number().int().min(0).max(10_000).default(16),
  INGEST_TIME_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  INGEST_MAX_HTML_DEPTH: z.coerce.number().int().min(10).max(100_000).default(100),
  // The import queue (pg-boss; src/imports/queue.ts); the defaults' reasons are on QueueConfig.
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(3),
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  STORE_MAINTENANCE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  logLevel: (typeof LOG_LEVELS)[number];
  env: 'development' | 'production' | 'test';
  seedDemo: boolean;
  /** Express's 'trust proxy': false (unset) believes no X-Forwarded-For, so req.ip is the socket's address. */
  trustProxy: false | number | string[];
  /** A folder of CSL style files (*.csl) for citations, each usable as ?style=<file name>; unset: the built-in ones. */
  cslStylesDir: string | undefined;
  /** The origin absolute links use: PUBLIC_URL, else http://HOST:PORT (0.0.0.0 and :: read as localhost). */
  publicOrigin: string;
  /** `statement_timeout` (ms) inside store transactions; see DEFAULT_INGEST_STATEMENT_TIMEOUT_MS. */
  ingestStatementTimeoutMs: number;
  /** Connections (on a server) for stores, apart from the ones reads use. */
  ingestPoolSize: number;
  readers: ReaderConfig;
  queue: QueueConfig;
  /**
   * How often (s) a worker vacuums and analyzes the tables stores write
   * (maintainStoreTables; one worker at a time); 0: never, autovacuum alone. Default 30.
   */
  storeMaintenanceSeconds: number;
}

/** How import jobs are retried and recovered (pg-boss 10 options of the same names). */
export interface QueueConfig {
  /** Retries after a job's first failure (JOB_RETRY_LIMIT, default 3): then its record is failed. */
  retryLimit: number;
  /**
   * First retry delay in s, doubled (with jitter) for each later one (pg-boss retryBackoff).
   * Default 10 s: a store that lost to a lock timeout or a restarting database gets
   * about 10, 20 and 40 s to recover before the record is marked failed.
   */
  retryDelaySeconds: number;
  /**
   * A job still active this long (s) after a worker took it is taken for lost (its worker
   * was killed) and retried. Default 300: far above an article's time budget (INGEST_TIME_BUDGET_MS,
   * 10 s) plus its store's statement timeout (30 s), so a slow store is not run twice.
   */
  expireSeconds: number;
  /** How often (s) pg-boss looks for such lost jobs (its maintenance interval; default 30). */
  maintenanceSeconds: number;
}

/** How articles are read (HTML cleaning, extraction) in the worker-thread pool. */
export interface ReaderConfig {
  /** Worker threads (default: one per core but one, at least 1), started on first use. */
  workers: number;
  /**
   * Articles that may wait for a free worker; one more is refused with 503 and Retry-After.
   * Default 16: about 5 s of waiting per worker at the ~0.1-0.45 s a real news page takes.
   */
  queue: number;
  /**
   * Milliseconds one article may take in a worker (from when it starts there, not while it
   * queues); past it the worker is stopped and the request answers 422. Default 10 s: the 8
   * real pages of the news-dev corpus (70-740 KB) take 0.1-0.45 s each here; a 5 MB page of
   * 60,000 paragraphs takes Readability over 40 s and is refused.
   */
  timeBudgetMs: number;
  /**
   * Deepest element nesting read (<html> is 1, <body> 2); deeper pages are refused with 422
   * before jsdom or Readability see them. Readability's time grows about with the cube of
   * the depth of a chain of nested elements: measured here, 25 levels 0.04 s, 50 0.17 s,
   * 100 0.37 s, 200 1.4-1.9 s, 300 3.8 s, 500 10-13 s (2,000: minutes). Real news pages
   * nest 12-22 (the 8 news-dev pages and 5 field cases, measured). Default 100: ~5 times
   * the deepest real page, and the worst page that deep costs Readability under 0.5 s.
   */
  maxHtmlDepth: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

// A fixed development secret keeps sessions across restarts on a laptop; production must set one.
const DEV_SESSION_SECRET = 'verbatim-development-session-secret-not-for-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: required when NODE_ENV=production']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    env: e.NODE_ENV,
    seedDemo: e.SEED_DEMO === 'auto',
    trustProxy: e.TRUST_PROXY ?? false,
    cslStylesDir: e.CSL_STYLES_DIR,
    publicOrigin: e.PUBLIC_URL ?? listenOrigin(e.HOST, e.PORT),
    ingestStatementTimeoutMs: e.INGEST_STATEMENT_TIMEOUT_MS,
    ingestPoolSize: e.INGEST_POOL_SIZE,
    readers: {
      workers: e.INGEST_WORKERS,
      queue: e.INGEST_QUEUE,
      timeBudgetMs: e.INGEST_TIME_BUDGET_MS,
      maxHtmlDepth: e.INGEST_MAX_HTML_DEPTH,
    },
    queue: {
      retryLimit: e.JOB_RETRY_LIMIT,
      retryDelaySeconds: e.JOB_RETRY_DELAY_SECONDS,
      expireSeconds: e.JOB_EXPIRE_SECONDS,
      maintenanceSeconds: e.QUEUE_MAINTENANCE_SECONDS,
    },
    storeMaintenanceSeconds: e.STORE_MAINTENANCE_SECONDS,
  };
}
