import { type Kysely, sql } from 'kysely';

// Clustering's similarity probe finds its candidates through the search rows' tsvector index
// (statement_search_words), so statements no longer keep a GIN index of their own on the
// same words. Every statement has a search row holding its words (the first part of a split
// quotation holds its later parts' words too: the probe then finds it also by those, and
// scores it by its own text). That index cost every store a second GIN entry set per
// statement, and, cluster_id being indexed, every clustered quote a third one when its
// cluster was set: about 0.3 ms a record each at 13,000 articles (docs/performance.md,
// bulk ingestion, fifth pass).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists statements_search_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists statements_search_idx on statements using gin (search_vector) with (gin_pending_list_limit = 128)`.execute(db);
}
