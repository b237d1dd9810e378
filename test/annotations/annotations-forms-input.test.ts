import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { bodyGaps } from '../../src/annotations/body-gaps.ts';
import { segmentBody } from '../../src/articles/article.presenter.ts';
import { type TestApp, testApp } from '../helpers/app.ts';
import { annotatedArticle, api, BODY, type Client, passageOf, users } from './fixture.ts';

// What browsers send through the passage form (CRLF line ends), and annotations that say nothing.

describe('annotation input from forms and the API', () => {
  let t: TestApp;
  let fixture: Awaited<ReturnType<typeof annotatedArticle>>;
  let author: Client;
  const count = async () => Number((await t.handle.pool.query('select count(*) from annotations')).rows[0].count);

  before(async () => {
    t = await testApp();
    fixture = await annotatedArticle(t.handle.db);
    [author] = await users(t, 'annotator');
  });

  it('takes a passage whose exact, prefix and suffix cross paragraph breaks as the browser sends them (CRLF)', async () => {
    assert.ok(BODY.includes('Monday.\n\nThe ministry'), 'the fixture has a paragraph break');
    const passage = passageOf('Monday.\n\nThe ministry');
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    assert.ok(Array.from(crlf(passage.prefix)).length <= 32 && crlf(passage.exact) !== passage.exact);
    const after = passageOf('The ministry denied'); // its prefix holds the break
    assert.match(after.prefix, /\n\n$/);
    for (const p of [passage, after]) {
      const form = { _csrf: author.csrfToken, articleId: String(fixture.article.id), exact: crlf(p.exact), prefix: crlf(p.prefix), suffix: crlf(p.suffix), start: String(p.start), end: String(p.end), note: 'across the break' };
      const res = await author.agent.post('/annotations').type('form').send(form);
      assert.equal(res.status, 303, res.text.match(/selector\.[a-z]+: [^<]+/g)?.join('; '));
    }
    const stored = await t.handle.db.selectFrom('annotations').select(['selector_exact', 'selector_prefix', 'selector_suffix']).where('article_id', '=', fixture.article.id).orderBy('id').execute();
    assert.deepEqual(stored, [
      { selector_exact: passage.exact, selector_prefix: passage.prefix, selector_suffix: passage.suffix },
      { selector_exact: after.exact, selector_prefix: after.prefix, selector_suffix: after.suffix },
    ], 'stored with LF, as the body is');
    assert.ok(stored.every((s) => !`${s.selector_exact}${s.selector_prefix}${s.selector_suffix}`.includes('\r')));
  });

  it('refuses an annotation that says nothing (422 naming note), on create and on an edit that empties it', async () => {
    const before = await count();
    const empties: unknown[] = [
      { statementId: fixture.quoteId },
      { statementId: fixture.quoteId, note: '  \n ', tags: [], verdict: null, evidenceUrls: ['https://example.org/only-a-link'], visibility: 'shared' },
      { articleId: fixture.article.id, selector: passageOf('the minister said') },
    ];
    for (const body of empties) {
      const res = await api(author).post('/api/annotations', body).expect(422);
      assert.deepEqual(res.body.issues.map((i: { field: string }) => i.field), ['note']);
      assert.match(res.body.issues[0].message, /needs a note, a tag, a verdict or a rating/);
    }
    const form = await author.agent.post('/annotations').type('form').send({ _csrf: author.csrfToken, statementId: String(fixture.quoteId), note: '', tags: '', verdict: '', evidenceUrls: '', visibility: 'private' }).expect(422);
    assert.match(form.text, /needs a note, a tag, a verdict or a rating/);
    assert.equal(await count(), before, 'nothing stored');

    // Each of a note, a tag, a verdict, a claim rating is enough.
    for (const body of [{ note: 'n' }, { tags: ['t'] }, { verdict: 'accurate' }]) await api(author).post('/api/annotations', { statementId: fixture.quoteId, ...body }).expect(201);
    await api(author).post('/api/annotations', { statementId: fixture.claimId, claimRating: 'false' }).expect(201);

    const created = await api(author).post('/api/annotations', { statementId: fixture.quoteId, note: 'to be emptied', tags: ['x'] }).expect(201);
    const path = new URL(created.body.id).pathname;
    const id = Number(path.split('/').at(-1));
    const emptied = await api(author).patch(path, { version: 1, note: '', tags: [] }).expect(422);
    assert.deepEqual(emptied.body.issues.map((i: { field: string }) => i.field), ['note']);
    const formEdit = await author.agent.post(`/annotations/${id}`).type('form').send({ _csrf: author.csrfToken, version: '1', note: '', tags: '', verdict: '', evidenceUrls: '', visibility: 'private' }).expect(422);
    assert.match(formEdit.text, /needs a note, a tag, a verdict or a rating/);
    const row = await t.handle.db.selectFrom('annotations').select(['body', 'tags', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { body: 'to be emptied', tags: ['x'], version: 1 });
    await api(author).patch(path, { version: 1, note: '' }).expect(200); // a tag is left: still says something
  });
});

describe('the body gaps the selection script rebuilds the body with', () => {
  it('gives, with the pieces, the body exactly: blank lines between paragraphs, blanks before the first, code points', () => {
    const body = '\n\n🙂 "One," he said.\n \n\nTwo 𝒜 three.\nSame paragraph.\n\n\nLast.';
    const paragraphs = segmentBody(body, []);
    const gaps = bodyGaps(body, paragraphs);
    assert.deepEqual(Object.values(gaps), ['\n\n', '\n \n\n', '\n\n\n']);
    // What annotate.js does: pieces at their data-start, gaps at their offsets, joined in order.
    const parts: [number, string][] = [...Object.entries(gaps).map(([at, gap]) => [Number(at), gap] as [number, string]), ...paragraphs.flat().map((p) => [p.start, p.text] as [number, string])];
    assert.equal(parts.sort((a, b) => a[0] - b[0]).map((p) => p[1]).join(''), body);
    assert.equal(Array.from(body).slice(Number(Object.keys(gaps)[1]), Number(Object.keys(gaps)[1]) + 4).join(''), '\n \n\n', 'offsets in code points');
  });
});
