import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { PostgresRateLimitStore } from './login-limit.store.ts';

/** One window for both limits, 15 minutes: long enough to make guessing slow, short enough for a locked-out user to wait. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Attempts (failed or not) per client address and window: enough for an office behind one NAT mistyping, not for guessing. */
export const ATTEMPTS_PER_ADDRESS = 30;
/**
 * Failed attempts per account (its lower-cased username) and window, from any address: 40 an
 * hour, under the 100 failed attempts an hour on one account that OWASP ASVS 4.0 (2.2.1) and
 * NIST SP 800-63B (5.2.2) allow at most. Successful logins do not count.
 */
export const FAILED_ATTEMPTS_PER_ACCOUNT = 10;

/** What a refused login answers: the page re-renders its form, the API throws for the error handler. */
export type OnLimited = (req: Request, res: Response, next: NextFunction, message: string) => void;

/**
 * The key the per-account limit counts: the username as the login looks it up
 * (findUserForLogin lower-cases it), trimmed, at most 100 code units (no account name is
 * longer than 40). '' (skipped: the per-address limit still counts) when there is none.
 */
export function accountKey(username: unknown): string {
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 100) : '';
}

/** '15 minutes': until the window that refused this request ends (set by express-rate-limit on req.rateLimit). */
function timeLeft(req: Request): string {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const minutes = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + LOGIN_WINDOW_MS) - Date.now()) / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Builds the two login limits for one route, per address and per account, counted in
 * Postgres: every route and every web process that builds them counts the same attempts.
 * Both run after the body parser; the account limit reads `req.body.username` (or what
 * `accountOf` returns: the password change counts its user's name, so wrong current
 * passwords there and wrong passwords at login fill the same counter), so it runs after the
 * fields are checked (a name with NUL must not become a key in the store). `failedGuess`
 * says which answers count against the account (default: any 4xx/5xx, which after the field
 * checks is a wrong password at login). A refused request gets 429, a Retry-After header,
 * and `onLimited`.
 */
export function loginLimits(
  db: Kysely<Database>,
  logger: Logger,
  onLimited: OnLimited,
  accountOf: (req: Request) => unknown = (req) => req.body?.username,
  failedGuess: (req: Request, res: Response) => boolean = (_req, res) => res.statusCode >= 400,
): { perAddress: RequestHandler; perAccount: RequestHandler } {
  const common = {
    windowMs: LOGIN_WINDOW_MS,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Store errors and the library's misconfiguration checks (e.g. X-Forwarded-For without
    // TRUST_PROXY, reported once per limiter) go to our log, not the console.
    logger: { error: (err: unknown, msg?: string) => logger.error({ err }, msg), warn: (err: unknown, msg?: string) => logger.warn({ err }, msg) },
  } as const;
  const perAddress = rateLimit({
    ...common,
    limit: ATTEMPTS_PER_ADDRESS,
    store: new PostgresRateLimitStore(db, 'login-address:'),
    handler: (req, res, next) => onLimited(req, res, next, `Too many login attempts from this address; try again in ${timeLeft(req)}.`),
  });
  const perAccount = rateLimit({
    ...common,
    limit: FAILED_ATTEMPTS_PER_ACCOUNT,
    store: new PostgresRateLimitStore(db, 'login-account:'),
    skipSuccessfulRequests: true,
    // Only a wrong password is a guess: the password change's other refusals (a new password
    // too short, an unknown field) must not lock the user out of logging in.
    requestWasSuccessful: (req, res) => !failedGuess(req, res),
    skip: (req) => accountKey(accountOf(req)) === '',
    keyGenerator: (req) => accountKey(accountOf(req)),
    handler: (req, res, next) => onLimited(req, res, next, `Too many failed logins for this account; try again in ${timeLeft(req)}.`),
  });
  return { perAddress, perAccount };
}
