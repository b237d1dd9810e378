import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { revokeTokenOf } from '../../src/auth/account.ts';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { hasRole, type Role } from '../../src/auth/auth.ts';
import { createTestUser, TEST_PASSWORD, type TestApp, testApp } from '../helpers/app.ts';
import { ACTORS, type Actor, type Owner, type PreparedRequest, type RouteSpec, writeRoutes } from './permission-matrix.ts';
import { routeSpecs } from './permission-routes.ts';

// The permission matrix: every write route of the app (found by walking its router) × every
// kind of caller → the status it must get. A route missing from permission-routes.ts fails
// the first test, so a new route cannot ship without its row.

interface Caller {
  owner: Owner;
  agent: ReturnType<typeof request.agent>;
  csrfToken: string;
}

const ROLES: Role[] = ['reader', 'annotator', 'editor', 'admin'];

describe('the permission matrix', () => {
  let t: TestApp;
  let specs: Record<string, RouteSpec>;
  const callers = new Map<string, Caller>();
  const tokens = new Map<Role, string>();
  let revokedToken = '';
  let disabled: Caller;

  async function newCaller(role: Role): Promise<Caller> {
    const username = await createTestUser(t, role);
    const { id } = await t.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const agent = request.agent(t.app);
    const res = await agent.post('/api/login').send({ username, password: TEST_PASSWORD }).expect(200);
    return { owner: { id, role }, agent, csrfToken: res.body.csrfToken };
  }

  before(async () => {
    t = await testApp();
    specs = routeSpecs(t);
    for (const role of ROLES) {
      callers.set(role, await newCaller(role));
      callers.set(`other-${role}`, await newCaller(role));
      tokens.set(role, (await createApiToken(t.handle.db, callers.get(role)!.owner.id, `matrix ${role}`)).secret);
    }
    const admin = callers.get('admin')!.owner.id;
    const revoked = await createApiToken(t.handle.db, admin, 'revoked');
    await revokeTokenOf(t.handle.db, { id: admin, username: 'matrix admin', role: 'admin' }, revoked.id);
    revokedToken = revoked.secret;
    disabled = await newCaller('admin');
    await t.handle.db.updateTable('users').set({ disabled: true }).where('id', '=', disabled.owner.id).execute();
  });

  it('has a row for every write route, and no row for a route that does not exist', () => {
    const routes = writeRoutes(t.app);
    assert.deepEqual(routes.filter((r) => !(r in specs)), [], 'write routes without a row in permission-routes.ts');
    assert.deepEqual(Object.keys(specs).filter((r) => !routes.includes(r)).sort(), [], 'rows for routes the app does not have');
  });

  /** Sends one prepared request as a page form (paths outside /api) or as JSON. */
  function send(route: string, { path, body, multipart }: PreparedRequest, via: { agent?: Caller['agent']; csrf?: string; bearer?: string }) {
    const method = route.split(' ')[0]!.toLowerCase() as 'post' | 'patch' | 'put' | 'delete';
    const client = via.agent ?? request(t.app);
    let req = client[method](path);
    if (via.bearer) req = req.set('Authorization', `Bearer ${via.bearer}`);
    if (path.startsWith('/api/')) {
      if (via.csrf !== undefined) req = req.set('x-csrf-token', via.csrf);
      return req.send(body ?? {});
    }
    const fields = { ...(body ?? {}), ...(via.csrf !== undefined ? { _csrf: via.csrf } : {}) };
    if (!multipart) return req.type('form').send(fields);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, String(value));
    return req;
  }

  function expectedStatus(spec: RouteSpec, route: string, actor: Actor): number[] {
    const api = route.split(' ')[1]!.startsWith('/api/');
    const refused = api ? [401] : [303];
    const needed = spec.role as Role;
    switch (actor) {
      case 'anonymous':
      case 'disabled':
        return refused;
      case 'revokedToken':
        return [401];
      case 'noCsrf':
      case 'wrongCsrf':
        return [403];
      case 'otherUser':
        return [spec.otherUserStatus!];
      case 'token':
        return spec.tokenStatus === undefined ? spec.ok : [spec.tokenStatus];
      default:
        return hasRole({ id: 0, username: '', role: actor }, needed) ? spec.ok : [403];
    }
  }

  async function call(spec: RouteSpec, route: string, actor: Actor) {
    const needed = spec.role as Role;
    switch (actor) {
      case 'anonymous': {
        const prepared = await spec.prepare(callers.get('admin')!.owner);
        return send(route, prepared, {});
      }
      case 'disabled': {
        const prepared = await spec.prepare(disabled.owner);
        return send(route, prepared, { agent: disabled.agent, csrf: disabled.csrfToken });
      }
      case 'revokedToken': {
        const prepared = await spec.prepare(callers.get('admin')!.owner);
        return send(route, prepared, { bearer: revokedToken });
      }
      case 'noCsrf':
      case 'wrongCsrf': {
        const c = callers.get(needed)!;
        const prepared = await spec.prepare(c.owner);
        return send(route, prepared, { agent: c.agent, csrf: actor === 'wrongCsrf' ? 'forged-token' : undefined });
      }
      case 'otherUser': {
        const owner = callers.get(needed)!;
        const other = callers.get(`other-${needed}`)!;
        const prepared = await spec.prepare(owner.owner);
        return send(route, prepared, { agent: other.agent, csrf: other.csrfToken });
      }
      case 'token': {
        const prepared = await spec.prepare(callers.get(needed)!.owner);
        return send(route, prepared, { bearer: tokens.get(needed) });
      }
      default: {
        const c = callers.get(actor)!;
        const prepared = await spec.prepare(c.owner);
        return send(route, prepared, { agent: c.agent, csrf: c.csrfToken });
      }
    }
  }

  it('gives every caller of every write route the status its role and credentials allow', async () => {
    const wrong: string[] = [];
    for (const [route, spec] of Object.entries(specs)) {
      if (spec.role === 'public') continue;
      for (const actor of ACTORS) {
        if (actor === 'otherUser' && spec.otherUserStatus === undefined) continue;
        const res = await call(spec, route, actor);
        const expected = expectedStatus(spec, route, actor);
        if (!expected.includes(res.status)) wrong.push(`${route} as ${actor}: ${res.status} (expected ${expected.join(' or ')}) ${JSON.stringify(res.body?.error ?? '')}`);
        else if (res.status === 303 && (actor === 'anonymous' || actor === 'disabled')) {
          if (!String(res.headers.location).startsWith('/login')) wrong.push(`${route} as ${actor}: redirected to ${res.headers.location}, not to /login`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('lets anyone reach the public log-in routes without being sent to log in', async () => {
    for (const [route, spec] of Object.entries(specs)) {
      if (spec.role !== 'public') continue;
      const res = await send(route, await spec.prepare(callers.get('reader')!.owner), {});
      assert.ok(spec.ok.includes(res.status) && !String(res.headers.location ?? '').startsWith('/login?'), `${route}: ${res.status}`);
    }
  });
});
