import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SessionUser } from './auth.ts';

/** Every token starts with this, so a leaked one is recognisable (as GitHub's `ghp_`). */
export const TOKEN_PREFIX = 'vbt_';

/**
 * A new personal API token: `vbt_` + 43 base64url characters (32 random bytes, 256 bits).
 * Only its SHA-256 is stored: a secret this random needs no slow hash (nothing to guess),
 * and a fast one lets every API request check it.
 */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** The stored form of a token secret: SHA-256, lowercase hex (64 characters). */
export function tokenSha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A token as its owner's list and the API show it: never the secret, nor its hash. */
export interface ApiTokenListing {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Creates a token named `name` for user `userId`; returns its id and the secret, which is
 * shown once and never stored (only its hash is). Run it in the caller's transaction.
 */
export async function createApiToken(db: Kysely<Database>, userId: number, name: string): Promise<{ id: number; secret: string }> {
  const secret = newTokenSecret();
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_prefix: secret.slice(0, TOKEN_PREFIX.length + 6), token_sha256: tokenSha256(secret) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, secret };
}

/** The api_tokens columns of an ApiTokenListing. */
export const TOKEN_LISTING_COLUMNS = ['id', 'name', 'token_prefix as prefix', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'] as const;

/** A user's tokens, newest first, revoked ones included (they show as revoked). */
export async function listApiTokens(db: Kysely<Database>, userId: number): Promise<ApiTokenListing[]> {
  return db
    .selectFrom('api_tokens')
    .select(TOKEN_LISTING_COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Revokes every live token of user `userId` (a password change or reset: whoever learnt the
 * old password may have made one). Run it in the transaction that changes the password.
 * Returns how many it revoked.
 */
export async function revokeTokensOfUser(db: Kysely<Database>, userId: number): Promise<number> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The user a token secret belongs to, if the token exists, is not revoked and its user is not
 * disabled; records the use (last_used_at, at most once a minute per token, so a busy script
 * does not write on every request).
 */
export async function findTokenUser(db: Kysely<Database>, secret: string): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as tokenId', 't.last_used_at', 'u.id', 'u.username', 'u.role'])
    .where('t.token_sha256', '=', tokenSha256(secret))
    .where('t.revoked_at', 'is', null)
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.tokenId).execute();
  }
  return { id: row.id, username: row.username, role: row.role };
}
