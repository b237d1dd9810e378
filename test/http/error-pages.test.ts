import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { type TestApp, testApp } from '../helpers/app.ts';

describe('error pages', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });

  it('answers an unknown page with a 404 HTML page', async () => {
    const res = await request(t.app).get('/no/such/page').set('Accept', 'text/html').expect(404);
    assert.match(res.headers['content-type']!, /html/);
    assert.match(res.text, /Not found/);
    assert.match(res.text, /Back to the articles/);
  });

  it('answers JSON when the client asks for JSON', async () => {
    const res = await request(t.app).get('/no/such/page').set('Accept', 'application/json').expect(404);
    assert.deepEqual(res.body, { status: 404, error: 'Page /no/such/page not found' });
  });

  it('sets security headers', async () => {
    const res = await request(t.app).get('/').expect(200);
    assert.match(res.headers['content-security-policy']!, /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-powered-by'], undefined);
  });

  // Last: it ends the pool, so every later query fails.
  it('hides internals behind a 500 page when the database fails', async () => {
    await t.handle.pool.end();
    const html = await request(t.app).get('/').set('Accept', 'text/html').expect(500);
    assert.match(html.text, /Something went wrong on our side/);
    assert.doesNotMatch(html.text, /pool|at .*\.ts:\d+|Error:/);
    const json = await request(t.app).get('/api/articles').expect(500);
    assert.deepEqual(json.body, { status: 500, error: 'Something went wrong on our side. The error has been logged.' });
  });
});
