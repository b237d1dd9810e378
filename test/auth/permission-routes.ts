import { createApiToken } from '../../src/auth/api-tokens.ts';
import { mergeSpeakers } from '../../src/speakers/speaker-merge.queries.ts';
import { resolveSpeakers } from '../../src/speakers/speakers.queries.ts';
import { articleInput, statementOn, storedArticle, storeStatements } from '../factories.ts';
import { failedRecord } from '../imports/seed-imports.ts';
import { createTestUser, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import type { Owner, RouteSpec } from './permission-matrix.ts';

/**
 * One row per write route of the app: the least role, the statuses of success, and how to
 * make a fresh target for one request. permission-matrix.test.ts fails while a route of the
 * app has no row here.
 */
export function routeSpecs(t: TestApp): Record<string, RouteSpec> {
  const db = t.handle.db;
  const newArticle = () => {
    const { text, ...fields } = articleInput();
    return { ...fields, text };
  };
  /** A stored article with one machine-attributed quote; its ids, version 1. */
  const machineStatement = async () => {
    const article = await storedArticle(db);
    await storeStatements(db, article, [statementOn(article.bodyText, 'We will act,')]);
    const s = await db.selectFrom('statements').select('id').where('article_id', '=', article.id).executeTakeFirstOrThrow();
    return { articleId: article.id, statementId: s.id };
  };
  /** A pending suggestion by `owner` on a fresh statement. */
  const pendingSuggestion = async (owner: Owner) => {
    const { statementId } = await machineStatement();
    const row = await db
      .insertInto('attribution_suggestions')
      .values({ statement_id: statementId, base_version: 1, suggested_by: owner.id, role_text: 'Minister' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const onStatement = (action: string, body: Record<string, unknown>) => async () => {
    const { statementId } = await machineStatement();
    return { path: `/statements/${statementId}/${action}`, body };
  };
  const onStatementApi = (action: string, body: Record<string, unknown>) => async () => {
    const { statementId } = await machineStatement();
    return { path: `/api/statements/${statementId}/${action}`, body };
  };
  const onSuggestion = (prefix: string, action: string) => async (owner: Owner) => ({ path: `${prefix}/suggestions/${await pendingSuggestion(owner)}/${action}`, body: {} });
  let made = 0;
  const newUser = () => ({ username: `matrix_made_${++made}`, password: 'a long enough password', role: 'reader' });
  const userToEdit = async () => {
    const username = await createTestUser(t, 'reader');
    const { id } = await t.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return id;
  };
  let speakers = 0;
  /** A new speaker no statement names, version 1. */
  const newSpeaker = async () => (await resolveSpeakers(db, [{ name: `Matrix Speaker${++speakers}`, kind: 'person', aliases: [] }]))[0]!;
  const toMerge = async () => ({ kept: await newSpeaker(), other: await newSpeaker() });
  const newMerge = async (owner: Owner) => {
    const { kept, other } = await toMerge();
    return (await db.transaction().execute((trx) => mergeSpeakers(trx, { keptId: kept, otherId: other, version: 1, otherVersion: 1, userId: owner.id }))).id;
  };
  /** A shared annotation by `owner` on a fresh statement, version 1. */
  const annotationOf = async (owner: Owner) => {
    const { statementId } = await machineStatement();
    const row = await db.insertInto('annotations').values({ user_id: owner.id, statement_id: statementId, body: 'matrix note', visibility: 'shared' }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };
  const tokenOf = async (owner: { id: number }) => (await createApiToken(t.handle.db, owner.id, 'matrix target')).id;
  // A wrong current password: the request got past every permission check to the password
  // itself (a right one would end the caller's sessions and the matrix's later requests with them).
  const wrongPassword = { currentPassword: `not ${TEST_PASSWORD}`, newPassword: 'a brand new password' };
  return {
    // Log-in and log-out: anyone; their CSRF, limits and session rotation: login.test.ts.
    'POST /login': { role: 'public', ok: [303, 401, 403], prepare: async () => ({ path: '/login', body: { username: 'nobody', password: 'x' } }) },
    'POST /api/login': { role: 'public', ok: [401], prepare: async () => ({ path: '/api/login', body: { username: 'nobody', password: 'x' } }) },
    'POST /logout': { role: 'public', ok: [303, 403], prepare: async () => ({ path: '/logout' }) },
    'POST /api/logout': { role: 'public', ok: [200, 403], prepare: async () => ({ path: '/api/logout' }) },

    'POST /articles': { role: 'editor', ok: [303], prepare: async () => ({ path: '/articles', body: newArticle(), multipart: true }) },
    'POST /api/articles': { role: 'editor', ok: [201], prepare: async () => ({ path: '/api/articles', body: newArticle() }) },

    // Review (src/review/).
    'POST /statements/:id/verify': { role: 'editor', ok: [303], prepare: onStatement('verify', { version: '1', reason: 'checked' }) },
    'POST /statements/:id/correct': { role: 'editor', ok: [303], prepare: onStatement('correct', { version: '1', roleText: 'Minister' }) },
    'POST /statements/:id/reject': { role: 'editor', ok: [303], prepare: onStatement('reject', { version: '1' }) },
    'POST /statements/:id/suggestions': { role: 'annotator', ok: [303], prepare: onStatement('suggestions', { version: '1', roleText: 'Minister' }) },
    'POST /suggestions/:id/accept': { role: 'editor', ok: [303], prepare: onSuggestion('', 'accept') },
    'POST /suggestions/:id/decline': { role: 'editor', ok: [303], prepare: onSuggestion('', 'decline') },
    'POST /api/statements/:id/verify': { role: 'editor', ok: [201], prepare: onStatementApi('verify', { version: 1 }) },
    'POST /api/statements/:id/correct': { role: 'editor', ok: [201], prepare: onStatementApi('correct', { version: 1, roleText: 'Minister' }) },
    'POST /api/statements/:id/reject': { role: 'editor', ok: [201], prepare: onStatementApi('reject', { version: 1, rejectReason: 'not_a_statement' }) },
    'POST /api/statements/:id/suggestions': { role: 'annotator', ok: [201], prepare: onStatementApi('suggestions', { version: 1, roleText: 'Minister' }) },
    'POST /api/suggestions/:id/accept': { role: 'editor', ok: [201], prepare: onSuggestion('/api', 'accept') },
    'POST /api/suggestions/:id/decline': { role: 'editor', ok: [200], prepare: onSuggestion('/api', 'decline') },

    // Speakers (src/speakers/speaker-edits*) and deleting articles (src/articles/article-delete*).
    'POST /speakers/:id/edit': { role: 'editor', ok: [303], prepare: async () => ({ path: `/speakers/${await newSpeaker()}/edit`, body: { version: '1', name: 'Renamed Speaker', kind: 'organization' } }) },
    'PATCH /api/speakers/:id': { role: 'editor', ok: [200], prepare: async () => ({ path: `/api/speakers/${await newSpeaker()}`, body: { version: 1, name: 'Renamed Speaker' } }) },
    'POST /speakers/:id/merge': { role: 'editor', ok: [303], prepare: async () => {
      const { kept, other } = await toMerge();
      return { path: `/speakers/${kept}/merge`, body: { otherSpeakerId: String(other), version: '1', otherVersion: '1' } };
    } },
    'POST /api/speakers/:id/merge': { role: 'editor', ok: [201], prepare: async () => {
      const { kept, other } = await toMerge();
      return { path: `/api/speakers/${kept}/merge`, body: { otherSpeakerId: other, version: 1, otherVersion: 1 } };
    } },
    'POST /speaker-merges/:id/undo': { role: 'editor', ok: [303], prepare: async (owner) => ({ path: `/speaker-merges/${await newMerge(owner)}/undo` }) },
    'POST /api/speaker-merges/:id/undo': { role: 'editor', ok: [200], prepare: async (owner) => ({ path: `/api/speaker-merges/${await newMerge(owner)}/undo` }) },
    'POST /speakers/:id/delete': { role: 'admin', ok: [303], prepare: async () => ({ path: `/speakers/${await newSpeaker()}/delete` }) },
    'DELETE /api/speakers/:id': { role: 'admin', ok: [200], prepare: async () => ({ path: `/api/speakers/${await newSpeaker()}` }) },
    'POST /articles/:id/delete': { role: 'editor', ok: [303], prepare: async () => ({ path: `/articles/${(await machineStatement()).articleId}/delete` }) },
    'DELETE /api/articles/:id': { role: 'editor', ok: [200], prepare: async () => ({ path: `/api/articles/${(await machineStatement()).articleId}` }) },

    // Annotations (src/annotations/): only the author edits or deletes (another user: 403 on a shared one).
    'POST /annotations': { role: 'annotator', ok: [303], prepare: async () => ({ path: '/annotations', body: { statementId: String((await machineStatement()).statementId), note: 'matrix' } }) },
    'POST /api/annotations': { role: 'annotator', ok: [201], prepare: async () => ({ path: '/api/annotations', body: { statementId: (await machineStatement()).statementId, note: 'matrix' } }) },
    'POST /annotations/:id': { role: 'annotator', ok: [303], otherUserStatus: 403, prepare: async (owner) => ({ path: `/annotations/${await annotationOf(owner)}`, body: { version: '1', note: 'edited', visibility: 'shared' } }) },
    'PATCH /api/annotations/:id': { role: 'annotator', ok: [200], otherUserStatus: 403, prepare: async (owner) => ({ path: `/api/annotations/${await annotationOf(owner)}`, body: { version: 1, note: 'edited' } }) },
    'POST /annotations/:id/delete': { role: 'annotator', ok: [303], otherUserStatus: 403, prepare: async (owner) => ({ path: `/annotations/${await annotationOf(owner)}/delete`, body: { version: '1' } }) },
    'DELETE /api/annotations/:id': { role: 'annotator', ok: [200], otherUserStatus: 403, prepare: async (owner) => ({ path: `/api/annotations/${await annotationOf(owner)}`, body: { version: 1 } }) },
    'POST /annotations/:id/hide': { role: 'editor', ok: [303], prepare: async (owner) => ({ path: `/annotations/${await annotationOf(owner)}/hide`, body: { hidden: 'true' } }) },
    'POST /api/annotations/:id/hide': { role: 'editor', ok: [200], prepare: async (owner) => ({ path: `/api/annotations/${await annotationOf(owner)}/hide`, body: { hidden: true } }) },

    // Accounts: admin user management; one's own password and tokens (accounts.* tests).
    'POST /admin/users': { role: 'admin', ok: [303], prepare: async () => ({ path: '/admin/users', body: newUser() }) },
    'POST /api/users': { role: 'admin', ok: [201], prepare: async () => ({ path: '/api/users', body: newUser() }) },
    'POST /admin/users/:id': { role: 'admin', ok: [303], prepare: async () => ({ path: `/admin/users/${await userToEdit()}`, body: { version: '1', role: 'editor' } }) },
    'PATCH /api/users/:id': { role: 'admin', ok: [200], prepare: async () => ({ path: `/api/users/${await userToEdit()}`, body: { version: 1, role: 'editor' } }) },
    // Imports admin (src/imports/imports.routes.ts): retrying a failed record stores it.
    'POST /admin/imports/:id/records/:recordId/retry': { role: 'admin', ok: [303], prepare: async () => {
      const { importId, recordId } = await failedRecord(t);
      return { path: `/admin/imports/${importId}/records/${recordId}/retry` };
    } },
    'POST /api/imports/:id/records/:recordId/retry': { role: 'admin', ok: [200], prepare: async () => {
      const { importId, recordId } = await failedRecord(t);
      return { path: `/api/imports/${importId}/records/${recordId}/retry` };
    } },
    'POST /account/password': { role: 'reader', ok: [422], tokenStatus: 403, prepare: async () => ({ path: '/account/password', body: { ...wrongPassword, confirmPassword: wrongPassword.newPassword } }) },
    'POST /api/account/password': { role: 'reader', ok: [422], tokenStatus: 403, prepare: async () => ({ path: '/api/account/password', body: wrongPassword }) },
    'POST /account/tokens': { role: 'reader', ok: [201], tokenStatus: 403, prepare: async () => ({ path: '/account/tokens', body: { name: 'matrix' } }) },
    'POST /api/tokens': { role: 'reader', ok: [201], tokenStatus: 403, prepare: async () => ({ path: '/api/tokens', body: { name: 'matrix' } }) },
    'POST /account/tokens/:id/revoke': { role: 'reader', ok: [303], otherUserStatus: 404, prepare: async (owner) => ({ path: `/account/tokens/${await tokenOf(owner)}/revoke` }) },
    'DELETE /api/tokens/:id': { role: 'reader', ok: [200], otherUserStatus: 404, prepare: async (owner) => ({ path: `/api/tokens/${await tokenOf(owner)}` }) },
  };
}
