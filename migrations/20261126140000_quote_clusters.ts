import { type Kysely, sql } from 'kysely';

// Quote clusters: the same words, or near-verbatim variants, across statements and
// articles. Counts and the conflict flag are kept on the cluster (refreshed whenever a
// member or its attribution changes) so "conflicting clusters" never scans statements.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table quote_clusters (
      id integer generated always as identity primary key,
      member_count integer not null default 0 check (member_count >= 0),
      speaker_count integer not null default 0 check (speaker_count >= 0),
      conflicting boolean not null default false,
      first_statement_id integer references statements (id) on delete set null,
      longest_statement_id integer references statements (id) on delete set null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table statements add column cluster_id integer references quote_clusters (id) on delete set null`.execute(db);
  await sql`create index statements_cluster_idx on statements (cluster_id) where cluster_id is not null`.execute(db);
  await sql`create index quote_clusters_conflicting_idx on quote_clusters (id desc) where conflicting`.execute(db);
  await sql`create index quote_clusters_members_idx on quote_clusters (id desc) where member_count > 1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table statements drop column cluster_id`.execute(db);
  await sql`drop table quote_clusters`.execute(db);
}
