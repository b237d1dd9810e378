import { type Kysely, sql } from 'kysely';

// Bulk ingestion (issue 14): stores that write less, and hold their shared locks for less time.
//
// 1. A quotation split by its attribution is linked when its parts are inserted
//    (continues_statement_id in the INSERT itself) instead of by an UPDATE after it: an
//    UPDATE of an indexed column is never HOT, so it wrote every index of the row again,
//    both GIN ones included, and rewrote the head's search row (18 ms of a 57 ms store,
//    measured by bench:ingest's profile). The insert trigger therefore gives a head
//    continued by a row of the same INSERT the words of its whole utterance
//    (statement_utterance_vector, migration 20261130040000), as the link trigger did.
// 2. A store counts its statements' words (statement_words) explicitly, just before it
//    takes the cluster lock, instead of by an insert trigger: the counter rows of common
//    words are locked until the commit, so a trigger at the INSERT made every later step
//    of every store wait on the store before it (bench:ingest saw 20-24% of the backends'
//    samples waiting there). count_statement_words is the one place that counts them;
//    deletes still uncount by trigger (they come first in a re-extraction, as before).
// 3. The earliest stored quote with a fingerprint is the first entry of an index range
//    (fingerprint, id), not the smallest id among all copies of a quote (wire copy gives a
//    quote hundreds of them in an archive).
// 4. Speaker resolution (every store) finds a surname's longer names through an index on
//    an alias's last word, and the aliases' trigram index (autocomplete) stops collecting
//    inserts in a pending list: while autovacuum lagged behind a bulk import, the planner
//    read that list for the exact-alias lookup (6 ms, against 0.1 through the btree).
// 5. The tsvector GIN indexes that stores and searches read (statements' for clustering's
//    probes, statement_search's for search) keep a short pending list (128 kB instead of
//    gin_pending_list_limit's 4 MB): every query through them reads the whole list, and a
//    bulk import keeps it full (a probe took 3.7 ms with 107 pending pages, 0.2 ms after
//    the list was merged). Merging a short list often costs the inserts little more.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function statement_search_add() returns trigger language plpgsql as $$
    begin
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select n.id, n.article_id, n.kind, a.published_at, a.outlet_id, null,
        case when exists (select 1 from new_statements c where c.continues_statement_id = n.id)
          then statement_utterance_vector(n.id) else n.search_vector end
      from new_statements n join articles a on a.id = n.article_id;
      return null;
    end $$`.execute(db);
  await sql`drop trigger statements_words_insert on statements`.execute(db);
  await sql`drop function statement_words_count_inserted()`.execute(db);
  // In sorted word order, so concurrent stores lock the counter rows in one order.
  await sql`
    create function count_statement_words(ids integer[]) returns void language sql as $$
      insert into statement_words (word, doc_count)
      select w, count(*) from statements s, unnest(tsvector_to_array(s.search_vector)) as w
      where s.id = any(ids)
      group by w order by w
      on conflict (word) do update set doc_count = statement_words.doc_count + excluded.doc_count
    $$`.execute(db);
  await sql`create index speaker_aliases_last_word on speaker_aliases ((regexp_replace(normalized_alias, '^.* ', '')))`.execute(db);
  await sql`alter index speaker_aliases_trgm set (fastupdate = off)`.execute(db);
  for (const index of ['statements_search_idx', 'statement_search_words']) {
    await sql`alter index ${sql.id(index)} set (gin_pending_list_limit = 128)`.execute(db);
  }
  await sql`create index statements_fingerprint_id_idx on statements (fingerprint, id)`.execute(db);
  await sql`drop index if exists statements_fingerprint_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter index speaker_aliases_trgm reset (fastupdate)`.execute(db);
  for (const index of ['statements_search_idx', 'statement_search_words']) {
    await sql`alter index ${sql.id(index)} reset (gin_pending_list_limit)`.execute(db);
  }
  await sql`drop index if exists speaker_aliases_last_word`.execute(db);
  await sql`create index if not exists statements_fingerprint_idx on statements (fingerprint)`.execute(db);
  await sql`drop index if exists statements_fingerprint_id_idx`.execute(db);
  await sql`drop function if exists count_statement_words(integer[])`.execute(db);
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
    create trigger statements_words_insert after insert on statements
    referencing new table as inserted_statements
    for each statement execute function statement_words_count_inserted()`.execute(db);
  await sql`
    create or replace function statement_search_add() returns trigger language plpgsql as $$
    begin
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select n.id, n.article_id, n.kind, a.published_at, a.outlet_id, null, n.search_vector
      from new_statements n join articles a on a.id = n.article_id;
      return null;
    end $$`.execute(db);
}
