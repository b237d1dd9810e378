import { type Kysely, sql } from 'kysely';

// How the extractor found the speaker ("cue:after", "continuation", ...), shown to reviewers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attributions add column evidence text check (length(evidence) <= 200)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attributions drop column evidence`.execute(db);
}
