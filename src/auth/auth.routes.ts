import express, { type Request, type Response, Router } from 'express';
import type passport from 'passport';
import { rateLimit } from 'express-rate-limit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { csrf, flash, provideCsrfToken } from '../http/session.ts';
import { loginSchema, type SessionUser } from './auth.ts';
import { safeNextPath } from './require-role.ts';
import { recordLogin } from './users.queries.ts';

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Attempts per address and window (in this process): enough for typos, not for guessing. */
const LOGIN_ATTEMPTS = 30;

function authenticate(auth: passport.Authenticator, req: Request, res: Response): Promise<SessionUser | false> {
  return new Promise((resolve, reject) => {
    auth.authenticate('local', { session: false }, (err: unknown, user: SessionUser | false) => (err ? reject(err) : resolve(user)))(req, res, reject);
  });
}

/** Logs the user in on a NEW session id (passport regenerates it): no session fixation. */
function logIn(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
}

function logOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.logOut((err) => (err ? reject(err) : resolve())));
}

export function authRouter(db: Kysely<Database>, auth: passport.Authenticator): Router {
  const router = Router();
  const limiter = rateLimit({ windowMs: LOGIN_WINDOW_MS, limit: LOGIN_ATTEMPTS, standardHeaders: 'draft-8', legacyHeaders: false, message: { status: 429, error: 'Too many login attempts; wait a few minutes' } });
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const json = express.json({ limit: '10kb' });

  const renderLogin = (res: Response, status: number, next: string, username = '', error?: string) =>
    res.status(status).render('login', { title: 'Log in', next, username, error });

  router.get('/login', provideCsrfToken, (req, res) => renderLogin(res, 200, safeNextPath(req.query.next)));

  router.post('/login', limiter, form, async (req, res) => {
    if (!csrf.isRequestValid(req)) throw csrf.invalidCsrfTokenError;
    const next = safeNextPath(req.body?.next);
    const user = await authenticate(auth, req, res);
    if (!user) {
      res.locals.csrfToken = csrf.generateToken(req);
      return renderLogin(res, 401, next, String(req.body?.username ?? ''), 'Wrong username or password.');
    }
    await logIn(req, user);
    await recordLogin(db, user.id);
    flash(req, 'success', `Logged in as ${user.username}.`);
    res.redirect(303, next);
  });

  router.post('/logout', form, async (req, res) => {
    if (!csrf.isRequestValid(req)) throw csrf.invalidCsrfTokenError;
    await logOut(req);
    res.redirect(303, '/');
  });

  // The JSON API logs in on the same sessions; writes then send the token as x-csrf-token.
  router.post('/api/login', limiter, json, async (req, res) => {
    parseInput(loginSchema, req.body, 400, 'body');
    const user = await authenticate(auth, req, res);
    if (!user) throw new HttpError(401, 'Wrong username or password');
    await logIn(req, user);
    await recordLogin(db, user.id);
    res.json({ user, csrfToken: csrf.generateToken(req) });
  });

  router.post('/api/logout', async (req, res) => {
    if (!csrf.isRequestValid(req)) throw csrf.invalidCsrfTokenError;
    await logOut(req);
    res.json({ user: null });
  });

  router.get('/api/session', (req, res) => {
    res.json({ user: req.user ?? null, csrfToken: req.user ? csrf.generateToken(req) : null });
  });

  return router;
}
