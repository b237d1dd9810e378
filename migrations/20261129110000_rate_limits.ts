import { type Kysely, sql } from 'kysely';

// Hit counters for express-rate-limit (src/auth/login-limit.store.ts), one row per key
// (a limiter's prefix + an address or a username) and fixed window. In the database rather
// than in each process's memory, so every web process counts the same attempts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_limits (
      key text primary key check (length(key) <= 300),
      hits integer not null check (hits >= 0),
      reset_at timestamptz not null
    )`.execute(db);
  // Expired rows are pruned by reset_at.
  await sql`create index rate_limits_reset_at_idx on rate_limits (reset_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_limits`.execute(db);
}
