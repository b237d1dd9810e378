import { createApiToken } from '../../src/auth/api-tokens.ts';
import { articleInput } from '../factories.ts';
import { createTestUser, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import type { RouteSpec } from './permission-matrix.ts';

/**
 * One row per write route of the app: the least role, the statuses of success, and how to
 * make a fresh target for one request. permission-matrix.test.ts fails while a route of the
 * app has no row here.
 */
export function routeSpecs(t: TestApp): Record<string, RouteSpec> {
  const newArticle = () => {
    const { text, ...fields } = articleInput();
    return { ...fields, text };
  };
  let made = 0;
  const newUser = () => ({ username: `matrix_made_${++made}`, password: 'a long enough password', role: 'reader' });
  const userToEdit = async () => {
    const username = await createTestUser(t, 'reader');
    const { id } = await t.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return id;
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

    // Accounts: admin user management; one's own password and tokens (accounts.* tests).
    'POST /admin/users': { role: 'admin', ok: [303], prepare: async () => ({ path: '/admin/users', body: newUser() }) },
    'POST /api/users': { role: 'admin', ok: [201], prepare: async () => ({ path: '/api/users', body: newUser() }) },
    'POST /admin/users/:id': { role: 'admin', ok: [303], prepare: async () => ({ path: `/admin/users/${await userToEdit()}`, body: { version: '1', role: 'editor' } }) },
    'PATCH /api/users/:id': { role: 'admin', ok: [200], prepare: async () => ({ path: `/api/users/${await userToEdit()}`, body: { version: 1, role: 'editor' } }) },
    'POST /account/password': { role: 'reader', ok: [422], tokenStatus: 403, prepare: async () => ({ path: '/account/password', body: { ...wrongPassword, confirmPassword: wrongPassword.newPassword } }) },
    'POST /api/account/password': { role: 'reader', ok: [422], tokenStatus: 403, prepare: async () => ({ path: '/api/account/password', body: wrongPassword }) },
    'POST /account/tokens': { role: 'reader', ok: [201], tokenStatus: 403, prepare: async () => ({ path: '/account/tokens', body: { name: 'matrix' } }) },
    'POST /api/tokens': { role: 'reader', ok: [201], tokenStatus: 403, prepare: async () => ({ path: '/api/tokens', body: { name: 'matrix' } }) },
    'POST /account/tokens/:id/revoke': { role: 'reader', ok: [303], otherUserStatus: 404, prepare: async (owner) => ({ path: `/account/tokens/${await tokenOf(owner)}/revoke` }) },
    'DELETE /api/tokens/:id': { role: 'reader', ok: [200], otherUserStatus: 404, prepare: async (owner) => ({ path: `/api/tokens/${await tokenOf(owner)}` }) },
  };
}
