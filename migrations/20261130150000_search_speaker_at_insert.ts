import { type Kysely, sql } from 'kysely';

// A statement's search row takes its speaker when it is inserted, not by a second write.
// statement_search_add inserted every search row with no speaker, and the attributions
// trigger (statement_search_speaker) then set it with an UPDATE: speaker_id is indexed, so
// that UPDATE wrote a new version of each row into all seven indexes, the tsvector GIN one
// included, and left a dead row for VACUUM. A store now inserts its statements and their
// attributions in one SQL statement (src/ingest/persist-extraction.ts), and both triggers
// run after it: statement_search_add reads each statement's current attribution, and
// statement_search_speaker only rewrites rows whose speaker differs, so whichever runs
// first, each row is written once. Paths that insert an attribution later (review, span
// edits, re-extraction) still get their speaker from the UPDATE, as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function statement_search_add() returns trigger language plpgsql as $$
    begin
      insert into statement_search (id, article_id, kind, published_at, outlet_id, speaker_id, search_vector)
      select n.id, n.article_id, n.kind, a.published_at, a.outlet_id,
        (select at.speaker_id from attributions at where at.statement_id = n.id and at.is_current),
        case when exists (select 1 from new_statements c where c.continues_statement_id = n.id)
          then statement_utterance_vector(n.id) else n.search_vector end
      from new_statements n join articles a on a.id = n.article_id;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function statement_search_speaker() returns trigger language plpgsql as $$
    begin
      update statement_search ss set speaker_id = cur.speaker_id
      from (select c.statement_id, (select at.speaker_id from attributions at where at.statement_id = c.statement_id and at.is_current) as speaker_id
            from (select distinct statement_id from changed_attributions) c) cur
      where ss.id = cur.statement_id and ss.speaker_id is distinct from cur.speaker_id;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
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
  await sql`
    create or replace function statement_search_speaker() returns trigger language plpgsql as $$
    begin
      update statement_search ss
      set speaker_id = (select at.speaker_id from attributions at where at.statement_id = ss.id and at.is_current)
      where ss.id in (select statement_id from changed_attributions);
      return null;
    end $$`.execute(db);
}
