import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Role } from './auth.ts';
import type { UserRow } from './users.ts';

// Users as admins manage them. Query functions only: the caller opens the transaction.

const USER_COLUMNS = ['id', 'username', 'role', 'disabled', 'version', 'created_at', 'last_login_at'] as const;

/** Every user, by name (case-insensitive): an install has tens of accounts, not thousands. */
export async function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').select(USER_COLUMNS).orderBy(sql`lower(username)`).orderBy('id').execute();
}

export async function findUserRow(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/**
 * Inserts a user; undefined (nothing inserted) when the name is taken in any letter case
 * (the unique index on lower(username)), so two concurrent creates cannot both succeed.
 */
export async function insertUser(db: Kysely<Database>, user: { username: string; passwordHash: string; role: Role }): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values({ username: user.username, password_hash: user.passwordHash, role: user.role })
    .onConflict((oc) => oc.doNothing())
    .returning(USER_COLUMNS)
    .executeTakeFirst();
}

/** The users `ids` (those that exist), locked for update in id order (two admins locking the same pair never deadlock). */
export async function lockUsers(db: Kysely<Database>, ids: number[]): Promise<UserRow[]> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/** Sets role and disabled, one version up; returns the new row. */
export async function updateUserRow(db: Kysely<Database>, id: number, change: { role: Role; disabled: boolean }): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({ role: change.role, disabled: change.disabled, version: sql`version + 1` })
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The user's password hash, locked for update (the password change compares it with the one it verified). */
export async function lockPasswordHash(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).where('disabled', '=', false).forUpdate().executeTakeFirst();
  return row?.password_hash;
}

export async function findPasswordHash(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).where('disabled', '=', false).executeTakeFirst();
  return row?.password_hash;
}

export async function setPasswordHash(db: Kysely<Database>, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}
