import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import type passport from 'passport';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { assertCsrf } from '../http/write-access.ts';
import { HttpError } from '../http/errors.ts';
import { fieldIssues, parseInput, noQueryParameters } from '../http/parse-input.ts';
import { csrf, flash, keepLoggedIn, provideCsrfToken } from '../http/session.ts';
import type { Logger } from '../logger.ts';
import { loginSchema, type SessionUser } from './auth.ts';
import { loginLimits } from './login-limits.ts';
import { safeNextPath } from './require-role.ts';
import { recordLogin } from './users.queries.ts';

function authenticate(auth: passport.Authenticator, req: Request, res: Response): Promise<SessionUser | false> {
  return new Promise((resolve, reject) => {
    auth.authenticate('local', { session: false }, (err: unknown, user: SessionUser | false) => (err ? reject(err) : resolve(user)))(req, res, reject);
  });
}

/** Logs the user in on a NEW session id (passport regenerates it): no session fixation. */
export async function logIn(req: Request, user: SessionUser): Promise<void> {
  await new Promise<void>((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
  await keepLoggedIn(req);
}

function logOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.logOut((err) => (err ? reject(err) : resolve())));
}

/** GET /login takes one parameter: the page to go back to after logging in. */
const loginPageQuery = z.strictObject({ next: z.string({ error: 'must be a path on this site, given once' }).optional() });

export function authRouter(db: Kysely<Database>, auth: passport.Authenticator, logger: Logger): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const json = express.json({ limit: '10kb' });

  const renderLogin = (res: Response, status: number, next: string, username = '', error?: string) =>
    // A visitor sent here by a page that needs a login (requireRole) is told so.
    res.status(status).render('login', { title: 'Log in', next, sentFrom: next === '/' ? null : next, username, error });

  // Both routes count the same attempts (the limits live in Postgres under the same keys);
  // the page shows a refusal on its form, the API answers {status: 429, error}.
  const formLimits = loginLimits(db, logger, (req, res, _next, message) => {
    res.locals.csrfToken = csrf.generateToken(req);
    renderLogin(res, 429, safeNextPath(req.body?.next), String(req.body?.username ?? ''), message);
  });
  const apiLimits = loginLimits(db, logger, (_req, _res, next, message) => next(new HttpError(429, message)));

  // Every request counts against its address; the fields are checked before the account
  // limit: a name the database cannot hold (NUL, a lone surrogate, over 40 characters) names
  // no account, and must not reach that limit's store or the user lookup as a database error.
  const checkForm: RequestHandler = (req, res, next) => {
    const parsed = loginSchema.safeParse(req.body ?? {});
    if (parsed.success) return next();
    res.locals.csrfToken = csrf.generateToken(req);
    const message = fieldIssues(parsed.error, 'body').map((i) => `${i.field}: ${i.message}`).join('; ');
    renderLogin(res, 400, safeNextPath(req.body?.next), '', message);
  };
  const checkJson: RequestHandler = (req, _res, next) => {
    parseInput(loginSchema, req.body, 400, 'body');
    next();
  };

  router.get('/login', provideCsrfToken, (req, res) => {
    const { next } = parseInput(loginPageQuery, req.query);
    renderLogin(res, 200, safeNextPath(next));
  });

  router.post('/login', noQueryParameters, form, formLimits.perAddress, checkForm, formLimits.perAccount, async (req, res) => {
    assertCsrf(req);
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

  router.post('/logout', noQueryParameters, form, async (req, res) => {
    assertCsrf(req);
    await logOut(req);
    res.redirect(303, '/');
  });

  // The JSON API logs in on the same sessions; writes then send the token as x-csrf-token.
  router.post('/api/login', noQueryParameters, json, apiLimits.perAddress, checkJson, apiLimits.perAccount, async (req, res) => {
    const user = await authenticate(auth, req, res);
    if (!user) throw new HttpError(401, 'Wrong username or password');
    await logIn(req, user);
    await recordLogin(db, user.id);
    res.json({ user, csrfToken: csrf.generateToken(req) });
  });

  router.post('/api/logout', noQueryParameters, async (req, res) => {
    assertCsrf(req);
    await logOut(req);
    res.json({ user: null });
  });

  router.get('/api/session', noQueryParameters, (req, res) => {
    // A token request has no session: no CSRF token (it needs none), and no session row made for one.
    res.json({ user: req.user ?? null, csrfToken: req.user && !req.viaApiToken ? csrf.generateToken(req) : null, via: req.viaApiToken ? 'token' : req.user ? 'session' : null });
  });

  return router;
}
