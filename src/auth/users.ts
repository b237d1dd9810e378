import { z } from 'zod';
import { MAX_INT4, typedText } from '../http/schema.ts';
import { passwordSchema, ROLES, type Role, usernameSchema } from './auth.ts';

// Accounts as admins and users manage them: input schemas and the JSON/page views.

/** A user as the admin page and `GET /api/users` show it (never the password hash). */
export interface UserView {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  /** The version an edit must carry (a stale one answers 409). */
  version: number;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  version: number;
  created_at: Date;
  last_login_at: Date | null;
}

export function presentUser(row: UserRow): UserView {
  return { id: row.id, username: row.username, role: row.role, disabled: row.disabled, version: row.version, createdAt: row.created_at, lastLoginAt: row.last_login_at };
}

/** The same user as an audit before/after image: what an admin can change, no timestamps of logins. */
export function auditUser(u: UserView): { version: number } & Record<string, unknown> {
  return { id: u.id, username: u.username, role: u.role, disabled: u.disabled, version: u.version };
}

/** A version number as JSON sends it: a whole number from 1 to MAX_INT4. */
export const versionNumber = z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_INT4, 'is too large');
/** A version number from a form field (text of digits). */
export const versionField = z.string().regex(/^\d{1,10}$/, 'must be a whole number').transform(Number).pipe(versionNumber);

const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/** POST /api/users and the admin page's create form. */
export const createUserSchema = z.strictObject({ username: usernameSchema, password: passwordSchema, role });
export const createUserForm = createUserSchema.extend({ _csrf: z.string().optional() });

/** PATCH /api/users/:id: the version the edit was made on, and what changes (at least one). */
export const updateUserSchema = z
  .strictObject({ version: versionNumber, role: role.optional(), disabled: z.boolean({ error: 'must be true or false' }).optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, { message: 'give role or disabled (or both)', path: ['role'] });
/** The admin page's per-user form: a role select and a "disabled" checkbox (absent: enabled). */
export const updateUserForm = z
  .strictObject({ _csrf: z.string().optional(), version: versionField, role, disabled: z.literal('on', { error: 'must be "on" or absent' }).optional() })
  .transform(({ version, role, disabled }) => ({ version, role, disabled: disabled === 'on' }));

export type UserChange = { version: number; role?: Role; disabled?: boolean };

/** POST /api/account/password. */
export const passwordChangeSchema = z.strictObject({ currentPassword: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'), newPassword: passwordSchema });
/** The /account form: the new password typed twice. */
export const passwordChangeForm = passwordChangeSchema
  .extend({ _csrf: z.string().optional(), confirmPassword: z.string().max(200) })
  .refine((b) => b.newPassword === b.confirmPassword, { message: 'does not match the new password', path: ['confirmPassword'] });

/** A token's name, as its owner types it (the table allows 1 to 100 characters). */
export const tokenNameSchema = z.strictObject({ name: typedText(100).min(1, 'is required') });
export const tokenNameForm = tokenNameSchema.extend({ _csrf: z.string().optional() });

/** A time for pages: '2026-11-29 14:05 UTC' ('' for none). */
export function formatTime(d: Date | null | undefined): string {
  return d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}
