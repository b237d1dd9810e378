import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** The kinds of thing the audit log records writes to. */
export type AuditEntity = 'article' | 'attribution' | 'speaker' | 'annotation' | 'user' | 'api_token' | 'suggestion' | 'import_record';

export interface AuditEntry {
  /** Who did it; null for the system (a CLI without a user). */
  userId: number | null;
  /** What was done, a verb: create, update, delete, verify, correct, reject, merge, ... */
  action: string;
  entityType: AuditEntity;
  entityId: number | null;
  /** The entity's view before the write (null for a create); never a secret or a hash. */
  before?: unknown;
  /** The entity's view after the write (null for a delete); never a secret or a hash. */
  after?: unknown;
}

/** snake_case → camelCase, for row images: JSON speaks camelCase everywhere (DESIGN.md). */
const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** `value` with every object key in camelCase, at any depth (dates and other values as they are). */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelKeys(v)]));
}

/**
 * Records one write in audit_log. Call it inside the transaction that makes the write, so
 * the entry exists exactly when the write does. `before`/`after` are stored as jsonb, their
 * keys in camelCase (a raw row's `body_text` is kept as `bodyText`).
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(camelKeys(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(camelKeys(entry.after)),
    })
    .execute();
}
