import { z } from 'zod';
import { typedText } from '../http/schema.ts';

// Who may do what. Roles are ordered: each one may do what the ones before it may.
export const ROLES = ['reader', 'annotator', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
}

export function hasRole(user: SessionUser | undefined, needed: Role): boolean {
  return user !== undefined && ROLES.indexOf(user.role) >= ROLES.indexOf(needed);
}

export const usernameSchema = z.string().trim().regex(/^[A-Za-z0-9_.-]{3,40}$/, 'must be 3 to 40 letters, digits, dots, dashes or underscores');
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

/** The log-in fields (JSON or form; the form also sends its CSRF token and where to go next). */
export const loginSchema = z.strictObject({
  // The name is looked up in the database: no NUL or lone surrogate may reach it.
  username: typedText(40).min(1, 'is required'),
  password: z.string().min(1, 'is required').max(200),
  _csrf: z.string().optional(),
  next: z.string().optional(),
});

declare global {
  // Passport types req.user as Express.User: ours carries id, username and role.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface User extends SessionUser {}
  }
}
