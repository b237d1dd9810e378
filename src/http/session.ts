import type { RequestHandler } from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import { csrfSync } from 'csrf-sync';
import type pg from 'pg';
import type { Config } from '../config.ts';

declare module 'express-session' {
  interface SessionData {
    flash?: { kind: 'success' | 'info' | 'error'; message: string }[];
  }
}

const SESSION_MAX_AGE_MS = 14 * 24 * 3600 * 1000;

/** Sessions live in Postgres (the `sessions` table), so web processes stay stateless. */
export function sessionMiddleware(pool: pg.Pool, config: Config): RequestHandler {
  const PgStore = connectPgSimple(session);
  return session({
    name: 'verbatim.sid',
    secret: config.sessionSecret,
    store: new PgStore({ pool, tableName: 'sessions', createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', maxAge: SESSION_MAX_AGE_MS },
  });
}

// Synchronizer-token CSRF: the token lives in the session and must come back in the
// `_csrf` form field or the `x-csrf-token` header on every unsafe request.
export const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof fromBody === 'string' ? fromBody : (req.headers['x-csrf-token'] as string | undefined);
  },
});

/** Puts a CSRF token in the view locals; used on routes that render a form, so plain
 *  readers get no session row. */
export const provideCsrfToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = csrf.generateToken(req);
  next();
};

/** Exposes (and consumes) the flash messages for the next rendered view. */
export const flashLocals: RequestHandler = (req, res, next) => {
  res.locals.flash = req.session.flash ?? [];
  if (req.session.flash) delete req.session.flash;
  next();
};

export function flash(req: Parameters<RequestHandler>[0], kind: 'success' | 'info' | 'error', message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, message }];
}

/** The logged-in user for the header, with a CSRF token for its log-out form. */
export const userLocals: RequestHandler = (req, res, next) => {
  if (req.user) {
    res.locals.user = req.user;
    res.locals.csrfToken ??= csrf.generateToken(req);
  }
  next();
};
