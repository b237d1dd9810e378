import { type Kysely, sql } from 'kysely';

// Near-verbatim search prefilters on the quote's rarest words, so it needs to know how many
// statements contain each word (a stemmed lexeme of statements.search_vector).
//
// Kept up to date by statement-level triggers over transition tables: one upsert per
// INSERT/DELETE statement, with the words in sorted order so that concurrent ingest
// transactions lock the same rows in the same order (no deadlocks).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table statement_words (
      word text primary key,
      doc_count integer not null check (doc_count >= 0)
    )`.execute(db);

  await sql`
    insert into statement_words (word, doc_count)
    select word, ndoc from ts_stat('select search_vector from statements')`.execute(db);

  await sql`
    create function statement_words_count_inserted() returns trigger language plpgsql as $$
    begin
      insert into statement_words (word, doc_count)
      select w, count(*) from inserted_statements, unnest(tsvector_to_array(search_vector)) as w
      group by w order by w
      on conflict (word) do update set doc_count = statement_words.doc_count + excluded.doc_count;
      return null;
    end $$`.execute(db);
  await sql`
    create function statement_words_count_deleted() returns trigger language plpgsql as $$
    begin
      update statement_words sw set doc_count = greatest(sw.doc_count - d.n, 0)
      from (select w, count(*)::integer as n from deleted_statements, unnest(tsvector_to_array(search_vector)) as w
            group by w order by w) d
      where sw.word = d.w;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger statements_words_insert after insert on statements
    referencing new table as inserted_statements
    for each statement execute function statement_words_count_inserted()`.execute(db);
  await sql`
    create trigger statements_words_delete after delete on statements
    referencing old table as deleted_statements
    for each statement execute function statement_words_count_deleted()`.execute(db);

  // "Newest"/"oldest" walk articles by publication date with undated articles last, as a
  // plain row comparison (keyset pagination): index the exact sort keys.
  await sql`
    create index articles_published_desc_key on articles
      ((coalesce(published_at, '-infinity'::timestamptz)) desc, id desc)`.execute(db);
  await sql`
    create index articles_published_asc_key on articles
      ((coalesce(published_at, 'infinity'::timestamptz)), id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists articles_published_asc_key`.execute(db);
  await sql`drop index if exists articles_published_desc_key`.execute(db);
  await sql`drop trigger if exists statements_words_delete on statements`.execute(db);
  await sql`drop trigger if exists statements_words_insert on statements`.execute(db);
  await sql`drop function if exists statement_words_count_deleted()`.execute(db);
  await sql`drop function if exists statement_words_count_inserted()`.execute(db);
  await sql`drop table if exists statement_words`.execute(db);
}
