import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { reextractArticle } from '../../src/ingest/reextract-article.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

// Issue #13 point 9: a quotation split by its attribution stays two statements, linked; a
// phrase that runs across the split finds it; the link survives re-extraction and a span
// correction; the article and statement pages show the parts as one utterance.
const BODY = [
  'Officials met on Monday to discuss the river delta.',
  '"Closing the estuary," said Maria Lopez, the regional water minister, "will change the salt balance."',
  '"We will decide in spring," Lopez said. Farmers said they feared the change.',
].join('\n\n');

describe('a quotation split by its attribution', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  let articleId: number;
  const search = async (q: string) => (await request(t.app).get('/api/search').query({ q }).expect(200)).body as { hits: { id: number; text: string }[] };
  const quotes = async () =>
    (await t.handle.pool.query<{ id: number; text: string; continues_statement_id: number | null; start_offset: number }>(
      `select id, text, continues_statement_id, start_offset from statements where article_id = $1 and kind = 'quote' order by start_offset`, [articleId])).rows;
  const parts = async () => {
    const rows = await quotes();
    const head = rows.find((r) => r.text === 'Closing the estuary,')!;
    const tail = rows.find((r) => r.text === 'will change the salt balance.')!;
    return { head, tail, rows };
  };

  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
    const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken)
      .send({ title: 'Estuary plan', outlet: 'River News', published: '2024-05-02', text: BODY }).expect(201);
    articleId = res.body.id;
  });

  it('is stored as two statements, the second linked to the first; other quotes stay alone', async () => {
    const { head, tail, rows } = await parts();
    assert.ok(head && tail, 'the extractor keeps the two parts as two statements');
    assert.equal(tail.continues_statement_id, head.id);
    assert.equal(head.continues_statement_id, null);
    const other = rows.find((r) => r.text.startsWith('We will decide'))!;
    assert.equal(other.continues_statement_id, null, 'a quote in another paragraph is not a continuation');
  });

  it('is found by a phrase that runs across the split, and by words of either part', async () => {
    const { head, tail } = await parts();
    assert.deepEqual((await search('"estuary will change"')).hits.map((h) => h.id), [head.id]);
    assert.deepEqual((await search('"closing the estuary will change the salt balance"')).hits.map((h) => h.id), [head.id]);
    assert.deepEqual((await search('"balance closing"')).hits, [], 'the joined words keep their order');
    const salt = (await search('salt')).hits.map((h) => h.id).sort((a, b) => a - b);
    assert.deepEqual(salt, [head.id, tail.id].sort((a, b) => a - b));
    // The postings (the word index behind the newest-first order) hold the joined words too.
    const newest = (await request(t.app).get('/api/search').query({ q: '"estuary will change"', sort: 'newest' }).expect(200)).body;
    assert.deepEqual(newest.hits.map((h: { id: number }) => h.id), [head.id]);
  });

  it('shows the parts as one utterance on the article page, and the statement pages link each other', async () => {
    const { head, tail } = await parts();
    const page = await request(t.app).get(`/articles/${articleId}`).expect(200);
    assert.match(page.text, new RegExp(`<mark class="stmt stmt-quote stmt-split stmt-continues" id="s-${tail.id}"`));
    assert.match(page.text, new RegExp(`<mark class="stmt stmt-quote stmt-split" id="s-${head.id}"`));
    assert.match(page.text, new RegExp(`class="side-note side-note-quote side-note-machine side-note-joined" data-statement="${tail.id}"`));
    assert.match(page.text, new RegExp(`<span class="badge">continued</span> from <a href="#s-${head.id}">`));
    const first = await request(t.app).get(`/statements/${head.id}`).expect(200);
    assert.match(first.text, new RegExp(`it continues in <a href="/statements/${tail.id}">statement ${tail.id}</a>`));
    const second = await request(t.app).get(`/statements/${tail.id}`).expect(200);
    assert.match(second.text, new RegExp(`the first part is <a href="/statements/${head.id}">statement ${head.id}</a>`));
    const json = (await request(t.app).get(`/api/statements/${tail.id}`).expect(200)).body;
    assert.equal(json.statement.continuesStatementId, head.id);
  });

  it('keeps the link when the extractor runs again (replaced and kept parts alike)', async () => {
    const reextract = () => reextractArticle({ db: t.handle.db, statementTimeoutMs: 60_000 }, articleId, t.readers);
    const untouched = await reextract();
    assert.ok(untouched.removed >= 2, 'the machine parts were replaced');
    const { head, tail } = await parts();
    assert.equal(tail.continues_statement_id, head.id);
    assert.deepEqual((await search('"estuary will change"')).hits.map((h) => h.id), [head.id]);

    // A reviewer verifies the second part: it is kept, the first part is replaced and linked again.
    await editor.agent.post(`/api/statements/${tail.id}/verify`).set('x-csrf-token', editor.csrfToken).send({ version: 1 }).expect(201);
    const r = await reextract();
    assert.ok(r.kept >= 1);
    const after = await parts();
    assert.equal(after.tail.id, tail.id);
    assert.notEqual(after.head.id, head.id, 'the untouched first part is a new row');
    assert.equal(after.tail.continues_statement_id, after.head.id);
    assert.deepEqual((await search('"estuary will change"')).hits.map((h) => h.id), [after.head.id]);
  });

  it('keeps the link through a span correction, and the joined words follow the new span', async () => {
    const { head, tail } = await parts();
    const version = (await request(t.app).get(`/api/statements/${tail.id}`).expect(200)).body.version;
    // The second part loses its last words: "will change the salt".
    const fixed = await editor.agent.post(`/api/statements/${tail.id}/correct`).set('x-csrf-token', editor.csrfToken)
      .send({ version, quoteStart: tail.start_offset, quoteEnd: tail.start_offset + 'will change the salt'.length, reason: 'span' }).expect(201);
    assert.equal(fixed.body.statement.text, 'will change the salt');
    const corrected = (await quotes()).find((r) => r.id === tail.id)!;
    assert.equal(corrected.text, 'will change the salt');
    assert.equal(corrected.continues_statement_id, head.id);
    assert.deepEqual((await search('"estuary will change"')).hits.map((h) => h.id), [head.id]);
    assert.deepEqual((await search('"estuary will change the salt balance"')).hits, [], 'the dropped word left the joined words');
  });
});
