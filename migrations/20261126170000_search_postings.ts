import { type Kysely, sql } from 'kysely';

// A posting list per word: (lexeme, statement id), ordered by id in its primary key. The
// GIN index finds a word's statements but only unordered, so "the newest 500 matches of a
// very common word" meant walking statement_search backwards and testing each row (12,900
// rows for a word in 4% of statements: 3.5-5 ms on a million statements). From here they
// are the first 500 entries of one index range (0.1 ms), read without touching the table.
//
// Kept by statement-level triggers on statement_search, which itself follows statements;
// its words never change after insert (re-extraction deletes and inserts statements).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table search_postings (lexeme text not null, statement_id integer not null)`.execute(db);
  await sql`
    insert into search_postings (lexeme, statement_id)
    select w, s.id from statement_search s cross join unnest(tsvector_to_array(s.search_vector)) as w`.execute(db);
  // Keyed after the fill: one sorted build instead of one index insert per row.
  await sql`alter table search_postings add primary key (lexeme, statement_id)`.execute(db);

  await sql`
    create function search_postings_add() returns trigger language plpgsql as $$
    begin
      insert into search_postings (lexeme, statement_id)
      select w, n.id from added_statements n cross join unnest(tsvector_to_array(n.search_vector)) as w;
      return null;
    end $$`.execute(db);
  await sql`
    create function search_postings_remove() returns trigger language plpgsql as $$
    begin
      delete from search_postings p
      using (select w, o.id from removed_statements o cross join unnest(tsvector_to_array(o.search_vector)) as w) r
      where p.lexeme = r.w and p.statement_id = r.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger statement_search_postings_add after insert on statement_search
    referencing new table as added_statements
    for each statement execute function search_postings_add()`.execute(db);
  await sql`
    create trigger statement_search_postings_remove after delete on statement_search
    referencing old table as removed_statements
    for each statement execute function search_postings_remove()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists statement_search_postings_remove on statement_search`.execute(db);
  await sql`drop trigger if exists statement_search_postings_add on statement_search`.execute(db);
  await sql`drop function if exists search_postings_remove()`.execute(db);
  await sql`drop function if exists search_postings_add()`.execute(db);
  await sql`drop table if exists search_postings`.execute(db);
}
