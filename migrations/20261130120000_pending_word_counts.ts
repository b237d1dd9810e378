import { type Kysely, sql } from 'kysely';

// Queue workers count a store's words after its commit, in a transaction of their own.
// statement_words holds one counter row per word, and a store that counts inside its
// transaction keeps those rows locked to its commit, behind its clustering: every other
// store of a common word waited there (bench-ingest: 93 of 131 waits sampled; 52 against 70
// articles/s with the counting left out). So a store may instead list its statements in
// statement_words_pending, which only it writes, and count_pending_statement_words counts
// them after the commit: each pending statement is counted exactly once, by whichever call
// deletes its row (a worker after its store, or the sweep in store maintenance that counts
// what a worker killed between the two left behind). A deleted statement still pending is
// not uncounted (it never was counted).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table statement_words_pending (statement_id integer primary key)`.execute(db);
  await sql`
    create function count_pending_statement_words(ids integer[]) returns integer language sql as $$
      with taken as (
        delete from statement_words_pending p where ids is null or p.statement_id = any(ids) returning p.statement_id),
      counted as (
        insert into statement_words (word, doc_count)
        select w, count(*) from statements s join taken t on t.statement_id = s.id, unnest(tsvector_to_array(s.search_vector)) as w
        group by w order by w
        on conflict (word) do update set doc_count = statement_words.doc_count + excluded.doc_count
        returning 1)
      select count(*)::integer from taken
    $$`.execute(db);
  await sql`
    create or replace function statement_words_count_deleted() returns trigger language plpgsql as $$
    begin
      with uncounted as (
        delete from statement_words_pending p using deleted_statements d where p.statement_id = d.id returning p.statement_id)
      update statement_words sw set doc_count = greatest(sw.doc_count - d.n, 0)
      from (select w, count(*)::integer as n from deleted_statements, unnest(tsvector_to_array(search_vector)) as w
            where id not in (select statement_id from uncounted)
            group by w order by w) d
      where sw.word = d.w;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`select count_pending_statement_words(null)`.execute(db);
  await sql`
    create or replace function statement_words_count_deleted() returns trigger language plpgsql as $$
    begin
      update statement_words sw set doc_count = greatest(sw.doc_count - d.n, 0)
      from (select w, count(*)::integer as n from deleted_statements, unnest(tsvector_to_array(search_vector)) as w
            group by w order by w) d
      where sw.word = d.w;
      return null;
    end $$`.execute(db);
  await sql`drop function if exists count_pending_statement_words(integer[])`.execute(db);
  await sql`drop table if exists statement_words_pending`.execute(db);
}
