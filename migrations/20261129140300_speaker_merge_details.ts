import { type Kysely, sql } from 'kysely';

// What a speaker merge did besides moving rows, so that undo restores exactly the state
// before it: the alias it added to the kept speaker (the merged one's canonical name, when
// the kept one had no such alias and none moved), and the merged speaker's aliases and
// roles it left behind because the kept speaker already had the same one (aliases are
// unique per speaker by normalized form, roles by title and organization).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table speaker_merges add column added_alias_id integer`.execute(db);
  await sql`alter table speaker_merges add column left_alias_ids integer[] not null default '{}'`.execute(db);
  await sql`alter table speaker_merges add column left_role_ids integer[] not null default '{}'`.execute(db);
  // The merges into a speaker, newest first, for its page.
  await sql`create index speaker_merges_kept_idx on speaker_merges (kept_speaker_id, merged_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists speaker_merges_kept_idx`.execute(db);
  for (const column of ['left_role_ids', 'left_alias_ids', 'added_alias_id']) {
    await sql`alter table speaker_merges drop column if exists ${sql.ref(column)}`.execute(db);
  }
}
