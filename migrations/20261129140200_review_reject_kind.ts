import { type Kysely, sql } from 'kysely';

// Review (issue #10): why an editor rejected an attribution, as a kind (the free-text
// reason sits beside it): not a statement at all, or a statement nobody can be credited with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attributions add column reject_kind text check (reject_kind in ('not_a_statement', 'not_attributable'))`.execute(db);
  await sql`alter table attributions add constraint attributions_reject_kind_status check (reject_kind is null or status = 'rejected')`.execute(db);
  // The review queue: current machine attributions, lowest confidence first (nulls first).
  await sql`create index attributions_queue_idx on attributions (confidence nulls first, statement_id) where is_current and status = 'machine'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists attributions_queue_idx`.execute(db);
  await sql`alter table attributions drop constraint if exists attributions_reject_kind_status`.execute(db);
  await sql`alter table attributions drop column if exists reject_kind`.execute(db);
}
