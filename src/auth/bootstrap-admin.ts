import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { hashPassword } from './passwords.ts';
import { countUsers, upsertUser } from './users.queries.ts';

export const BOOTSTRAP_USERNAME = 'admin';

/**
 * A fresh embedded install has no users, so nobody could add an article: create an admin
 * with a random password, which the caller prints once. Returns null when users exist.
 */
export async function bootstrapAdmin(db: Kysely<Database>): Promise<{ username: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  await upsertUser(db, BOOTSTRAP_USERNAME, await hashPassword(password), 'admin');
  return { username: BOOTSTRAP_USERNAME, password };
}
