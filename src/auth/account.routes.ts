import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { type FieldIssue, HttpError, InputError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { csrf, flash } from '../http/session.ts';
import { writeAccess } from '../http/write-access.ts';
import type { Logger } from '../logger.ts';
import { createTokenFor, preparePasswordChange, revokeTokenOf, savePassword } from './account.ts';
import { listApiTokens } from './api-tokens.ts';
import { logIn } from './auth.routes.ts';
import { loginLimits } from './login-limits.ts';
import { requireRole } from './require-role.ts';
import { formatTime, passwordChangeForm, passwordChangeSchema, tokenNameForm, tokenNameSchema } from './users.ts';

interface PageState {
  passwordIssues?: FieldIssue[];
  tokenIssues?: FieldIssue[];
  tokenName?: string;
}

/**
 * Minting a token or changing the password needs the account's session: a leaked token
 * must not be able to mint a successor that outlives its revocation.
 */
const sessionOnly: RequestHandler = (req, _res, next) =>
  next(req.viaApiToken ? new HttpError(403, 'This needs a logged-in session (POST /api/login), not an API token') : undefined);

const emptyForm = z.strictObject({ _csrf: z.string().optional() });

export function accountRouter(db: Kysely<Database>, logger: Logger): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const json = express.json({ limit: '10kb' });
  const inTransaction = <T>(fn: (trx: Kysely<Database>) => Promise<T>) => inWriteTransaction(db, fn);

  async function renderAccount(req: Request, res: Response, status: number, state: PageState = {}) {
    const tokens = (await listApiTokens(db, req.user!.id)).map((t) => ({ ...t, createdText: formatTime(t.createdAt), lastUsedText: formatTime(t.lastUsedAt), revokedText: formatTime(t.revokedAt) }));
    const errors = (issues: FieldIssue[] = []) => Object.fromEntries(issues.map((i) => [i.field, i.message]));
    res.status(status).render('account', {
      title: 'Your account',
      account: req.user,
      tokens,
      tokenName: state.tokenName ?? '',
      passwordIssues: state.passwordIssues ?? [],
      passwordErrors: errors(state.passwordIssues),
      tokenIssues: state.tokenIssues ?? [],
      tokenErrors: errors(state.tokenIssues),
    });
  }

  // Wrong current passwords count against the account's login limit (the same counter as
  // failed logins, keyed on the user's name): this form cannot be used to guess faster.
  const byUser = (req: Request) => req.user?.username;
  const wrongPassword = (_req: Request, res: Response) => res.locals.failedPasswordGuess === true;
  const pageLimit = loginLimits(db, logger, (req, res, next, message) => {
    renderAccount(req, res, 429, { passwordIssues: [{ field: 'currentPassword', message }] }).catch(next);
  }, byUser, wrongPassword).perAccount;
  const apiLimit = loginLimits(db, logger, (_req, _res, next, message) => next(new HttpError(429, message)), byUser, wrongPassword).perAccount;

  /**
   * Checks, saves, ends every session and token of the user, then logs this one in again on
   * a new session id. A wrong current password marks the answer as a failed guess, the only
   * kind the account's login limit counts here.
   */
  async function changePassword(req: Request, res: Response, currentPassword: string, newPassword: string): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
    const user = req.user!;
    const prepared = await preparePasswordChange(db, user, currentPassword, newPassword).catch((err: unknown) => {
      if (err instanceof InputError && err.issues.some((i) => i.field === 'currentPassword')) res.locals.failedPasswordGuess = true;
      throw err;
    });
    const saved = await inTransaction((trx) => savePassword(trx, user, prepared));
    await logIn(req, user);
    return saved;
  }

  router.get('/account', requireRole('reader'), async (req, res) => {
    parseInput(z.strictObject({}), req.query);
    await renderAccount(req, res, 200);
  });

  router.post('/account/password', ...writeAccess('reader', form), sessionOnly, pageLimit, async (req, res) => {
    try {
      const input = parseInput(passwordChangeForm, req.body, 400, 'body');
      const { sessionsEnded, tokensRevoked } = await changePassword(req, res, input.currentPassword, input.newPassword);
      const others = sessionsEnded - 1;
      const sessions = others > 0 ? ` Your ${others} other session${others === 1 ? ' was' : 's were'} logged out.` : '';
      const tokens = tokensRevoked > 0 ? ` Your ${tokensRevoked} API token${tokensRevoked === 1 ? ' was' : 's were'} revoked: make new ones below.` : '';
      flash(req, 'success', `Password changed.${sessions}${tokens}`);
      res.redirect(303, '/account');
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      await renderAccount(req, res, err.status, { passwordIssues: err.issues });
    }
  });

  router.post('/account/tokens', ...writeAccess('reader', form), sessionOnly, async (req, res) => {
    try {
      const { name } = parseInput(tokenNameForm, req.body, 400, 'body');
      const token = await inTransaction((trx) => createTokenFor(trx, req.user!, name));
      // Shown on this answer only: never stored, not even in the session for a redirect.
      res.status(201).set('Cache-Control', 'no-store').render('token-created', { title: 'New API token', token });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const name = (req.body as Record<string, unknown> | undefined)?.name;
      await renderAccount(req, res, err.status, { tokenIssues: err.issues, tokenName: typeof name === 'string' ? name : '' });
    }
  });

  router.post('/account/tokens/:id/revoke', ...writeAccess('reader', form), async (req, res) => {
    const id = parseId(String(req.params.id), `Token ${String(req.params.id)}`);
    parseInput(emptyForm, req.body, 400, 'body');
    const token = await inTransaction((trx) => revokeTokenOf(trx, req.user!, id));
    flash(req, 'success', `Token “${token.name}” (${token.prefix}…) is revoked.`);
    res.redirect(303, '/account');
  });

  router.post('/api/account/password', ...writeAccess('reader', json), sessionOnly, apiLimit, async (req, res) => {
    const input = parseInput(passwordChangeSchema, req.body, 400, 'body');
    const { sessionsEnded, tokensRevoked } = await changePassword(req, res, input.currentPassword, input.newPassword);
    res.json({ user: req.user, otherSessionsEnded: Math.max(0, sessionsEnded - 1), tokensRevoked, csrfToken: csrf.generateToken(req) });
  });

  router.get('/api/tokens', requireRole('reader'), async (req, res) => {
    parseInput(z.strictObject({}), req.query);
    res.json({ tokens: await listApiTokens(db, req.user!.id) });
  });

  router.post('/api/tokens', ...writeAccess('reader', json), sessionOnly, async (req, res) => {
    const { name } = parseInput(tokenNameSchema, req.body, 400, 'body');
    const { id, token, prefix, createdAt } = await inTransaction((trx) => createTokenFor(trx, req.user!, name));
    res.status(201).set('Cache-Control', 'no-store').json({ id, name, token, prefix, createdAt });
  });

  router.delete('/api/tokens/:id', ...writeAccess('reader', json), async (req, res) => {
    const id = parseId(String(req.params.id), `Token ${String(req.params.id)}`);
    parseInput(z.strictObject({}), req.body ?? {}, 400, 'body');
    res.json({ token: await inTransaction((trx) => revokeTokenOf(trx, req.user!, id)) });
  });

  return router;
}
