import { type Kysely, sql } from 'kysely';

// A quotation split by its attribution ("Closing the estuary," said Y, "will change the salt
// balance.") is stored as two statements; the second names the first in
// continues_statement_id (set by linkSplitQuotes at store time). The first part's search row
// holds the words of the whole utterance, its parts' texts joined in order, so a phrase
// that runs across the split ("estuary will change") finds it; the later parts keep their
// own words.
//
// statement_utterance_vector is the one place that joins the words. Every path that writes a
// head's search row (insert, a link set or cleared, a part's text corrected) calls
// refresh_utterance_search, which deletes and inserts the row so its postings follow.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table statements add column continues_statement_id integer
      references statements (id) on delete set null
      constraint statements_continues_other check (continues_statement_id <> id)`.execute(db);
  await sql`create unique index statements_continues_key on statements (continues_statement_id)`.execute(db);

  await sql`
    create function statement_utterance_vector(head integer) returns tsvector language sql stable as $$
      with recursive part (id, text, start_offset, depth) as (
        select s.id, s.text, s.start_offset, 0 from statements s where s.id = head
        union all
        select n.id, n.text, n.start_offset, p.depth + 1
        from part p join statements n on n.continues_statement_id = p.id
        where p.depth < 20
      )
      select to_tsvector('english', string_agg(text, ' ' order by start_offset, id)) from part
    $$`.execute(db);

  // The head of each given statement's utterance: itself, or the part it continues, up the chain.
  await sql`
    create function refresh_utterance_search(ids integer[]) returns void language plpgsql as $$
    declare heads integer[];
    begin
      with recursive up (id, continues, depth) as (
        select s.id, s.continues_statement_id, 0 from statements s where s.id = any(ids)
        union all
        select s.id, s.continues_statement_id, u.depth + 1
        from up u join statements s on s.id = u.continues and u.depth < 20
      )
      select array_agg(distinct id) into heads from up where continues is null;
      if heads is null then return; end if;
      delete from statement_search where id = any(heads);
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select s.id, s.article_id, s.kind, a.published_at, a.outlet_id,
        (select at.speaker_id from attributions at where at.statement_id = s.id and at.is_current),
        statement_utterance_vector(s.id)
      from statements s join articles a on a.id = s.article_id
      where s.id = any(heads)
      order by s.id;
    end $$`.execute(db);

  // A link set or cleared: the old and new heads' words change. A row that now continues
  // another part gets back its own words.
  await sql`
    create function statement_utterance_link() returns trigger language plpgsql as $$
    begin
      perform refresh_utterance_search(array_remove(array[old.continues_statement_id, new.continues_statement_id], null));
      if new.continues_statement_id is not null and old.continues_statement_id is null then
        delete from statement_search where id = new.id;
        insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
        select new.id, new.article_id, new.kind, a.published_at, a.outlet_id,
          (select at.speaker_id from attributions at where at.statement_id = new.id and at.is_current), new.search_vector
        from articles a where a.id = new.article_id;
      elsif new.continues_statement_id is null then
        perform refresh_utterance_search(array[new.id]);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger statements_utterance_link after update of continues_statement_id on statements
    for each row when (old.continues_statement_id is distinct from new.continues_statement_id)
    execute function statement_utterance_link()`.execute(db);

  // A corrected span (new text): its own row as before, then its utterance's head.
  await sql`
    create or replace function statement_search_retext() returns trigger language plpgsql as $$
    begin
      delete from statement_search where id = new.id;
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select new.id, new.article_id, new.kind, a.published_at, a.outlet_id,
        (select at.speaker_id from attributions at where at.statement_id = new.id and at.is_current), new.search_vector
      from articles a where a.id = new.article_id;
      perform refresh_utterance_search(array[new.id]);
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function statement_search_retext() returns trigger language plpgsql as $$
    begin
      delete from statement_search where id = new.id;
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select new.id, new.article_id, new.kind, a.published_at, a.outlet_id,
        (select at.speaker_id from attributions at where at.statement_id = new.id and at.is_current), new.search_vector
      from articles a where a.id = new.article_id;
      return null;
    end $$`.execute(db);
  await sql`drop trigger if exists statements_utterance_link on statements`.execute(db);
  await sql`drop function if exists statement_utterance_link()`.execute(db);
  await sql`drop function if exists refresh_utterance_search(integer[])`.execute(db);
  await sql`drop function if exists statement_utterance_vector(integer)`.execute(db);
  await sql`alter table statements drop column if exists continues_statement_id`.execute(db);
}
