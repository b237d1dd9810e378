import express, { type Request, type Response, Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { type FieldIssue, InputError, NotFoundError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { flash } from '../http/session.ts';
import { writeAccess } from '../http/write-access.ts';
import { ROLES } from './auth.ts';
import { hashPassword } from './passwords.ts';
import { requireRole } from './require-role.ts';
import { findUserRow, listUsers } from './user-admin.queries.ts';
import { createUserAccount, updateUserAccount } from './user-admin.ts';
import { createUserForm, createUserSchema, formatTime, presentUser, updateUserForm, updateUserSchema } from './users.ts';

/** Who manages accounts (pages and API). */
export const MANAGE_USERS = 'admin';

interface PageState {
  createValues?: { username?: string; role?: string };
  createIssues?: FieldIssue[];
  row?: { id: number; issues: FieldIssue[] };
}

async function renderUsers(db: Kysely<Database>, req: Request, res: Response, status: number, state: PageState = {}) {
  const users = (await listUsers(db)).map(presentUser).map((u) => ({
    ...u,
    createdText: formatTime(u.createdAt),
    lastLoginText: formatTime(u.lastLoginAt),
    isSelf: u.id === req.user!.id,
    issues: state.row?.id === u.id ? state.row.issues : [],
  }));
  const createErrors = Object.fromEntries((state.createIssues ?? []).map((i) => [i.field, i.message]));
  res.status(status).render('admin-users', {
    title: 'Users',
    users,
    roles: ROLES,
    createValues: { username: '', role: 'reader', ...state.createValues },
    createErrors,
    createIssues: state.createIssues ?? [],
  });
}

/** Admin user management: the /admin/users page and its forms, and /api/users. */
export function usersRouter(db: Kysely<Database>): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const json = express.json({ limit: '10kb' });
  const inTransaction = <T>(fn: (trx: Kysely<Database>) => Promise<T>) => inWriteTransaction(db, fn);

  router.get('/admin/users', requireRole(MANAGE_USERS), async (req, res) => {
    parseInput(z.strictObject({}), req.query);
    await renderUsers(db, req, res, 200);
  });

  router.post('/admin/users', ...writeAccess(MANAGE_USERS, form), async (req, res) => {
    try {
      const input = parseInput(createUserForm, req.body, 400, 'body');
      const passwordHash = await hashPassword(input.password);
      const user = await inTransaction((trx) => createUserAccount(trx, req.user!, { username: input.username, passwordHash, role: input.role }));
      flash(req, 'success', `Created user ${user.username} (${user.role}).`);
      res.redirect(303, '/admin/users');
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const createValues = { username: typeof body.username === 'string' ? body.username : '', role: typeof body.role === 'string' ? body.role : 'reader' };
      await renderUsers(db, req, res, err.status, { createValues, createIssues: err.issues });
    }
  });

  router.post('/admin/users/:id', ...writeAccess(MANAGE_USERS, form), async (req, res) => {
    const id = parseId(String(req.params.id), `User ${String(req.params.id)}`);
    try {
      const change = parseInput(updateUserForm, req.body, 400, 'body');
      const user = await inTransaction((trx) => updateUserAccount(trx, req.user!, id, change));
      flash(req, 'success', `Saved ${user.username}: ${user.role}, ${user.disabled ? 'disabled' : 'enabled'}.`);
      res.redirect(303, '/admin/users');
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      await renderUsers(db, req, res, err.status, { row: { id, issues: err.issues } });
    }
  });

  router.get('/api/users', requireRole(MANAGE_USERS), async (req, res) => {
    parseInput(z.strictObject({}), req.query);
    res.json({ users: (await listUsers(db)).map(presentUser) });
  });

  router.get('/api/users/:id', requireRole(MANAGE_USERS), async (req, res) => {
    const id = parseId(String(req.params.id), `User ${String(req.params.id)}`);
    parseInput(z.strictObject({}), req.query);
    const row = await findUserRow(db, id);
    if (!row) throw new NotFoundError(`User ${id}`);
    res.json({ user: presentUser(row) });
  });

  router.post('/api/users', ...writeAccess(MANAGE_USERS, json), async (req, res) => {
    const input = parseInput(createUserSchema, req.body, 400, 'body');
    const passwordHash = await hashPassword(input.password);
    const user = await inTransaction((trx) => createUserAccount(trx, req.user!, { username: input.username, passwordHash, role: input.role }));
    res.status(201).location(`/api/users/${user.id}`).json({ user });
  });

  router.patch('/api/users/:id', ...writeAccess(MANAGE_USERS, json), async (req, res) => {
    const id = parseId(String(req.params.id), `User ${String(req.params.id)}`);
    const change = parseInput(updateUserSchema, req.body, 400, 'body');
    res.json({ user: await inTransaction((trx) => updateUserAccount(trx, req.user!, id, change)) });
  });

  return router;
}
