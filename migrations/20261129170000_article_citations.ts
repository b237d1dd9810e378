import { type Kysely, sql } from 'kysely';

// Formatted citations of articles, one per article and citation style, kept because
// formatting one takes citeproc about a millisecond: an export of 100,000 articles would
// spend minutes on it every time. `source_key` is a hash of everything the text is made
// from (the style's CSL file, the citation-js version, the article's CSL-JSON item with
// its URL, which falls back to PUBLIC_URL): a row whose key differs is stale and is made
// again, so an edited article, a changed style file or a new PUBLIC_URL need no clean-up.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table article_citations (
      article_id integer not null references articles(id) on delete cascade,
      style text not null,
      source_key text not null,
      citation text not null,
      primary key (article_id, style)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists article_citations`.execute(db);
}
