import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { Database } from '../db/database.ts';
import { HttpError, InputError, NotFoundError } from '../http/errors.ts';
import { type ApiTokenListing, createApiToken, revokeTokensOfUser, TOKEN_LISTING_COLUMNS } from './api-tokens.ts';
import type { SessionUser } from './auth.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { findPasswordHash, lockPasswordHash, setPasswordHash } from './user-admin.queries.ts';
import { endSessionsOfUser } from './users.queries.ts';

// A user's own account: password and personal API tokens, for the page and the API alike.

/**
 * Checks `currentPassword` and hashes `newPassword`, outside any transaction (argon2 takes
 * a third of a second; no row stays locked meanwhile). Throws InputError 422 naming
 * `currentPassword` (wrong) or `newPassword` (the same as the current one).
 * Returns the verified hash and the new one, for savePassword.
 */
export async function preparePasswordChange(db: Kysely<Database>, user: SessionUser, currentPassword: string, newPassword: string): Promise<{ verifiedHash: string; newHash: string }> {
  const verifiedHash = await findPasswordHash(db, user.id);
  if (!verifiedHash || !(await verifyPassword(verifiedHash, currentPassword))) {
    throw new InputError([{ field: 'currentPassword', message: 'is not your current password' }]);
  }
  if (newPassword === currentPassword) throw new InputError([{ field: 'newPassword', message: 'must differ from your current password' }]);
  return { verifiedHash, newHash: await hashPassword(newPassword) };
}

/**
 * Saves the new hash, ends EVERY session of the user (the caller logs the current one in
 * again on a new session id) and revokes every API token of theirs (whoever learnt the old
 * password may have made one), with an audit entry. Throws HttpError 409 when the password
 * changed after it was verified (another session changed it first).
 * Returns how many sessions ended and how many tokens were revoked.
 */
export async function savePassword(trx: Kysely<Database>, user: SessionUser, change: { verifiedHash: string; newHash: string }): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const hash = await lockPasswordHash(trx, user.id);
  if (hash !== change.verifiedHash) throw new HttpError(409, 'Your password was changed by another session meanwhile; nothing was saved. Reload and try again.');
  await setPasswordHash(trx, user.id, change.newHash);
  const sessionsEnded = await endSessionsOfUser(trx, user.id);
  const tokensRevoked = await revokeTokensOfUser(trx, user.id);
  // The audit entry says that it changed, never what to.
  const who = { id: user.id, username: user.username };
  await recordAudit(trx, { userId: user.id, action: 'change_password', entityType: 'user', entityId: user.id, before: who, after: { ...who, sessionsEnded, tokensRevoked } });
  return { sessionsEnded, tokensRevoked };
}

/** A token in the audit log: its listing, never the secret nor its hash. */
function auditToken(userId: number, t: ApiTokenListing): Record<string, unknown> {
  return { id: t.id, userId, name: t.name, prefix: t.prefix, createdAt: t.createdAt, revokedAt: t.revokedAt };
}

/**
 * A new personal API token for `user`, named `name`: its view plus `token`, the secret,
 * which the caller shows once (only its SHA-256 is stored). Audited without the secret.
 */
export async function createTokenFor(trx: Kysely<Database>, user: SessionUser, name: string): Promise<ApiTokenListing & { token: string }> {
  const { id, secret } = await createApiToken(trx, user.id, name);
  const view = await trx.selectFrom('api_tokens').select(TOKEN_LISTING_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
  await recordAudit(trx, { userId: user.id, action: 'create', entityType: 'api_token', entityId: id, before: null, after: auditToken(user.id, view) });
  return { ...view, token: secret };
}

/**
 * Revokes `user`'s token `id` (audited); revoking a revoked one changes nothing. Throws
 * NotFoundError for an id that is not one of the user's tokens (another user's included,
 * so ids reveal nothing). Returns the token as it is now.
 */
export async function revokeTokenOf(trx: Kysely<Database>, user: SessionUser, id: number): Promise<ApiTokenListing> {
  const before = await trx.selectFrom('api_tokens').select(TOKEN_LISTING_COLUMNS).where('id', '=', id).where('user_id', '=', user.id).forUpdate().executeTakeFirst();
  if (!before) throw new NotFoundError(`Token ${id}`);
  if (before.revokedAt) return before;
  const after = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .returning(TOKEN_LISTING_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { userId: user.id, action: 'revoke', entityType: 'api_token', entityId: id, before: auditToken(user.id, before), after: auditToken(user.id, after) });
  return after;
}
