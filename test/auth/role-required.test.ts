import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { createTestUser, loggedIn, type TestApp, testApp } from '../helpers/app.ts';

/** The text of an HTML page, tags dropped and spaces collapsed: what a reader reads. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('pages a role cannot use explain which role they need and whom to ask', () => {
  let t: TestApp;
  let admins: string[];
  before(async () => {
    t = await testApp();
    admins = [await createTestUser(t, 'admin'), await createTestUser(t, 'admin')];
    await createTestUser(t, 'admin', true); // disabled: not someone to ask
  });

  const cases = [
    { role: 'reader', path: '/articles/new', needed: 'editor' },
    { role: 'reader', path: '/review', needed: 'annotator' },
    { role: 'editor', path: '/admin/users', needed: 'admin' },
    { role: 'annotator', path: '/admin/audit', needed: 'admin' },
  ] as const;
  for (const c of cases) {
    it(`${c.role} on ${c.path}: a 403 HTML page naming the ${c.needed} role, the user's role and the admins to ask`, async () => {
      const { agent } = await loggedIn(t, c.role);
      const res = await agent.get(c.path).set('Accept', 'text/html').expect(403).expect('content-type', /html/);
      const text = textOf(res.text);
      assert.match(text, new RegExp(`This page needs the ${c.needed} role`));
      assert.match(text, new RegExp(`You are logged in as an? ${c.role}`));
      assert.match(text, /ask an admin of this site:/);
      for (const name of admins) assert.ok(text.includes(name), `names admin ${name}: ${text}`);
      assert.doesNotMatch(text, /admin_\d+ .*disabled/);
    });
  }

  it('a disabled admin is not named; with no active admin the page says "an admin of this site"', async () => {
    const lone = await testApp();
    const disabled = await createTestUser(lone, 'admin', true);
    const { agent } = await loggedIn(lone, 'reader');
    const text = textOf((await agent.get('/articles/new').expect(403)).text);
    assert.ok(!text.includes(disabled), 'the disabled admin is not named');
    assert.match(text, /ask an admin of this site\. An admin changes roles/);
  });

  it('the JSON API keeps its error shape, and its message names the role needed and whom to ask', async () => {
    const reader = await loggedIn(t, 'reader');
    const res = await reader.agent.post('/api/articles').set('x-csrf-token', reader.csrfToken).send({ title: 'x', text: 'y' }).expect(403);
    assert.deepEqual(Object.keys(res.body).sort(), ['error', 'status']);
    assert.equal(res.body.status, 403);
    assert.equal(res.body.error, 'This needs the editor role (or a higher one); you are a reader. Ask an admin of this site to change your role.');
    const editor = await loggedIn(t, 'editor');
    const users = await editor.agent.get('/api/users').expect(403);
    assert.match(users.body.error, /needs the admin role .* you are an editor/);
    const queue = await reader.agent.get('/api/export.csv?queue=review').expect(403);
    assert.match(queue.body.error, /^The review queue needs the annotator role/);
  });

  it('a visitor is sent to log in, and the login page says the page needs an account', async () => {
    const res = await request(t.app).get('/admin/users').expect(303);
    assert.equal(res.headers.location, '/login?next=%2Fadmin%2Fusers');
    const login = textOf((await request(t.app).get(res.headers.location).expect(200)).text);
    assert.match(login, /The page \/admin\/users needs an account: log in first/);
  });
});
