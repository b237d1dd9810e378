import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { findTokenUser } from './api-tokens.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set when the request authenticated with `Authorization: Bearer`: no cookie, no CSRF. */
      viaApiToken?: boolean;
    }
  }
}

/** A secret as createApiToken makes it; anything else is refused without a database lookup. */
const TOKEN_SHAPE = /^vbt_[A-Za-z0-9_-]{43}$/;

/**
 * `Authorization: Bearer <token>` authenticates the request as the token's user, in place of
 * any session cookie it also carries. An unknown, revoked or malformed token, or one whose
 * user is disabled, answers 401 (never a fallback to the cookie: a script must learn its
 * token is dead). Mounted after passport's session middleware, so the token wins.
 */
export function bearerAuth(db: Kysely<Database>): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const secret = match?.[1];
    const user = secret && TOKEN_SHAPE.test(secret) ? await findTokenUser(db, secret) : undefined;
    if (!user) {
      res.set('WWW-Authenticate', 'Bearer realm="verbatim", error="invalid_token"');
      return next(new HttpError(401, 'The API token is not valid (unknown, revoked, or its account is disabled)'));
    }
    req.user = user;
    req.viaApiToken = true;
    next();
  };
}
