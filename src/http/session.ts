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

/** A logged-in session lasts 14 days after its last request. */
const SESSION_MAX_AGE_MS = 14 * 24 * 3600 * 1000;
/**
 * A session without a user (one that only holds the login form's CSRF token or a flash
 * message) expires an hour after its last request, so anonymous visits to /login leave rows
 * that the store prunes within the hour instead of keeping them for 14 days.
 */
const ANONYMOUS_SESSION_MAX_AGE_MS = 3600 * 1000;

/**
 * Sessions live in Postgres (the `sessions` table), so web processes stay stateless. Every
 * session starts anonymous (1 hour); `keepLoggedIn` extends it at login.
 */
export function sessionMiddleware(pool: pg.Pool, config: Config): RequestHandler {
  const PgStore = connectPgSimple(session);
  return session({
    name: 'verbatim.sid',
    secret: config.sessionSecret,
    store: new PgStore({ pool, tableName: 'sessions', createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', maxAge: ANONYMOUS_SESSION_MAX_AGE_MS },
  });
}

/**
 * Gives a session that has just logged in 14 days, in its cookie and its row; each later
 * request renews that (express-session restarts a session's own max age). Saves the session
 * here: passport has saved it already, and a changed cookie alone is not saved again.
 * Also gives the new session its CSRF token, saved with it, so pages after login need not
 * change the session (see saveSessionNow).
 * Rejects with the store's error.
 */
export function keepLoggedIn(req: Parameters<RequestHandler>[0]): Promise<void> {
  req.session.cookie.maxAge = SESSION_MAX_AGE_MS;
  csrf.generateToken(req);
  return saveSessionNow(req);
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
  const had = typeof req.session.csrfToken === 'string';
  res.locals.csrfToken = csrf.generateToken(req);
  // A new token is saved before the page goes out, so a quick form post finds it (see saveSessionNow).
  if (had) next();
  else saveSessionNow(req).then(() => next(), next);
};

/**
 * Saves the session now. express-session saves a changed session only as its response
 * ends, after sending the page: a browser quick enough (or a loaded server) sends the
 * page's form before that save lands, and the late save then undoes what the form's request
 * wrote (a flash, seen lost on a loaded CI run). A page that changes the session saves it
 * first; the end-of-response save then finds nothing changed. Rejects with the store's error.
 */
export function saveSessionNow(req: Parameters<RequestHandler>[0]): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

/** Exposes (and consumes) the flash messages for the next rendered view. */
export const flashLocals: RequestHandler = (req, res, next) => {
  // Only a page consumes them: a browser navigating asks for text/html by name (a client that
  // sends no Accept takes anything). The browser's other requests racing the redirect's page
  // (an icon's `image/*,*/*;q=0.8`, a script's fetch `*/*`) must not take its message.
  const accept = req.get('accept');
  if (req.method !== 'GET' || (accept !== undefined && !/\btext\/html\b/i.test(accept))) return next();
  res.locals.flash = req.session.flash ?? [];
  if (!req.session.flash) return next();
  delete req.session.flash;
  saveSessionNow(req).then(() => next(), next);
};

/**
 * A redirect that carries a flash message saves the session before it is sent.
 * express-session sends all of a response but its last byte before its own save, and a
 * browser follows a redirect on its headers: the next page could load the session
 * without the message (seen as a lost "Created user" on a loaded CI run). A save error
 * goes to the error handler.
 */
export const saveFlashBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session?.flash) return redirect(...args);
    saveSessionNow(req).then(() => redirect(...args), next);
  }) as typeof res.redirect;
  next();
};

export function flash(req: Parameters<RequestHandler>[0], kind: 'success' | 'info' | 'error', message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, message }];
}

/** The logged-in user for the header, with a CSRF token for its log-out form. */
export const userLocals: RequestHandler = (req, res, next) => {
  if (req.user) {
    res.locals.user = req.user;
    // A token request has no session to hold a CSRF token (and needs none).
    if (!req.viaApiToken) res.locals.csrfToken ??= csrf.generateToken(req);
  }
  next();
};
