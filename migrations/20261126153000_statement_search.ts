import { type Kysely, sql } from 'kysely';

// A narrow, denormalized copy of what search filters on, one row per statement: the words
// (tsvector), the article's outlet and date, the current speaker and the kind. Filters then
// apply to the rows the word index finds without joining articles and attributions for
// each of them (measured: a word + outlet + dates search went from 23 ms to a few ms on a
// million statements), and the newest/oldest orders walk one index.
//
// Kept up to date by triggers, so every write path (ingest, re-extraction, review,
// corrections, article edits) keeps it right without knowing it exists.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table statement_search (
      id integer primary key references statements (id) on delete cascade,
      article_id integer not null,
      kind text not null,
      published_at timestamptz,
      outlet_id integer,
      speaker_id integer,
      search_vector tsvector not null
    )`.execute(db);
  await sql`
    insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
    select s.id, s.article_id, s.kind, a.published_at, a.outlet_id, at.speaker_id, s.search_vector
    from statements s
    join articles a on a.id = s.article_id
    left join attributions at on at.statement_id = s.id and at.is_current
    order by s.id`.execute(db);
  await sql`create index statement_search_words on statement_search using gin (search_vector)`.execute(db);
  await sql`create index statement_search_article on statement_search (article_id)`.execute(db);
  await sql`create index statement_search_speaker on statement_search (speaker_id, id)`.execute(db);
  await sql`create index statement_search_outlet on statement_search (outlet_id, published_at)`.execute(db);
  await sql`
    create index statement_search_newest on statement_search
      ((coalesce(published_at, '-infinity'::timestamptz)) desc, article_id desc, id desc)`.execute(db);
  await sql`
    create index statement_search_oldest on statement_search
      ((coalesce(published_at, 'infinity'::timestamptz)), article_id, id)`.execute(db);
  // Superseded by the two above.
  await sql`drop index if exists articles_published_desc_key`.execute(db);
  await sql`drop index if exists articles_published_asc_key`.execute(db);

  await sql`
    create function statement_search_add() returns trigger language plpgsql as $$
    begin
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select n.id, n.article_id, n.kind, a.published_at, a.outlet_id, null, n.search_vector
      from new_statements n join articles a on a.id = n.article_id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger statements_search_add after insert on statements
    referencing new table as new_statements
    for each statement execute function statement_search_add()`.execute(db);

  // Any change to attributions (new version, correction, review) re-reads the current speaker.
  await sql`
    create function statement_search_speaker() returns trigger language plpgsql as $$
    begin
      update statement_search ss
      set speaker_id = (select at.speaker_id from attributions at where at.statement_id = ss.id and at.is_current)
      where ss.id in (select statement_id from changed_attributions);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger attributions_search_insert after insert on attributions
    referencing new table as changed_attributions
    for each statement execute function statement_search_speaker()`.execute(db);
  await sql`
    create trigger attributions_search_update after update on attributions
    referencing new table as changed_attributions
    for each statement execute function statement_search_speaker()`.execute(db);

  await sql`
    create function statement_search_article() returns trigger language plpgsql as $$
    begin
      update statement_search set outlet_id = new.outlet_id, published_at = new.published_at
      where article_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger articles_search_update after update of outlet_id, published_at on articles
    for each row when (old.outlet_id is distinct from new.outlet_id or old.published_at is distinct from new.published_at)
    execute function statement_search_article()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists articles_search_update on articles`.execute(db);
  await sql`drop trigger if exists attributions_search_update on attributions`.execute(db);
  await sql`drop trigger if exists attributions_search_insert on attributions`.execute(db);
  await sql`drop trigger if exists statements_search_add on statements`.execute(db);
  await sql`drop function if exists statement_search_article()`.execute(db);
  await sql`drop function if exists statement_search_speaker()`.execute(db);
  await sql`drop function if exists statement_search_add()`.execute(db);
  await sql`drop table if exists statement_search`.execute(db);
  await sql`create index if not exists articles_published_desc_key on articles ((coalesce(published_at, '-infinity'::timestamptz)) desc, id desc)`.execute(db);
  await sql`create index if not exists articles_published_asc_key on articles ((coalesce(published_at, 'infinity'::timestamptz)), id)`.execute(db);
}
