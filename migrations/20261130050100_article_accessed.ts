import { type Kysely, sql } from 'kysely';

// When the page was fetched (a WARC record's WARC-Date, or the `accessed` field of the API),
// for citations' "accessed" date; null: the day Verbatim stored it (ingested_at) stands in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table articles add column accessed_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table articles drop column if exists accessed_at`.execute(db);
}
