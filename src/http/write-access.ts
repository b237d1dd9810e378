import type { RequestHandler } from 'express';
import type { Role } from '../auth/auth.ts';
import { requireRole } from '../auth/require-role.ts';
import { noQueryParameters } from './parse-input.ts';
import { csrf } from './session.ts';

/**
 * Throws csrf-sync's 403 error unless the write passes the CSRF check: a cookie-authenticated request must send the session's token (form
 * field `_csrf` or header `x-csrf-token`), else 403. A request authenticated by an API token
 * (`Authorization: Bearer`) carries no ambient credential a third-party page could ride on,
 * so it needs none. Mount it after the body parser (the token may be a form field).
 */
export function assertCsrf(req: Parameters<RequestHandler>[0]): void {
  if (!req.viaApiToken && !csrf.isRequestValid(req)) throw csrf.invalidCsrfTokenError;
}

/** assertCsrf as middleware, for routes whose body parser runs before it. */
export const requireCsrf: RequestHandler = (req, _res, next) => {
  assertCsrf(req);
  next();
};

/**
 * The guard of every write route: a logged-in (or token) user of at least `role`, then the
 * CSRF check, then no query parameters (a write takes its fields in the body: a parameter
 * is refused with 400 naming it) unless `ownQuery`, for a route that parses its query itself.
 * `body` is the route's body parser, run between the first two so that anonymous and
 * under-privileged requests are refused before their body is read.
 */
export function writeAccess(role: Role, body?: RequestHandler, ownQuery = false): RequestHandler[] {
  const query = ownQuery ? [] : [noQueryParameters];
  return body ? [requireRole(role), body, requireCsrf, ...query] : [requireRole(role), requireCsrf, ...query];
}
