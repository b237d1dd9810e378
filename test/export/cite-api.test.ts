import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { addSeedArticle, SEED_APA as APA } from './seed-source.ts';

const BLINKEN = '?q=%22criminal+contract+hackers%22&speaker=Antony+Blinken';

describe('GET /api/statements/:id/citation', () => {
  let t: TestApp;
  let blinken: number;
  /** The CSV export's `citation` cell for the Blinken quote, in `style`. */
  const csvCitation = async (style?: string) => {
    const res = await request(t.app).get(`/api/export.csv${BLINKEN}${style ? `&style=${style}` : ''}`).expect(200);
    const [row] = parse(res.text, { columns: true, bom: true }) as { statement_id: string; citation: string }[];
    assert.equal(Number(row!.statement_id), blinken);
    return row!.citation;
  };

  before(async () => {
    t = await testApp();
    await addSeedArticle(await loggedIn(t, 'editor'));
    const search = await request(t.app).get(`/api/search${BLINKEN}`).expect(200);
    assert.equal(search.body.hits.length, 1, 'one Blinken quote');
    blinken = search.body.hits[0].id;
  });

  it('cites the source in APA 7 by default: the very text of the CSV export\'s citation column', async () => {
    const res = await request(t.app).get(`/api/statements/${blinken}/citation`).expect(200);
    assert.match(res.headers['content-type']!, /^application\/json/);
    assert.equal(res.body.citation, APA);
    assert.equal(res.body.citation, await csvCitation());
    assert.deepEqual(Object.keys(res.body).sort(), ['citation', 'statementId', 'style', 'styles']);
    assert.equal(res.body.statementId, blinken);
    assert.equal(res.body.style, 'apa');
    assert.deepEqual(res.body.styles, ['apa', 'harvard1', 'vancouver']);
    const named = await request(t.app).get(`/api/statements/${blinken}/citation?style=apa`).expect(200);
    assert.equal(named.body.citation, APA);
  });

  it('cites in any other loaded style, as the CSV does in that style', async () => {
    for (const style of ['harvard1', 'vancouver']) {
      const res = await request(t.app).get(`/api/statements/${blinken}/citation?style=${style}`).expect(200);
      assert.equal(res.body.style, style);
      assert.notEqual(res.body.citation, APA, style);
      assert.equal(res.body.citation, await csvCitation(style), style);
    }
    const harvard = await request(t.app).get(`/api/statements/${blinken}/citation?style=harvard1`).expect(200);
    assert.match(harvard.body.citation, /^Agence France-Presse \(2021\)/);
  });

  it('refuses an unknown style, or an unknown parameter, with 400 naming it', async () => {
    for (const [query, field] of [['?style=chicago-nope', 'style'], ['?style=', 'style'], ['?style=apa&style=apa', 'style'], ['?format=ris', 'format']] as const) {
      const res = await request(t.app).get(`/api/statements/${blinken}/citation${query}`).expect(400);
      assert.equal(res.body.status, 400, query);
      assert.equal(res.body.issues[0].field, field, query);
    }
    const bad = await request(t.app).get(`/api/statements/${blinken}/citation?style=chicago-nope`).expect(400);
    assert.match(bad.body.issues[0].message, /must be one of: apa, harvard1, vancouver/);
  });

  it('answers 404 in the shared error shape for a statement that does not exist', async () => {
    for (const id of ['999999', '0', 'abc', '99999999999']) {
      const res = await request(t.app).get(`/api/statements/${id}/citation`).expect(404);
      assert.equal(res.body.status, 404, id);
      assert.match(res.body.error, /not found/, id);
    }
  });

  it('still cites a rejected statement, which stays readable on its page and in search', async () => {
    const editor = await loggedIn(t, 'editor');
    await editor.agent.post(`/api/statements/${blinken}/reject`).set('x-csrf-token', editor.csrfToken).send({ version: 1 }).expect(201);
    const res = await request(t.app).get(`/api/statements/${blinken}/citation`).expect(200);
    assert.equal(res.body.citation, APA);
  });
});
