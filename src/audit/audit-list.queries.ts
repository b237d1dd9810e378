import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/** What the audit page and `GET /api/audit` filter on; every field optional. */
export interface AuditFilters {
  /** The acting user's name (any letter case); a name nobody has matches nothing. */
  user?: string;
  entityType?: string;
  entityId?: number;
  /** First day included, 'YYYY-MM-DD' (UTC). */
  from?: string;
  /** Last day included, 'YYYY-MM-DD' (UTC). */
  to?: string;
  /** Keyset cursor: only entries with a smaller id (older ones). */
  before?: number;
}

/** One audit entry as the page and the API show it. */
export interface AuditEntryView {
  id: number;
  action: string;
  entityType: string;
  entityId: number | null;
  /** Who did it; null for the system (a CLI) or a deleted user. */
  user: { id: number; username: string } | null;
  createdAt: Date;
  before: unknown;
  after: unknown;
}

/**
 * Audit entries matching `filters`, newest first (by id: the order they were written),
 * at most `limit`, and the cursor of the next page (`before` for the next call) or null.
 */
export async function listAuditEntries(db: Kysely<Database>, filters: AuditFilters, limit: number): Promise<{ entries: AuditEntryView[]; nextBefore: number | null }> {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.action', 'a.entity_type', 'a.entity_id', 'a.user_id', 'u.username', 'a.created_at', 'a.before', 'a.after']);
  if (filters.user !== undefined) q = q.where(sql<string>`lower(u.username)`, '=', filters.user.toLowerCase());
  if (filters.entityType !== undefined) q = q.where('a.entity_type', '=', filters.entityType);
  if (filters.entityId !== undefined) q = q.where('a.entity_id', '=', filters.entityId);
  // Days are UTC days: from its midnight, to the next day's midnight (excluded).
  if (filters.from !== undefined) q = q.where('a.created_at', '>=', sql<Date>`(${filters.from}::date)::timestamp at time zone 'UTC'`);
  if (filters.to !== undefined) q = q.where('a.created_at', '<', sql<Date>`(${filters.to}::date + 1)::timestamp at time zone 'UTC'`);
  if (filters.before !== undefined) q = q.where('a.id', '<', filters.before);
  const rows = await q.orderBy('a.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      user: r.user_id !== null && r.username !== null ? { id: r.user_id, username: r.username } : null,
      createdAt: r.created_at,
      before: r.before,
      after: r.after,
    })),
    nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
