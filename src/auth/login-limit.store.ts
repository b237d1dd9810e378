import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/** How often one store deletes expired counters: as often as connect-pg-simple prunes sessions. */
const PRUNE_INTERVAL_MS = 15 * 60 * 1000;

/**
 * An express-rate-limit store in the `rate_limits` table, so every web process counts the
 * same hits (the library's MemoryStore counts per process). Fixed windows: a key's first hit
 * opens a window of `windowMs` (from the limiter's options); the first hit after it ends
 * opens a new one. Each hit is one atomic upsert, so concurrent hits from several processes
 * are all counted. Times come from the database's clock, the one clock all processes share.
 * The same code serves the embedded database (PGlite is Postgres too).
 *
 * One store per limiter (express-rate-limit refuses a shared instance); two stores with the
 * same `prefix` count the same keys, which is how the form and the API share login limits.
 * Store errors reach the limiter, which passes them to Express (a 500): a login that cannot
 * be counted is refused rather than let through.
 */
export class PostgresRateLimitStore implements Store {
  /** Counts live in the database, not in this process. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private nextPruneAt = 0;

  /** `prefix` (e.g. 'login-account:') keeps limiters' keys apart in the one table. */
  constructor(
    private readonly db: Kysely<Database>,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  /** One more hit for `key`: the hits in its current window, this one included, and when the window ends. */
  async increment(key: string): Promise<ClientRateLimitInfo> {
    await this.pruneWhenDue();
    const { rows } = await sql<{ hits: number; reset_at: Date }>`
      insert into rate_limits as r (key, hits, reset_at)
      values (${this.prefix + key}, 1, now() + ${this.windowMs}::integer * interval '1 millisecond')
      on conflict (key) do update set
        hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
        reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
      returning hits, reset_at`.execute(this.db);
    return { totalHits: rows[0]!.hits, resetTime: rows[0]!.reset_at };
  }

  /** Takes back one hit (express-rate-limit's skipSuccessfulRequests), never below zero nor into a new window. */
  async decrement(key: string): Promise<void> {
    await sql`update rate_limits set hits = hits - 1 where key = ${this.prefix + key} and hits > 0 and reset_at > now()`.execute(this.db);
  }

  async resetKey(key: string): Promise<void> {
    await sql`delete from rate_limits where key = ${this.prefix + key}`.execute(this.db);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await sql<{ hits: number; reset_at: Date }>`
      select hits, reset_at from rate_limits where key = ${this.prefix + key} and reset_at > now()`.execute(this.db);
    return rows[0] && { totalHits: rows[0].hits, resetTime: rows[0].reset_at };
  }

  /** Deletes every expired counter (any prefix) at most once per PRUNE_INTERVAL_MS per store. */
  private async pruneWhenDue(): Promise<void> {
    if (Date.now() < this.nextPruneAt) return;
    this.nextPruneAt = Date.now() + PRUNE_INTERVAL_MS;
    await sql`delete from rate_limits where reset_at <= now()`.execute(this.db);
  }
}
