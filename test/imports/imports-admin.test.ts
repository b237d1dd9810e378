import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { breakRecords, rawArticle, seedImport, type SeededImport } from './seed-imports.ts';

// Issue 14 point 5 and point 2's retry button: the imports admin pages, their JSON, and the
// retry of a failed record, over real HTTP on a real database.

describe('imports admin: pages, JSON and retry', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof loggedIn>>;
  let done: SeededImport;
  let running: SeededImport;
  before(async () => {
    t = await testApp();
    admin = await loggedIn(t, 'admin');
    done = await seedImport(t, { label: 'finished archive' });
    running = await seedImport(t, { unfinished: 2, label: 'running archive' });
  });
  const json = (path: string) => admin.agent.get(path).set('Accept', 'application/json');
  const apiRetry = (importId: number, recordId: number) => admin.agent.post(`/api/imports/${importId}/records/${recordId}/retry`).set('x-csrf-token', admin.csrfToken).send({});

  it('lists every import newest first on the page, with its figures, a progress bar and a nav link', async () => {
    const res = await admin.agent.get('/admin/imports').expect(200);
    const rows = [...res.text.matchAll(/<tr data-import-id="(\d+)" data-state="(\w+)">/g)].map((m) => [Number(m[1]), m[2]]);
    assert.deepEqual(rows, [[running.importId, 'running'], [done.importId, 'finished']]);
    assert.match(res.text, /<a href="\/admin\/imports">Imports<\/a>/, 'the header links the page for an admin');
    assert.match(res.text, new RegExp(`<a href="/admin/imports/${done.importId}">#${done.importId} finished archive</a>`));
    assert.match(res.text, /<progress id="import-bar-\d+" data-bar max="4" value="4" aria-label="finished archive: records done">/);
    assert.match(res.text, /<progress id="import-bar-\d+" data-bar max="6" value="4" aria-label="running archive: records done">/);
    assert.match(res.text, /data-poll-url="\/api\/imports"/, 'an unfinished import is polled');
    assert.match(res.text, /<script src="\/static\/imports.js" defer><\/script>/);
  });

  it('shows one import with its failed and rejected records; only the failed one has a Retry button', async () => {
    const res = await admin.agent.get(`/admin/imports/${done.importId}`).expect(200);
    assert.match(res.text, /<dt>Stored<\/dt><dd data-field="stored">1<\/dd>/);
    assert.match(res.text, /<dt>Duplicates<\/dt><dd data-field="duplicates">1<\/dd>/);
    assert.match(res.text, /<dt>Failed<\/dt><dd data-field="failed">1<\/dd>/);
    assert.match(res.text, /<dt>Rejected<\/dt><dd data-field="rejected">1<\/dd>/);
    assert.match(res.text, /<dt>Statements found<\/dt><dd data-field="statements">1<\/dd>/);
    assert.match(res.text, /<dd data-field="state">finished<\/dd>/);
    assert.doesNotMatch(res.text, /data-poll-url/, 'a finished import is not polled');
    const failedRow = res.text.match(new RegExp(`<li id="record-${done.failed}">[\\s\\S]*?</li>`))![0];
    assert.match(failedRow, /<p class="record-place">archive.ndjson, line 3<\/p>/);
    assert.match(failedRow, />failed<\/span> 1 try/);
    assert.match(failedRow, /<strong>text<\/strong>: the article text is empty/);
    assert.match(failedRow, new RegExp(`<form method="post" action="/admin/imports/${done.importId}/records/${done.failed}/retry"`));
    assert.match(failedRow, new RegExp(`name="_csrf" value="${admin.csrfToken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
    const rejectedRow = res.text.match(new RegExp(`<li id="record-${done.rejected}">[\\s\\S]*?</li>`))![0];
    assert.match(rejectedRow, /<strong>published<\/strong>: must be a date as YYYY-MM-DD/);
    assert.match(rejectedRow, />rejected<\/span> 0 tries/);
    assert.doesNotMatch(rejectedRow, /Retry/);
    assert.ok(res.text.indexOf(`record-${done.failed}`) < res.text.indexOf(`record-${done.rejected}`), 'failed records come first');
  });

  it('refuses an editor (403) and a visitor (401 on the API, the log-in page otherwise); takes an admin token', async () => {
    const editor = await loggedIn(t, 'editor');
    for (const path of ['/admin/imports', `/admin/imports/${done.importId}`, '/api/imports', `/api/imports/${done.importId}`]) {
      const res = await editor.agent.get(path).set('Accept', path.startsWith('/api/') ? 'application/json' : 'text/html');
      assert.equal(res.status, 403, path);
    }
    assert.doesNotMatch((await editor.agent.get('/').expect(200)).text, /href="\/admin\/imports"/, 'no nav link for an editor');
    const denied = await editor.agent.post(`/api/imports/${done.importId}/records/${done.failed}/retry`).set('x-csrf-token', editor.csrfToken).send({});
    assert.equal(denied.status, 403);
    const anonymous = await request(t.app).get('/api/imports').expect(401);
    assert.equal(anonymous.body.status, 401);
    await request(t.app).get('/admin/imports').expect(303).expect('Location', '/login?next=%2Fadmin%2Fimports');
    const adminId = (await t.handle.db.selectFrom('users').select('id').where('username', '=', admin.username).executeTakeFirstOrThrow()).id;
    const { secret } = await createApiToken(t.handle.db, adminId, 'imports');
    const byToken = await request(t.app).get(`/api/imports/${done.importId}`).set('Authorization', `Bearer ${secret}`).expect(200);
    assert.equal(byToken.body.import.id, done.importId);
  });

  it('answers the JSON: ImportProgress with state and done, and for one import its problem records', async () => {
    const list = (await json('/api/imports').expect(200)).body;
    assert.deepEqual(list.imports.map((i: { id: number }) => i.id), [running.importId, done.importId]);
    const one = list.imports[1];
    assert.deepEqual(Object.keys(one).sort(), ['articlesPerSecond', 'createdAt', 'done', 'duplicates', 'failed', 'finishedAt', 'id', 'kind', 'label', 'queued', 'readFinished', 'records', 'rejected', 'state', 'statements', 'stored'].sort());
    assert.deepEqual({ ...one, createdAt: typeof one.createdAt, finishedAt: typeof one.finishedAt, articlesPerSecond: typeof one.articlesPerSecond }, {
      id: done.importId, kind: 'import', label: 'finished archive', createdAt: 'string', records: 4, queued: 0, stored: 1, duplicates: 1, failed: 1, rejected: 1,
      statements: 1, readFinished: true, finishedAt: 'string', articlesPerSecond: 'number', state: 'finished', done: 4,
    });
    assert.deepEqual({ state: list.imports[0].state, queued: list.imports[0].queued, done: list.imports[0].done }, { state: 'running', queued: 2, done: 4 });

    const detail = (await json(`/api/imports/${done.importId}`).expect(200)).body;
    assert.equal(detail.import.state, 'finished');
    assert.equal(detail.recordsTotal, 2);
    assert.deepEqual(detail.records, [
      { id: done.failed, importId: done.importId, source: 'archive.ndjson', position: 'line 3', state: 'failed', attempts: 1, errorField: 'text', error: 'the article text is empty', articleId: null },
      { id: done.rejected, importId: done.importId, source: 'archive.ndjson', position: 'line 4', state: 'rejected', attempts: 0, errorField: 'published', error: 'must be a date as YYYY-MM-DD', articleId: null },
    ]);
  });

  it('answers bad and unknown ids: 400 naming the parameter, 404 in the error shape', async () => {
    const bad = await json('/api/imports/abc').expect(400);
    assert.deepEqual(bad.body.issues, [{ field: 'id', message: 'must be an import id (a whole number from 1)' }]);
    assert.equal((await json('/api/imports/0').expect(400)).body.issues[0].field, 'id');
    assert.equal((await json('/api/imports/99999999999').expect(400)).body.issues[0].field, 'id');
    const missing = await json('/api/imports/999999').expect(404);
    assert.deepEqual(missing.body, { status: 404, error: 'Import 999999 not found' });
    assert.match((await admin.agent.get('/admin/imports/x1').expect(400)).text, /id: must be an import id/);
    await admin.agent.get('/admin/imports/999999').expect(404);
    const badRecord = await apiRetry(done.importId, 'r' as unknown as number).expect(400);
    assert.deepEqual(badRecord.body.issues, [{ field: 'recordId', message: 'must be a record id (a whole number from 1)' }]);
    const elsewhere = await apiRetry(running.importId, done.failed).expect(404);
    assert.equal(elsewhere.body.error, `Record ${done.failed} of import ${running.importId} not found`);
    const field = await admin.agent.post(`/api/imports/${done.importId}/records/${done.failed}/retry`).set('x-csrf-token', admin.csrfToken).send({ force: true }).expect(400);
    assert.deepEqual(field.body.issues, [{ field: 'force', message: 'is not a known field' }]);
    assert.equal((await json('/api/imports?page=2').expect(400)).body.issues[0].field, 'page');
  });

  it('answers 409 for a record that is not failed (stored, duplicate, rejected), on the API and the page', async () => {
    for (const id of [done.stored, done.duplicate, done.rejected]) {
      const res = await apiRetry(done.importId, id).expect(409);
      assert.equal(res.body.status, 409);
      assert.match(res.body.error, /is (stored|duplicate|rejected), not failed: only a failed record can be retried/);
    }
    const page = await admin.agent.post(`/admin/imports/${done.importId}/records/${done.stored}/retry`).type('form').send({ _csrf: admin.csrfToken }).expect(409);
    assert.match(page.text, /only a failed record can be retried/);
  });

  it('retries a failed record that now succeeds (API): stored, audited before and after', async () => {
    const seeded = await seedImport(t);
    await t.handle.db.updateTable('import_records').set({ raw: JSON.stringify(rawArticle(`fixed ${seeded.importId}`)) }).where('id', '=', seeded.failed).execute();
    const res = await apiRetry(seeded.importId, seeded.failed).expect(200);
    assert.equal(res.body.record.state, 'stored');
    assert.equal(res.body.record.error, null);
    assert.ok(res.body.record.articleId > 0);
    const detail = (await json(`/api/imports/${seeded.importId}`).expect(200)).body;
    assert.deepEqual({ stored: detail.import.stored, failed: detail.import.failed, state: detail.import.state }, { stored: 2, failed: 0, state: 'finished' });
    assert.deepEqual(detail.records.map((r: { id: number }) => r.id), [seeded.rejected]);
    const audit = await t.handle.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'import_record').where('entity_id', '=', seeded.failed).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'retry');
    assert.deepEqual([(audit[0]!.before as { state: string }).state, (audit[0]!.after as { state: string }).state], ['failed', 'stored']);
    await apiRetry(seeded.importId, seeded.failed).expect(409);
  });

  it('retries a failed record that fails again (page): back to its page with the new error in a flash', async () => {
    const seeded = await seedImport(t);
    await breakRecords(t.handle.db, [seeded.failed]);
    const tried = (await t.handle.db.selectFrom('import_records').select('attempts').where('id', '=', seeded.failed).executeTakeFirstOrThrow()).attempts;
    const res = await admin.agent.post(`/admin/imports/${seeded.importId}/records/${seeded.failed}/retry`).type('form').send({ _csrf: admin.csrfToken }).expect(303);
    assert.equal(res.headers.location, `/admin/imports/${seeded.importId}`);
    const page = await admin.agent.get(res.headers.location).set('Accept', 'text/html').expect(200);
    assert.match(page.text, new RegExp(`Record ${seeded.failed} \\(archive.ndjson, line 3\\) failed again: text: the article text is empty\\.`));
    const row = await t.handle.db.selectFrom('import_records').select(['state', 'attempts']).where('id', '=', seeded.failed).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'failed', attempts: tried + 1 }, 'the retry is counted as one more try');
    const imp = await t.handle.db.selectFrom('imports').select('finished_at').where('id', '=', seeded.importId).executeTakeFirstOrThrow();
    assert.ok(imp.finished_at, 'the import stays finished');
    // Without a CSRF token the form is refused and nothing is retried.
    await admin.agent.post(`/admin/imports/${seeded.importId}/records/${seeded.failed}/retry`).type('form').send({}).expect(403);
  });
});
