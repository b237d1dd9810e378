import { type Kysely, sql } from 'kysely';

// Bulk imports and re-extractions (issue 14). An import is one run of `npm run import` (or
// `npm run reextract`) over its inputs; each record it read is one row of import_records,
// holding the raw article (so a worker on any machine needs nothing from the importer's disk)
// or, for a re-extraction, the stored article it re-reads. The queue (pg-boss, schema
// `pgboss`) carries only record ids: these tables are the truth about what was stored.
//
// `fingerprint` names an import's inputs (paths, sizes, modification times, options); a
// second run with the same inputs while the first is unfinished resumes it. (source,
// position) is a record's place in its input (file and line, or WARC record offset), unique
// per import, so reading an input again after a crash adds nothing twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table imports (
      id integer generated always as identity primary key,
      kind text not null check (kind in ('import', 'reextract')),
      label text not null check (length(label) <= 2000),
      fingerprint text check (length(fingerprint) <= 128),
      options jsonb not null default '{}',
      created_by integer references users(id) on delete set null,
      created_at timestamptz not null default now(),
      read_finished_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index imports_fingerprint_idx on imports (fingerprint) where finished_at is null`.execute(db);
  await sql`
    create table import_records (
      id integer generated always as identity primary key,
      import_id integer not null references imports(id) on delete cascade,
      source text not null check (length(source) <= 4096),
      position text not null check (length(position) <= 100),
      state text not null default 'queued' check (state in ('queued', 'stored', 'duplicate', 'failed', 'rejected')),
      raw jsonb,
      article_id integer references articles(id) on delete set null,
      statement_count integer not null default 0 check (statement_count >= 0),
      attempts integer not null default 0 check (attempts >= 0),
      error_field text,
      error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      unique (import_id, source, position),
      check (state not in ('failed', 'rejected') or error is not null)
    )`.execute(db);
  await sql`create index import_records_import_state_idx on import_records (import_id, state)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists import_records`.execute(db);
  await sql`drop table if exists imports`.execute(db);
}
