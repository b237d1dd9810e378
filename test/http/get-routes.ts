import type { Express } from 'express';
import request from 'supertest';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { loggedIn, type TestApp } from '../helpers/app.ts';
import { seedImport } from '../imports/seed-imports.ts';
import { seedReview } from '../review/seed.ts';

/**
 * Every GET route of the app as Express lists it ('/api/speakers/:id'), found by walking its
 * router the way permission-matrix.ts finds the write routes.
 */
export function getRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route?.methods.get) found.push(layer.route.path);
      else if (!layer.route && layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
  return [...new Set(found)].sort();
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** The ids of seeded rows that GET paths name. */
export interface SeededIds {
  article: number;
  statement: number;
  speaker: number;
  outlet: number;
  cluster: number;
  annotation: number;
  user: number;
  /** An import with a stored, a duplicate, a failed and a rejected record. */
  import: number;
}

/** One GET route: how to fill its path, and the query parameters it takes (by their URL names). */
export interface GetRouteSpec {
  path: (ids: SeededIds) => string;
  params: string[];
}

const SEARCH = ['q', 'mode', 'copies', 'speaker', 'speaker_id', 'article', 'cluster', 'speaker_kind', 'role', 'organization', 'outlet', 'agency', 'from', 'to', 'kind', 'quote_type', 'status', 'tag', 'verdict', 'sort', 'cursor', 'limit', 'facets'];
const SPEAKER_FILTERS = ['kind', 'quote_type', 'status', 'outlet', 'from', 'to'];
const SPEAKER_LIST = ['q', 'kind', 'after', 'limit'];
const CLUSTER_LIST = ['conflicting', 'before', 'limit'];
const ANNOTATION_LIST = ['q', 'tag', 'verdict', 'rating', 'author', 'article', 'statement', 'before', 'limit'];
const AUDIT = ['user', 'entityType', 'entityId', 'from', 'to', 'before', 'limit'];
const QUEUE = ['article', 'outlet', 'speaker', 'minConfidence', 'maxConfidence', 'after', 'limit'];
const EXPORT = [...SEARCH.filter((p) => !['cursor', 'limit', 'facets'].includes(p)), 'style', 'bom', 'meta', 'queue'];
const fixed = (path: string, params: string[] = []): GetRouteSpec => ({ path: () => path, params });

/**
 * One row per GET route of the app, the complete list: api-voice.test.ts fails while the app
 * has a GET route without a row here (or a row for a route it does not have).
 */
export const GET_ROUTES: Record<string, GetRouteSpec> = {
  '/healthz': fixed('/healthz'),
  '/': fixed('/'),
  '/login': fixed('/login', ['next']),
  '/api/session': fixed('/api/session'),
  '/account': fixed('/account'),
  '/api/tokens': fixed('/api/tokens'),
  '/admin/users': fixed('/admin/users'),
  '/api/users': fixed('/api/users'),
  '/api/users/:id': { path: (i) => `/api/users/${i.user}`, params: [] },
  '/admin/audit': fixed('/admin/audit', AUDIT),
  '/api/audit': fixed('/api/audit', AUDIT),
  '/admin/imports': fixed('/admin/imports'),
  '/api/imports': fixed('/api/imports'),
  '/admin/imports/:id': { path: (i) => `/admin/imports/${i.import}`, params: [] },
  '/api/imports/:id': { path: (i) => `/api/imports/${i.import}`, params: [] },
  '/search': fixed('/search', SEARCH),
  '/api/search': fixed('/api/search', SEARCH),
  '/api/speakers/autocomplete': fixed('/api/speakers/autocomplete', ['q']),
  '/api/outlets/autocomplete': fixed('/api/outlets/autocomplete', ['q']),
  '/api/agencies/autocomplete': fixed('/api/agencies/autocomplete', ['q']),
  '/articles/new': fixed('/articles/new'),
  '/api/articles': fixed('/api/articles', ['limit']),
  '/articles/:id': { path: (i) => `/articles/${i.article}`, params: ['layout'] },
  '/api/articles/:id': { path: (i) => `/api/articles/${i.article}`, params: [] },
  '/articles/:id/delete': { path: (i) => `/articles/${i.article}/delete`, params: [] },
  '/speakers': fixed('/speakers', SPEAKER_LIST),
  '/api/speakers': fixed('/api/speakers', SPEAKER_LIST),
  '/speakers/:id': { path: (i) => `/speakers/${i.speaker}`, params: SPEAKER_FILTERS },
  '/api/speakers/:id': { path: (i) => `/api/speakers/${i.speaker}`, params: SPEAKER_FILTERS },
  '/speakers/:id/merge': { path: (i) => `/speakers/${i.speaker}/merge`, params: ['q', 'other'] },
  '/outlets': fixed('/outlets'),
  '/api/outlets': fixed('/api/outlets'),
  '/outlets/:id': { path: (i) => `/outlets/${i.outlet}`, params: [] },
  '/api/outlets/:id': { path: (i) => `/api/outlets/${i.outlet}`, params: [] },
  '/clusters': fixed('/clusters', CLUSTER_LIST),
  '/api/clusters': fixed('/api/clusters', CLUSTER_LIST),
  '/clusters/:id': { path: (i) => `/clusters/${i.cluster}`, params: [] },
  '/api/clusters/:id': { path: (i) => `/api/clusters/${i.cluster}`, params: [] },
  '/statements/:id': { path: (i) => `/statements/${i.statement}`, params: ['review'] },
  '/api/statements/:id': { path: (i) => `/api/statements/${i.statement}`, params: [] },
  '/api/statements/:id/citation': { path: (i) => `/api/statements/${i.statement}/citation`, params: ['style'] },
  '/api/export.csv': fixed('/api/export.csv', EXPORT),
  '/api/export.csljson': fixed('/api/export.csljson', EXPORT),
  '/api/export.ris': fixed('/api/export.ris', EXPORT),
  '/api/export.bib': fixed('/api/export.bib', EXPORT),
  '/review': fixed('/review', QUEUE),
  '/api/review': fixed('/api/review', QUEUE),
  '/annotations': fixed('/annotations', ANNOTATION_LIST),
  '/api/annotations': fixed('/api/annotations', ANNOTATION_LIST),
  '/api/annotations/:id': { path: (i) => `/api/annotations/${i.annotation}`, params: [] },
  '/api/annotations/:id/versions': { path: (i) => `/api/annotations/${i.annotation}/versions`, params: [] },
  '/annotations/:id/edit': { path: (i) => `/annotations/${i.annotation}/edit`, params: [] },
};

/**
 * Seeds what every GET route shows, nested objects included: two articles and a quote
 * cluster (seedReview), a suggestion, an annotation with tags and evidence, an edited
 * annotation (versions), a token, audit entries, an import with its four kinds of record. Returns an admin's logged-in agent (who
 * authored them, so every page is theirs to see) and the ids the paths name.
 */
export async function seedForGets(t: TestApp) {
  const seeded = await seedReview(t);
  const admin = await loggedIn(t, 'admin');
  const send = (method: 'post' | 'patch', path: string, body: object) => ({
    expect: async (status: number) => {
      const res = await admin.agent[method](path).set('x-csrf-token', admin.csrfToken).send(body);
      if (res.status !== status) throw new Error(`seeding ${method} ${path}: ${res.status} ${res.text}`);
      return res;
    },
  });
  await send('post', `/api/statements/${seeded.bobQuote}/suggestions`, { version: 1, roleText: 'Spokesman' }).expect(201);
  const note = await send('post', '/api/annotations', {
    statementId: seeded.annQuote, note: 'Checked against the transcript', tags: ['tax', 'budget'], verdict: 'out_of_context',
    evidenceUrls: ['https://example.org/transcript'], visibility: 'shared',
  }).expect(201);
  const annotation = Number(String(note.body.id).split('/').pop());
  await send('patch', `/api/annotations/${annotation}`, { version: 1, note: 'Checked against the full transcript' }).expect(200);
  await send('post', '/api/tokens', { name: 'walker' }).expect(201);
  const user = Number((await t.handle.pool.query("select id from users where username = $1", [admin.username])).rows[0].id);
  await createApiToken(t.handle.db, user, 'second');
  const rows = await t.handle.pool.query('select outlet_id, (select cluster_id from statements where id = $1) as cluster_id from articles where id = $2', [seeded.annQuote, seeded.first.id]);
  const ids: SeededIds = {
    article: seeded.first.id,
    statement: seeded.annQuote,
    speaker: seeded.annId,
    outlet: Number(rows.rows[0].outlet_id),
    cluster: Number(rows.rows[0].cluster_id),
    annotation,
    user,
    import: (await seedImport(t)).importId,
  };
  return { admin, ids };
}

/** Sends a GET as the seeding admin; `accept` picks the page or its JSON. */
export function getAs(agent: ReturnType<typeof request.agent>, path: string, accept = 'application/json') {
  return agent.get(path).set('Accept', accept);
}
