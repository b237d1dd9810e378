import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';

describe('outlet and speaker pages', () => {
  let t: TestApp;
  let outletId: number;
  let priceId: number;
  before(async () => {
    t = await testApp();
    const price = { name: 'Ned Price', kind: 'person' as const, mention: null, aliases: ['Price'] };
    const nato = { name: 'NATO', kind: 'organization' as const, mention: null, aliases: [] };
    const days = [['2021-05-03', [price, price]], ['2021-07-20', [price, nato]], ['2021-08-01', [nato]]] as const;
    for (const [published, speakers] of days) {
      const body = speakers.map((_, i) => `"Statement number ${i} on ${published} & <more>," someone said.`).join('\n\n');
      const article = await storedArticle(t.handle.db, { outlet: 'Wire & Co', published, text: body });
      await storeStatements(t.handle.db, article, speakers.map((speaker, i) => statementOn(body, `Statement number ${i} on ${published} & <more>,`, { speaker })));
    }
    outletId = (await t.handle.pool.query(`select id from outlets where name = 'Wire & Co'`)).rows[0].id;
    priceId = (await t.handle.pool.query(`select id from speakers where canonical_name = 'Ned Price'`)).rows[0].id;
  });

  it('shows who an outlet quotes most', async () => {
    const res = await request(t.app).get(`/outlets/${outletId}`).expect(200);
    assert.match(res.text, /<h1>Wire &amp; Co<\/h1>/);
    assert.match(res.text, /3 articles · 5 statements/);
    const names = [...res.text.matchAll(/<a href="\/speakers\/\d+">([^<]+)<\/a> <span class="n">(\d+)<\/span>/g)].map((m) => `${m[1]}=${m[2]}`);
    assert.deepEqual(names, ['Ned Price=3', 'NATO=2']);
    const api = await request(t.app).get(`/api/outlets/${outletId}`).expect(200);
    assert.deepEqual(api.body.speakers.map((s: { canonicalName: string }) => s.canonicalName), ['Ned Price', 'NATO']);
    const list = await request(t.app).get('/outlets').expect(200);
    assert.match(list.text, /Wire &amp; Co<\/a> <span class="n">3 articles/);
  });

  it('charts a speaker per month and lists the outlets quoting them', async () => {
    const res = await request(t.app).get(`/speakers/${priceId}`).expect(200);
    const bars = [...res.text.matchAll(/<title>([^<]+)<\/title><\/rect>/g)].map((m) => m[1]);
    assert.deepEqual(bars, ['May 2021: 2', 'Jun 2021: 0', 'Jul 2021: 1']);
    assert.match(res.text, /role="img" aria-label="3 statements from May 2021 to Jul 2021/);
    assert.match(res.text, new RegExp(`<a href="/outlets/${outletId}">Wire &amp; Co</a> <span class="n">3</span>`));
    assert.ok(res.text.includes('“Statement number 0 on 2021-07-20 &amp; &lt;more&gt;,”'));
  });

  it('lists speakers with a name filter, a kind filter and keyset pages', async () => {
    const all = await request(t.app).get('/api/speakers?limit=1').expect(200);
    assert.equal(all.body.speakers[0].canonicalName, 'NATO');
    const second = await request(t.app).get(`/api/speakers?limit=1&after=${all.body.next}`).expect(200);
    assert.equal(second.body.speakers[0].canonicalName, 'Ned Price');
    const byAlias = await request(t.app).get('/api/speakers?q=pric').expect(200);
    assert.deepEqual(byAlias.body.speakers.map((s: { canonicalName: string }) => s.canonicalName), ['Ned Price']);
    const orgs = await request(t.app).get('/speakers?kind=organization').expect(200);
    assert.match(orgs.text, />NATO<\/a>/);
    assert.doesNotMatch(orgs.text, />Ned Price<\/a>/);
    const bad = await request(t.app).get('/api/speakers?kind=robot&colour=red').expect(400);
    assert.deepEqual(bad.body.issues.map((i: { field: string }) => i.field).sort(), ['colour', 'kind']);
    assert.match(bad.body.error, /colour: is not a known parameter/);
  });

  it('filters a speaker\'s statements by kind, outlet and date, and refuses bad filters', async () => {
    const texts = async (query: string) => {
      const res = await request(t.app).get(`/api/speakers/${priceId}?${query}`).expect(200);
      return res.body.statements.map((s: { text: string }) => s.text);
    };
    assert.equal((await texts('')).length, 3);
    assert.deepEqual(await texts('from=2021-07-01&to=2021-07-31'), ['Statement number 0 on 2021-07-20 & <more>,']);
    assert.equal((await texts('outlet=Wire%20%26%20Co&kind=quote')).length, 3);
    assert.deepEqual(await texts('kind=claim'), []);
    const page = await request(t.app).get(`/speakers/${priceId}?to=2021-06-01`).expect(200);
    assert.match(page.text, /value="2021-06-01"/);
    assert.equal((page.text.match(/class="statement statement-quote"/g) ?? []).length, 2);
    const bad = await request(t.app).get(`/api/speakers/${priceId}?from=2021-02-30&kind=rumour`).expect(400);
    assert.deepEqual(bad.body.issues.map((i: { field: string }) => i.field).sort(), ['from', 'kind']);
  });

  it('returns one statement with its article link and attribution history', async () => {
    const id = (await t.handle.pool.query('select id from statements order by id limit 1')).rows[0].id;
    const res = await request(t.app).get(`/api/statements/${id}`).expect(200);
    assert.equal(res.body.statement.id, id);
    assert.match(res.body.article.link, new RegExp(`^/articles/\\d+#s-${id}$`));
    assert.deepEqual(res.body.attributions.map((a: { version: number; status: string }) => [a.version, a.status]), [[1, 'machine']]);
    const page = await request(t.app).get(`/statements/${id}`).expect(200);
    assert.ok(page.text.includes(`href="${res.body.article.link}"`), 'the statement page links to its spot in the article');
    await request(t.app).get('/api/statements/987654').expect(404);
  });
});
