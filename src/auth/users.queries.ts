import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Role, SessionUser } from './auth.ts';

export async function findUserForLogin(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'password_hash', 'disabled'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

/** The session's user, unless deleted or disabled since. */
export async function findActiveUser(db: Kysely<Database>, id: number): Promise<SessionUser | undefined> {
  return db.selectFrom('users').select(['id', 'username', 'role']).where('id', '=', id).where('disabled', '=', false).executeTakeFirst();
}

export async function recordLogin(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', id).execute();
}

/**
 * The usernames of up to `limit` active admins, by name: whom the 403 page tells a user to
 * ask for a role (views/role-required.hbs).
 */
export async function listAdminUsernames(db: Kysely<Database>, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('users').select('username').where('role', '=', 'admin').where('disabled', '=', false).orderBy('username').limit(limit).execute();
  return rows.map((r) => r.username);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** Creates the user, or sets a new password and role for an existing one (same name, any case). */
export async function upsertUser(db: Kysely<Database>, username: string, passwordHash: string, role: Role): Promise<{ id: number; created: boolean }> {
  const existing = await findUserForLogin(db, username);
  if (existing) {
    await db.updateTable('users').set({ password_hash: passwordHash, role, disabled: false, version: sql`version + 1` }).where('id', '=', existing.id).execute();
    return { id: existing.id, created: false };
  }
  const row = await db.insertInto('users').values({ username, password_hash: passwordHash, role }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

/**
 * Ends every session of the user (a password reset must lock out whoever else is logged in):
 * deletes the `sessions` rows whose passport user is `id`. Returns how many it deleted.
 * Run it in the transaction that changes the password.
 */
export async function endSessionsOfUser(db: Kysely<Database>, id: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where(sql`sess -> 'passport' ->> 'user'`, '=', String(id)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
