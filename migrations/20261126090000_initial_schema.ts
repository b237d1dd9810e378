import { type Kysely, sql } from 'kysely';

// The whole first schema. Offsets are Unicode code-point indices into articles.body_text.
// Frozen once landed: later changes are new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);

  await sql`
    create table users (
      id integer generated always as identity primary key,
      username text not null check (username ~ '^[A-Za-z0-9_.-]{3,40}$'),
      password_hash text not null,
      role text not null default 'reader' check (role in ('reader', 'annotator', 'editor', 'admin')),
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      last_login_at timestamptz
    )`.execute(db);
  await sql`create unique index users_username_key on users (lower(username))`.execute(db);

  // Shape required by connect-pg-simple (sid, sess, expire).
  await sql`
    create table sessions (
      sid varchar not null primary key,
      sess json not null,
      expire timestamp(6) not null
    )`.execute(db);
  await sql`create index sessions_expire_idx on sessions (expire)`.execute(db);

  await sql`
    create table outlets (
      id integer generated always as identity primary key,
      name text not null check (length(btrim(name)) between 1 and 200),
      normalized_name text not null unique,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table articles (
      id integer generated always as identity primary key,
      outlet_id integer references outlets (id) on delete restrict,
      title text not null check (length(btrim(title)) between 1 and 1000),
      subtitle text check (length(subtitle) <= 2000),
      byline text check (length(byline) <= 500),
      agency text check (length(agency) <= 200),
      url text check (length(url) <= 2048),
      canonical_url text unique check (length(canonical_url) <= 2048),
      published_at timestamptz,
      language text not null default 'en' check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'),
      body_text text not null check (length(btrim(body_text)) > 0),
      content_sha256 text not null unique check (content_sha256 ~ '^[0-9a-f]{64}$'),
      source_format text not null check (source_format in ('text', 'html', 'json')),
      ingested_at timestamptz not null default now(),
      extractor_version text,
      extracted_at timestamptz
    )`.execute(db);
  await sql`create index articles_published_at_idx on articles (published_at desc nulls last, id desc)`.execute(db);
  await sql`create index articles_ingested_at_idx on articles (ingested_at desc, id desc)`.execute(db);
  await sql`create index articles_outlet_idx on articles (outlet_id)`.execute(db);
  // Every offset points into body_text, so the database itself refuses to change it.
  await sql`
    create function articles_body_is_immutable() returns trigger language plpgsql as $$
    begin
      if new.body_text is distinct from old.body_text
         or new.content_sha256 is distinct from old.content_sha256 then
        raise exception 'article body text is immutable' using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger articles_body_immutable before update on articles
    for each row execute function articles_body_is_immutable()`.execute(db);

  await sql`
    create table speakers (
      id integer generated always as identity primary key,
      canonical_name text not null check (length(btrim(canonical_name)) between 1 and 300),
      kind text not null check (kind in ('person', 'organization')),
      wikidata_id text unique check (wikidata_id ~ '^Q[1-9][0-9]*$'),
      description text check (length(description) <= 2000),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index speakers_canonical_name_trgm on speakers using gin (lower(canonical_name) gin_trgm_ops)`.execute(db);

  await sql`
    create table speaker_aliases (
      id integer generated always as identity primary key,
      speaker_id integer not null references speakers (id) on delete cascade,
      alias text not null check (length(btrim(alias)) between 1 and 300),
      normalized_alias text not null check (length(normalized_alias) > 0),
      unique (speaker_id, normalized_alias)
    )`.execute(db);
  await sql`create index speaker_aliases_normalized_idx on speaker_aliases (normalized_alias)`.execute(db);
  await sql`create index speaker_aliases_trgm on speaker_aliases using gin (normalized_alias gin_trgm_ops)`.execute(db);

  await sql`
    create table roles (
      id integer generated always as identity primary key,
      speaker_id integer not null references speakers (id) on delete cascade,
      title text not null check (length(btrim(title)) between 1 and 500),
      organization text check (length(organization) <= 300),
      valid_from date,
      valid_to date,
      check (valid_from is null or valid_to is null or valid_to >= valid_from)
    )`.execute(db);
  await sql`create unique index roles_speaker_title_key on roles (speaker_id, lower(title), coalesce(lower(organization), ''))`.execute(db);

  await sql`
    create table statements (
      id integer generated always as identity primary key,
      article_id integer not null references articles (id) on delete cascade,
      kind text not null check (kind in ('quote', 'claim')),
      text text not null check (length(text) > 0),
      start_offset integer not null check (start_offset >= 0),
      end_offset integer not null,
      paragraph_index integer not null check (paragraph_index >= 0),
      cue_text text,
      cue_start integer,
      cue_end integer,
      quote_type text not null check (quote_type in ('direct', 'partial', 'mixed', 'indirect')),
      normalized_text text not null,
      fingerprint text not null check (fingerprint ~ '^[0-9a-f]{32}$'),
      search_vector tsvector generated always as (to_tsvector('english', text)) stored,
      extractor_version text not null,
      created_at timestamptz not null default now(),
      check (end_offset > start_offset),
      check (end_offset - start_offset = length(text)),
      check ((cue_text is null) = (cue_start is null) and (cue_start is null) = (cue_end is null)),
      check (cue_end is null or cue_end > cue_start),
      unique (article_id, kind, start_offset, end_offset)
    )`.execute(db);
  await sql`create index statements_article_idx on statements (article_id, start_offset)`.execute(db);
  await sql`create index statements_search_idx on statements using gin (search_vector)`.execute(db);
  await sql`create index statements_normalized_trgm on statements using gin (normalized_text gin_trgm_ops)`.execute(db);
  await sql`create index statements_fingerprint_idx on statements (fingerprint)`.execute(db);

  await sql`
    create table attributions (
      id integer generated always as identity primary key,
      statement_id integer not null references statements (id) on delete cascade,
      version integer not null check (version >= 1),
      is_current boolean not null default true,
      speaker_id integer references speakers (id) on delete restrict,
      role_text text,
      role_id integer references roles (id) on delete set null,
      mention_text text,
      mention_start integer,
      mention_end integer,
      confidence real check (confidence between 0 and 1),
      status text not null default 'machine' check (status in ('machine', 'verified', 'corrected', 'rejected')),
      extractor_version text,
      created_by integer references users (id) on delete set null,
      created_at timestamptz not null default now(),
      unique (statement_id, version),
      check ((mention_text is null) = (mention_start is null) and (mention_start is null) = (mention_end is null)),
      check (mention_end is null or mention_end > mention_start)
    )`.execute(db);
  await sql`create unique index attributions_current_key on attributions (statement_id) where is_current`.execute(db);
  await sql`create index attributions_speaker_idx on attributions (speaker_id) where is_current`.execute(db);
  await sql`create index attributions_status_idx on attributions (status, confidence) where is_current`.execute(db);

  await sql`
    create table annotations (
      id integer generated always as identity primary key,
      user_id integer not null references users (id) on delete cascade,
      statement_id integer references statements (id) on delete cascade,
      article_id integer references articles (id) on delete cascade,
      selector_exact text,
      selector_prefix text,
      selector_suffix text,
      position_start integer check (position_start >= 0),
      position_end integer,
      body text not null default '' check (length(body) <= 20000),
      tags text[] not null default '{}',
      verdict text check (verdict in ('accurate', 'misattributed', 'misquoted', 'out_of_context', 'unverifiable')),
      visibility text not null default 'private' check (visibility in ('private', 'shared', 'public')),
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (num_nonnulls(statement_id, article_id) = 1),
      check (article_id is null or (selector_exact is not null and position_start is not null and position_end > position_start))
    )`.execute(db);
  await sql`create index annotations_statement_idx on annotations (statement_id)`.execute(db);
  await sql`create index annotations_article_idx on annotations (article_id)`.execute(db);
  await sql`create index annotations_tags_idx on annotations using gin (tags)`.execute(db);
  await sql`create index annotations_user_idx on annotations (user_id)`.execute(db);

  await sql`
    create table audit_log (
      id integer generated always as identity primary key,
      user_id integer references users (id) on delete set null,
      action text not null,
      entity_type text not null,
      entity_id integer,
      before jsonb,
      after jsonb,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'annotations', 'attributions', 'statements', 'roles',
    'speaker_aliases', 'speakers', 'articles', 'outlets', 'sessions', 'users']) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists articles_body_is_immutable()`.execute(db);
}
