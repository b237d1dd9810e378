import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { recordAudit } from '../../src/audit/audit.queries.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

interface Entry {
  id: number;
  action: string;
  entityType: string;
  entityId: number | null;
  user: { username: string } | null;
  before: unknown;
  after: unknown;
}

describe('the audit log page and API', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof loggedIn>>;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  let adminId: number;
  let editorId: number;
  before(async () => {
    t = await testApp();
    admin = await loggedIn(t, 'admin');
    editor = await loggedIn(t, 'editor');
    const ids = (await t.handle.pool.query('select id, username from users')).rows;
    adminId = ids.find((r) => r.username === admin.username).id;
    editorId = ids.find((r) => r.username === editor.username).id;
    const db = t.handle.db;
    // Entries of known dates, users and entities (written as the app's writes write them).
    await recordAudit(db, { userId: editorId, action: 'verify', entityType: 'attribution', entityId: 7, before: { status: 'machine' }, after: { status: 'verified', reason: '<b>bold</b> & "quoted"' } });
    await recordAudit(db, { userId: adminId, action: 'delete', entityType: 'speaker', entityId: 8, before: { name: "O'Brien; drop table users; --" }, after: null });
    await recordAudit(db, { userId: null, action: 'create', entityType: 'user', entityId: 9, before: null, after: { username: 'from_cli' } });
    await t.handle.pool.query("update audit_log set created_at = '2026-01-15 12:00:00+00' where entity_id = 7");
    await t.handle.pool.query("update audit_log set created_at = '2026-02-01 00:00:00+00' where entity_id = 8");
    await t.handle.pool.query("update audit_log set created_at = '2026-02-01 23:59:59+00' where entity_id = 9");
  });

  const api = async (query: string) => (await admin.agent.get(`/api/audit${query}`).expect(200)).body as { entries: Entry[]; nextBefore: number | null };
  const ids = (entries: Entry[]) => entries.map((e) => e.entityId);

  it('lists entries newest first with who, what, the entity, before and after', async () => {
    const { entries } = await api('');
    assert.deepEqual(ids(entries), [9, 8, 7]);
    const verify = entries.find((e) => e.entityId === 7)!;
    assert.equal(verify.user?.username, editor.username);
    assert.equal(verify.action, 'verify');
    assert.deepEqual(verify.after, { status: 'verified', reason: '<b>bold</b> & "quoted"' });
    assert.equal(entries.find((e) => e.entityId === 9)!.user, null, 'a CLI write has no user');
  });

  it('filters by user (any case), entity type and id, and UTC days (both ends included)', async () => {
    assert.deepEqual(ids((await api(`?user=${editor.username.toUpperCase()}&entityType=attribution`)).entries), [7]);
    assert.deepEqual(ids((await api('?entityType=speaker&entityId=8')).entries), [8]);
    assert.deepEqual(ids((await api('?from=2026-02-01&to=2026-02-01')).entries), [9, 8]);
    assert.deepEqual(ids((await api('?from=2026-01-01&to=2026-01-31')).entries), [7]);
    assert.deepEqual(ids((await api('?to=2026-01-14')).entries), []);
    assert.deepEqual((await api('?user=nobody_at_all')).entries, []);
  });

  it('pages by keyset: each page older than the last, none repeated', async () => {
    for (let i = 0; i < 5; i++) await recordAudit(t.handle.db, { userId: adminId, action: 'update', entityType: 'article', entityId: 100 + i });
    const seen: number[] = [];
    let query = '?entityType=article&limit=2';
    for (;;) {
      const page = await api(query);
      seen.push(...page.entries.map((e) => e.id));
      if (page.nextBefore === null) break;
      query = `?entityType=article&limit=2&before=${page.nextBefore}`;
    }
    assert.equal(seen.length, 5);
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a));
    // The page links its next page with the same filters.
    const html = (await admin.agent.get('/admin/audit?entityType=article&limit=2').expect(200)).text;
    const href = /<a rel="next" href="([^"]+)">/.exec(html)![1]!.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    assert.match(href, /^\/admin\/audit\?entityType=article&before=\d+&limit=2$/);
  });

  it('refuses bad filters naming the field (400), and unknown parameters', async () => {
    for (const [query, field] of [['?from=2026-02-30', 'from'], ['?entityId=abc', 'entityId'], ['?limit=1000', 'limit'], ['?entityType=Robert%27);', 'entityType'], ['?user=a%00b', 'user'], ['?from=2026-03-01&to=2026-02-01', 'from'], ['?sort=asc', 'sort']] as const) {
      const res = await admin.agent.get(`/api/audit${query}`).expect(400);
      assert.equal(res.body.issues[0].field, field, query);
    }
    await admin.agent.get('/admin/audit?from=yesterday').expect(400);
  });

  it('the page shows the entries with escaped JSON, and its filter form keeps the filters; only admins see it', async () => {
    const html = (await admin.agent.get(`/admin/audit?user=${editor.username}&from=2026-01-01`).expect(200)).text;
    assert.match(html, /<td>verify<\/td>/);
    assert.match(html, /attribution #7/);
    assert.match(html, /&lt;b&gt;bold&lt;\/b&gt; &amp; \\&quot;quoted\\&quot;/);
    assert.doesNotMatch(html, /<b>bold<\/b>/);
    assert.match(html, new RegExp(`name="user" value="${editor.username}"`));
    assert.match(html, /name="from" value="2026-01-01"/);
    assert.doesNotMatch(html, /speaker #8/, 'filtered out');
    const all = (await admin.agent.get('/admin/audit').expect(200)).text;
    assert.match(all, /O&#x27;Brien; drop table users; --/, 'SQL metacharacters shown verbatim');
    assert.match(all, /<span class="meta">system<\/span>/);
    await editor.agent.get('/admin/audit').expect(403);
    await editor.agent.get('/api/audit').expect(403);
  });

  it('records the account writes themselves: user create and update, as the admin', async () => {
    const created = await admin.agent.post('/api/users').set('x-csrf-token', admin.csrfToken).send({ username: 'audited_one', password: 'a long enough password', role: 'reader' }).expect(201);
    await admin.agent.patch(`/api/users/${created.body.user.id}`).set('x-csrf-token', admin.csrfToken).send({ version: 1, disabled: true }).expect(200);
    const { entries } = await api(`?entityType=user&entityId=${created.body.user.id}`);
    assert.deepEqual(entries.map((e) => [e.action, e.user?.username]), [['disable', admin.username], ['create', admin.username]]);
    assert.deepEqual(entries[0]!.before, { id: created.body.user.id, username: 'audited_one', role: 'reader', disabled: false, version: 1 });
    assert.deepEqual(entries[0]!.after, { id: created.body.user.id, username: 'audited_one', role: 'reader', disabled: true, version: 2 });
  });

  it('cuts a long before-image on the page (a deleted article holds its body) and links the whole entry', async () => {
    const body = `${'word '.repeat(2000)}THE-END`;
    await recordAudit(t.handle.db, { userId: adminId, action: 'delete', entityType: 'article', entityId: 4242, before: { title: 'Gone', body }, after: null });
    const html = (await admin.agent.get('/admin/audit?entityType=article&entityId=4242').expect(200)).text;
    assert.match(html, /word word word/);
    assert.doesNotMatch(html, /THE-END/, 'the page shows only the start of the image');
    const href = /href="(\/api\/audit\?before[^"]+)"/.exec(html)?.[1]?.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    assert.ok(href, 'a link to the whole entry');
    const full = (await admin.agent.get(href).expect(200)).body as { entries: Entry[] };
    assert.equal((full.entries[0]!.before as { body: string }).body, body);
  });
});
