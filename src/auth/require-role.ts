import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors.ts';
import { RoleRequiredError } from './role-required.ts';
import { wantsJson } from '../http/error-handler.ts';
import { hasRole, type Role } from './auth.ts';

/**
 * Only a logged-in user with at least `role`: pages send visitors to log in, the API answers
 * 401; a user of a lower role gets RoleRequiredError (403 naming the role and whom to ask).
 */
export function requireRole(role: Role): RequestHandler {
  return (req, res, next) => {
    if (!req.user) {
      if (wantsJson(req)) return next(new HttpError(401, 'Log in first (POST /api/login)'));
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    if (!hasRole(req.user, role)) return next(new RoleRequiredError(role, req.user.role));
    next();
  };
}

/** Where to go after logging in: a path on this site only, never another origin. */
export function safeNextPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}
