import { type Kysely, sql } from 'kysely';

// Bulk ingestion (issue 14) writes each statement row once.
//
// 1. A quotation split by its attribution is linked when its parts are inserted
//    (continues_statement_id in the INSERT itself) instead of by an UPDATE after it: an
//    UPDATE of an indexed column is never HOT, so it wrote every index of the row again,
//    both GIN ones included, and rewrote the head's search row (18 ms of a 57 ms store,
//    measured by bench:ingest's profile). The insert trigger therefore gives a head
//    continued by a row of the same INSERT the words of its whole utterance
//    (statement_utterance_vector, migration 20261130040000), as the link trigger did.
// 2. The earliest stored quote with a fingerprint is the first entry of an index range
//    (fingerprint, id), not the smallest id among all copies of a quote (wire copy gives a
//    quote hundreds of them in an archive).
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
  await sql`create index statements_fingerprint_id_idx on statements (fingerprint, id)`.execute(db);
  await sql`drop index if exists statements_fingerprint_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists statements_fingerprint_idx on statements (fingerprint)`.execute(db);
  await sql`drop index if exists statements_fingerprint_id_idx`.execute(db);
  await sql`
    create or replace function statement_search_add() returns trigger language plpgsql as $$
    begin
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select n.id, n.article_id, n.kind, a.published_at, a.outlet_id, null, n.search_vector
      from new_statements n join articles a on a.id = n.article_id;
      return null;
    end $$`.execute(db);
}
