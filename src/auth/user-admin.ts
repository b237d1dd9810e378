import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { Database } from '../db/database.ts';
import { HttpError, InputError, NotFoundError, StaleVersionError } from '../http/errors.ts';
import type { Role, SessionUser } from './auth.ts';
import { insertUser, lockUsers, updateUserRow } from './user-admin.queries.ts';
import { endSessionsOfUser } from './users.queries.ts';
import { auditUser, presentUser, type UserChange, type UserView } from './users.ts';

// What an admin does to accounts, for the page and the API alike. Run each in one
// transaction (the route opens it): the write, its sessions and its audit entry commit together.

/**
 * Creates a user (the password already hashed). Throws InputError 422 naming `username`
 * when the name is taken in any letter case.
 */
export async function createUserAccount(trx: Kysely<Database>, actor: SessionUser, input: { username: string; passwordHash: string; role: Role }): Promise<UserView> {
  const row = await insertUser(trx, input);
  if (!row) throw new InputError([{ field: 'username', message: `is taken (user names are compared without letter case)` }]);
  const user = presentUser(row);
  await recordAudit(trx, { userId: actor.id, action: 'create', entityType: 'user', entityId: user.id, before: null, after: auditUser(user) });
  return user;
}

function actionOf(before: UserView, after: UserView): string {
  if (before.disabled !== after.disabled && before.role === after.role) return after.disabled ? 'disable' : 'enable';
  if (before.disabled === after.disabled) return 'change_role';
  return 'update';
}

/**
 * Changes a user's role and/or disabled flag, made on `change.version`. Disabling ends
 * every session of the user at once (their tokens stop working by themselves: the token
 * lookup skips disabled users). Throws NotFoundError (no such user), HttpError 403 (the
 * actor is no longer an enabled admin), StaleVersionError 409 (the user changed since
 * `change.version`), InputError 422 naming `role` or `disabled` (an admin demoting or
 * disabling themselves: the site must keep an admin). Returns the user as saved (the
 * same version when nothing changed).
 */
export async function updateUserAccount(trx: Kysely<Database>, actor: SessionUser, id: number, change: UserChange): Promise<UserView> {
  // The actor's row is locked with the target's: two admins demoting each other at once
  // wait for one another, and the second finds it is no longer an admin.
  const rows = await lockUsers(trx, [...new Set([actor.id, id])]);
  const me = rows.find((r) => r.id === actor.id);
  if (!me || me.disabled || me.role !== 'admin') throw new HttpError(403, 'This needs the admin role');
  const row = rows.find((r) => r.id === id);
  if (!row) throw new NotFoundError(`User ${id}`);
  const before = presentUser(row);
  const wanted = { role: change.role ?? before.role, disabled: change.disabled ?? before.disabled };
  if (change.version !== before.version) {
    throw new StaleVersionError(`User ${before.username}`, change.version, auditUser(before), { ...auditUser(before), ...wanted, version: change.version });
  }
  if (id === actor.id) {
    const issues = [];
    if (wanted.role !== 'admin') issues.push({ field: 'role', message: 'you cannot take the admin role from yourself (ask another admin)' });
    if (wanted.disabled) issues.push({ field: 'disabled', message: 'you cannot disable your own account' });
    if (issues.length) throw new InputError(issues);
  }
  if (wanted.role === before.role && wanted.disabled === before.disabled) return before;
  const after = presentUser(await updateUserRow(trx, id, wanted));
  if (after.disabled && !before.disabled) await endSessionsOfUser(trx, id);
  await recordAudit(trx, { userId: actor.id, action: actionOf(before, after), entityType: 'user', entityId: id, before: auditUser(before), after: auditUser(after) });
  return after;
}
