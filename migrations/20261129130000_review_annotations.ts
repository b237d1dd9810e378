import { type Kysely, sql } from 'kysely';

// Review, annotations and accounts (issue #10): personal API tokens, review reasons and
// suggestions, speaker merges, annotation claim ratings, versions and search, and the
// version columns every edit form carries (a write on a stale version answers 409).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Personal API tokens: only a SHA-256 of the secret is stored (the secret is 256 random
  // bits, so a fast hash is enough: nothing to brute-force); the prefix names it in lists.
  await sql`
    create table api_tokens (
      id integer generated always as identity primary key,
      user_id integer not null references users (id) on delete cascade,
      name text not null check (length(btrim(name)) between 1 and 100),
      token_prefix text not null check (length(token_prefix) between 4 and 20),
      token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index api_tokens_user_idx on api_tokens (user_id, created_at desc)`.execute(db);

  // Optimistic concurrency: forms and API writes carry the version they were made on.
  await sql`alter table users add column version integer not null default 1 check (version >= 1)`.execute(db);
  await sql`alter table speakers add column version integer not null default 1 check (version >= 1)`.execute(db);
  // A merged speaker is kept (so the merge can be undone) but points at the one it joined.
  await sql`alter table speakers add column merged_into integer references speakers (id) on delete restrict`.execute(db);
  await sql`create index speakers_merged_into_idx on speakers (merged_into) where merged_into is not null`.execute(db);

  // A person's review: why (optional), and the quote span as this version had it (a
  // correction may fix the span; null: the statement's span did not change in this version).
  await sql`alter table attributions add column reason text check (length(reason) <= 2000)`.execute(db);
  await sql`alter table attributions add column quote_start integer check (quote_start >= 0)`.execute(db);
  await sql`alter table attributions add column quote_end integer`.execute(db);
  await sql`alter table attributions add constraint attributions_quote_span check ((quote_start is null) = (quote_end is null) and (quote_end is null or quote_end > quote_start))`.execute(db);

  // An annotator's proposed correction, which an editor accepts (a new attribution version) or declines.
  await sql`
    create table attribution_suggestions (
      id integer generated always as identity primary key,
      statement_id integer not null references statements (id) on delete cascade,
      base_version integer not null check (base_version >= 1),
      suggested_by integer references users (id) on delete set null,
      speaker_id integer references speakers (id) on delete cascade,
      new_speaker_name text check (length(btrim(new_speaker_name)) between 1 and 300),
      new_speaker_kind text check (new_speaker_kind in ('person', 'organization')),
      role_text text check (length(role_text) <= 500),
      quote_start integer check (quote_start >= 0),
      quote_end integer,
      reason text check (length(reason) <= 2000),
      status text not null default 'pending' check (status in ('pending', 'accepted', 'declined')),
      decided_by integer references users (id) on delete set null,
      decided_at timestamptz,
      decision_reason text check (length(decision_reason) <= 2000),
      created_at timestamptz not null default now(),
      check ((quote_start is null) = (quote_end is null) and (quote_end is null or quote_end > quote_start)),
      check ((new_speaker_name is null) = (new_speaker_kind is null)),
      check (speaker_id is null or new_speaker_name is null)
    )`.execute(db);
  await sql`create index attribution_suggestions_pending_idx on attribution_suggestions (statement_id) where status = 'pending'`.execute(db);

  // A speaker merge and what it moved, so it can be undone exactly.
  await sql`
    create table speaker_merges (
      id integer generated always as identity primary key,
      kept_speaker_id integer not null references speakers (id) on delete cascade,
      merged_speaker_id integer not null references speakers (id) on delete cascade,
      moved_alias_ids integer[] not null default '{}',
      moved_role_ids integer[] not null default '{}',
      moved_attribution_ids integer[] not null default '{}',
      merged_by integer references users (id) on delete set null,
      merged_at timestamptz not null default now(),
      undone_by integer references users (id) on delete set null,
      undone_at timestamptz,
      check (kept_speaker_id <> merged_speaker_id)
    )`.execute(db);
  await sql`create index speaker_merges_speakers_idx on speaker_merges (kept_speaker_id, merged_speaker_id)`.execute(db);

  // Annotations: the claim rating (ClaimReview scale), its explanation and evidence, an
  // editor's hiding of a shared one, and a full-text vector over note, tags, verdict,
  // rating and author (kept by a trigger: array_to_string is not immutable).
  await sql`alter table annotations add column claim_rating text check (claim_rating in ('true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'unverifiable'))`.execute(db);
  await sql`alter table annotations add column rating_explanation text check (length(rating_explanation) <= 5000)`.execute(db);
  await sql`alter table annotations add column evidence_urls text[] not null default '{}' check (cardinality(evidence_urls) <= 20)`.execute(db);
  await sql`alter table annotations add column hidden_by integer references users (id) on delete set null`.execute(db);
  await sql`alter table annotations add column hidden_at timestamptz`.execute(db);
  await sql`alter table annotations add column search_vector tsvector`.execute(db);
  await sql`
    create function annotations_search_vector() returns trigger language plpgsql as $$
    begin
      new.search_vector :=
        setweight(to_tsvector('simple', array_to_string(new.tags, ' ')), 'A')
        || setweight(to_tsvector('simple', coalesce(replace(new.verdict, '_', ' '), '') || ' ' || coalesce(replace(new.claim_rating, '_', ' '), '')), 'A')
        || setweight(to_tsvector('simple', coalesce((select username from users where id = new.user_id), '')), 'B')
        || to_tsvector('english', coalesce(new.body, '') || ' ' || coalesce(new.rating_explanation, ''));
      return new;
    end $$`.execute(db);
  await sql`
    create trigger annotations_search_vector_set before insert or update on annotations
    for each row execute function annotations_search_vector()`.execute(db);
  await sql`create index annotations_search_idx on annotations using gin (search_vector)`.execute(db);
  await sql`create index annotations_created_idx on annotations (created_at desc, id desc)`.execute(db);

  // Every version of an annotation (the row holds the newest; this holds all, v1 included).
  await sql`
    create table annotation_versions (
      annotation_id integer not null references annotations (id) on delete cascade,
      version integer not null check (version >= 1),
      edited_by integer references users (id) on delete set null,
      snapshot jsonb not null,
      created_at timestamptz not null default now(),
      primary key (annotation_id, version)
    )`.execute(db);

  // The audit page filters by user, entity and date.
  await sql`create index audit_log_created_idx on audit_log (created_at desc, id desc)`.execute(db);
  await sql`create index audit_log_user_idx on audit_log (user_id, created_at desc)`.execute(db);

  // A corrected quote span changes a statement's text: its search row and postings follow
  // (deleting the row drops its postings, inserting adds the new words; the speaker is re-read).
  await sql`
    create function statement_search_retext() returns trigger language plpgsql as $$
    begin
      delete from statement_search where id = new.id;
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select new.id, new.article_id, new.kind, a.published_at, a.outlet_id,
        (select at.speaker_id from attributions at where at.statement_id = new.id and at.is_current), new.search_vector
      from articles a where a.id = new.article_id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger statements_search_retext after update of text on statements
    for each row when (old.text is distinct from new.text)
    execute function statement_search_retext()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists statements_search_retext on statements`.execute(db);
  await sql`drop function if exists statement_search_retext()`.execute(db);
  await sql`drop index if exists audit_log_user_idx`.execute(db);
  await sql`drop index if exists audit_log_created_idx`.execute(db);
  await sql`drop table if exists annotation_versions`.execute(db);
  await sql`drop index if exists annotations_created_idx`.execute(db);
  await sql`drop trigger if exists annotations_search_vector_set on annotations`.execute(db);
  await sql`drop function if exists annotations_search_vector()`.execute(db);
  for (const column of ['search_vector', 'hidden_at', 'hidden_by', 'evidence_urls', 'rating_explanation', 'claim_rating']) {
    await sql`alter table annotations drop column if exists ${sql.ref(column)}`.execute(db);
  }
  await sql`drop table if exists speaker_merges`.execute(db);
  await sql`drop table if exists attribution_suggestions`.execute(db);
  await sql`alter table attributions drop constraint if exists attributions_quote_span`.execute(db);
  for (const column of ['quote_end', 'quote_start', 'reason']) {
    await sql`alter table attributions drop column if exists ${sql.ref(column)}`.execute(db);
  }
  await sql`alter table speakers drop column if exists merged_into`.execute(db);
  await sql`alter table speakers drop column if exists version`.execute(db);
  await sql`alter table users drop column if exists version`.execute(db);
  await sql`drop table if exists api_tokens`.execute(db);
}
