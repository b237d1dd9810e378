import { articleInput } from '../factories.ts';
import type { TestApp } from '../helpers/app.ts';
import type { RouteSpec } from './permission-matrix.ts';

/**
 * One row per write route of the app: the least role, the statuses of success, and how to
 * make a fresh target for one request. permission-matrix.test.ts fails while a route of the
 * app has no row here.
 */
export function routeSpecs(_t: TestApp): Record<string, RouteSpec> {
  const newArticle = () => {
    const { text, ...fields } = articleInput();
    return { ...fields, text };
  };
  return {
    // Log-in and log-out: anyone; their CSRF, limits and session rotation: login.test.ts.
    'POST /login': { role: 'public', ok: [303, 401, 403], prepare: async () => ({ path: '/login', body: { username: 'nobody', password: 'x' } }) },
    'POST /api/login': { role: 'public', ok: [401], prepare: async () => ({ path: '/api/login', body: { username: 'nobody', password: 'x' } }) },
    'POST /logout': { role: 'public', ok: [303, 403], prepare: async () => ({ path: '/logout' }) },
    'POST /api/logout': { role: 'public', ok: [200, 403], prepare: async () => ({ path: '/api/logout' }) },

    'POST /articles': { role: 'editor', ok: [303], prepare: async () => ({ path: '/articles', body: newArticle(), multipart: true }) },
    'POST /api/articles': { role: 'editor', ok: [201], prepare: async () => ({ path: '/api/articles', body: newArticle() }) },
  };
}
