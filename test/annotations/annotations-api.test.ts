import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../helpers/app.ts';
import { annotatedArticle, api, BODY, type Client, passageOf, users, webAnnotationShape } from './fixture.ts';

describe('annotations through the JSON API', () => {
  let t: TestApp;
  let fixture: Awaited<ReturnType<typeof annotatedArticle>>;
  let author: Client;
  const count = async () => Number((await t.handle.pool.query('select count(*) from annotations')).rows[0].count);

  before(async () => {
    t = await testApp();
    fixture = await annotatedArticle(t.handle.db);
    [author] = await users(t, 'annotator');
  });

  it('creates an annotation on a claim with a note, tags, verdict, rating and evidence, as W3C JSON-LD', async () => {
    const res = await api(author).post('/api/annotations', {
      statementId: fixture.claimId,
      note: 'The **ministry** later confirmed talks: see <https://example.org/a>.',
      tags: ['  Ransom ', 'ransom', 'Talks  Denied'],
      verdict: 'accurate',
      claimRating: 'mostly_false',
      ratingExplanation: 'Talks happened, per two sources.',
      evidenceUrls: ['https://example.org/a', 'http://example.com/b?x=1'],
      visibility: 'shared',
    }).expect(201);
    const a = webAnnotationShape.parse(res.body);
    assert.match(res.headers['content-type']!, /^application\/ld\+json/);
    assert.equal(res.headers.location, a.id.replace(/^https?:\/\/[^/]+/, ''));
    assert.equal(a.motivation, 'assessing');
    assert.equal(a.creator.nickname, author.username);
    assert.deepEqual(a.body.filter((b) => 'purpose' in b && b.purpose === 'tagging').map((b) => (b as { value: string }).value), ['ransom', 'talks denied'], 'tags trimmed, lowercased, deduplicated');
    assert.deepEqual(a.body[0], { type: 'TextualBody', value: 'The **ministry** later confirmed talks: see <https://example.org/a>.', format: 'text/markdown', purpose: 'commenting' });
    assert.ok(a.body.some((b) => 'value' in b && b.value === 'claim rating: mostly false' && b.purpose === 'assessing'), 'claim rating body');
    assert.ok(a.body.some((b) => 'value' in b && b.value === 'attribution verdict: accurate'), 'verdict body');
    assert.deepEqual(a.body.filter((b) => b.purpose === 'linking').map((b) => (b as { id: string }).id), ['https://example.org/a', 'http://example.com/b?x=1']);
    // The target is the article page, with the claim's own span (code points: the emoji is one).
    const words = 'denied that talks had taken place';
    const start = Array.from(BODY.slice(0, BODY.indexOf(words))).length;
    assert.equal(a.target.source.replace(/^https?:\/\/[^/]+/, ''), `/articles/${fixture.article.id}`);
    assert.deepEqual(a.target.selector[1], { type: 'TextPositionSelector', start, end: start + words.length });
    assert.equal(a.target.selector[0].exact, words);
    assert.equal(a.target.selector[0].prefix, Array.from(BODY).slice(start - 32, start).join(''));
    assert.equal(a.target.selector[0].suffix, Array.from(BODY).slice(start + words.length, start + words.length + 32).join(''));
    assert.equal(a.verbatim.version, 1);

    const again = await api(author).get(res.headers.location!).expect(200);
    const sameHost = (body: unknown) => JSON.parse(JSON.stringify(body).replace(/127\.0\.0\.1:\d+/g, 'host'));
    assert.deepEqual(sameHost(again.body), sameHost(res.body));
    const id = Number(a.id.split('/').at(-1));
    const versions = await t.handle.db.selectFrom('annotation_versions').selectAll().where('annotation_id', '=', id).execute();
    assert.deepEqual(versions.map((v) => v.version), [1]);
    const audit = await t.handle.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'annotation').where('entity_id', '=', id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'create');
    assert.equal(audit[0]!.before, null);
    assert.equal((audit[0]!.after as { note: string }).note, a.body[0] && 'value' in a.body[0] ? a.body[0].value : '');
  });

  it('creates an annotation on a passage from both selectors, and fills in a missing prefix and suffix', async () => {
    const passage = passageOf('Analysts said the denial was not credible');
    const res = await api(author).post('/api/annotations', { articleId: fixture.article.id, selector: passage, note: 'Which analysts?' }).expect(201);
    const a = webAnnotationShape.parse(res.body);
    assert.deepEqual(a.target.selector, [
      { type: 'TextQuoteSelector', exact: passage.exact, prefix: passage.prefix, suffix: passage.suffix },
      { type: 'TextPositionSelector', start: passage.start, end: passage.end },
    ]);
    assert.equal(a.motivation, 'commenting');
    const bare = passageOf('We will never pay');
    const res2 = await api(author).post('/api/annotations', { articleId: fixture.article.id, selector: { exact: bare.exact, start: bare.start, end: bare.end }, tags: ['x'] }).expect(201);
    assert.deepEqual(webAnnotationShape.parse(res2.body).target.selector[0], { type: 'TextQuoteSelector', exact: bare.exact, prefix: '🙂 "', suffix: bare.suffix });
    assert.equal(res2.body.motivation, 'tagging');
    assert.equal(res2.body.verbatim.visibility, 'private', 'private unless shared');
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await count();
    const passage = passageOf('the minister said');
    const cases: [unknown, number, string][] = [
      [{ statementId: fixture.quoteId, note: 'x', color: 'red' }, 400, 'color'],
      [{ statementId: fixture.quoteId, note: 'x'.repeat(20_001) }, 422, 'note'],
      [{ statementId: fixture.quoteId, note: '🙂'.repeat(20_001) }, 422, 'note'],
      [{ articleId: fixture.article.id, selector: { ...passage, exact: 'the minister sang' } }, 422, 'selector.exact'],
      [{ articleId: fixture.article.id, selector: { ...passage, prefix: 'not before it' } }, 422, 'selector.prefix'],
      [{ articleId: fixture.article.id, selector: { ...passage, suffix: 'x'.repeat(33) } }, 422, 'selector.suffix'],
      [{ articleId: fixture.article.id, selector: { ...passage, start: 10_000, end: 10_017 } }, 422, 'selector.end'],
      [{ articleId: fixture.article.id, selector: { ...passage, end: passage.start } }, 422, 'selector.end'],
      [{ articleId: fixture.article.id, selector: { ...passage, color: 1 } }, 400, 'selector.color'],
      [{ articleId: fixture.article.id }, 422, 'selector'],
      [{ statementId: fixture.quoteId, selector: passage }, 422, 'selector'],
      [{ note: 'on nothing' }, 422, 'statementId'],
      [{ statementId: fixture.quoteId, tags: ['ok', 'bad\u0000tag'] }, 422, 'tags'],
      [{ statementId: fixture.quoteId, tags: ['bell\u0007'] }, 422, 'tags'],
      [{ statementId: fixture.quoteId, tags: ['a, b'] }, 422, 'tags'],
      [{ statementId: fixture.quoteId, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 422, 'tags'],
      [{ statementId: fixture.quoteId, evidenceUrls: ['javascript:alert(1)'] }, 422, 'evidenceUrls'],
      [{ statementId: fixture.quoteId, evidenceUrls: ['ftp://example.org/x'] }, 422, 'evidenceUrls'],
      [{ statementId: fixture.quoteId, evidenceUrls: ['example.org'] }, 422, 'evidenceUrls'],
      [{ statementId: fixture.quoteId, verdict: 'wrong' }, 422, 'verdict'],
      [{ statementId: fixture.quoteId, visibility: 'public' }, 422, 'visibility'],
      [{ statementId: fixture.quoteId, claimRating: 'false' }, 422, 'claimRating'],
      [{ statementId: fixture.claimId, ratingExplanation: 'no rating given' }, 422, 'ratingExplanation'],
      [{ statementId: 999_999 }, 422, 'statementId'],
      [{ statementId: 2_147_483_648 }, 422, 'statementId'],
      [{ articleId: 999_999, selector: passage }, 422, 'articleId'],
      [[1, 2], 400, 'body'],
    ];
    for (const [body, status, field] of cases) {
      const res = await api(author).post('/api/annotations', body);
      assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 120)}: ${JSON.stringify(res.body)}`);
      assert.ok(res.body.issues.some((i: { field: string }) => i.field === field), `${field} named in ${JSON.stringify(res.body.issues)}`);
    }
    await author.agent.post('/api/annotations').set('x-csrf-token', author.csrfToken).set('Content-Type', 'text/plain').send('note=x').expect(415);
    assert.equal(await count(), before);
  });

  it('edits on the current version only: each edit is a version, a stale one answers 409 with both', async () => {
    const created = await api(author).post('/api/annotations', { statementId: fixture.quoteId, note: 'first', tags: ['a'], visibility: 'shared' }).expect(201);
    const path = new URL(created.body.id).pathname;
    const edited = await api(author).patch(path, { version: 1, note: 'second', verdict: 'misquoted' }).expect(200);
    assert.equal(webAnnotationShape.parse(edited.body).verbatim.version, 2);
    assert.deepEqual([edited.body.verbatim.note, edited.body.verbatim.tags, edited.body.verbatim.verdict], ['second', ['a'], 'misquoted'], 'fields not sent stay');

    const stale = await api(author).patch(path, { version: 1, note: 'from an old tab' }).expect(409);
    assert.equal(stale.body.status, 409);
    assert.equal(stale.body.current.note, 'second');
    assert.equal(stale.body.current.version, 2);
    assert.equal(stale.body.submitted.note, 'from an old tab');
    assert.equal((await api(author).get(path).expect(200)).body.verbatim.note, 'second', 'nothing overwritten');

    await api(author).patch(path, { note: 'no version' }).expect(422);
    await api(author).patch(path, { version: 2, statementId: 5 }).expect(400);
    await api(author).patch(path, { version: 2, claimRating: 'true' }).expect(422);
    await api(author).patch(path, { version: 2, verdict: null, tags: [] }).expect(200);
    const id = Number(path.split('/').at(-1));
    const versions = await api(author).get(`${path}/versions`).expect(200);
    assert.deepEqual(versions.body.versions.map((v: { version: number; snapshot: { note: string } }) => [v.version, v.snapshot.note]), [[1, 'first'], [2, 'second'], [3, 'second']]);
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'annotation').where('entity_id', '=', id).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['create', 'update', 'update']);
    assert.equal((audit[1]!.before as { note: string }).note, 'first');
    assert.equal((audit[1]!.after as { note: string }).note, 'second');

    await api(author).delete(path, { version: 2 }).expect(409);
    await api(author).delete(path, { version: 3 }).expect(200);
    await api(author).get(path).expect(404);
    const deleted = await t.handle.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', id).where('action', '=', 'delete').executeTakeFirstOrThrow();
    assert.equal((deleted.before as { version: number }).version, 3);
    assert.equal(deleted.after, null);
    assert.equal((await t.handle.pool.query('select count(*) from annotation_versions where annotation_id = $1', [id])).rows[0].count, '0');
  });

  it('stores SQL metacharacters and markup verbatim in the JSON', async () => {
    const note = `Robert'); DROP TABLE annotations;-- <script>alert(1)</script> $1 \\ %_`;
    const res = await api(author).post('/api/annotations', { statementId: fixture.quoteId, note, tags: ["o'brien", '<b>bold</b>'] }).expect(201);
    assert.equal(res.body.verbatim.note, note);
    assert.deepEqual(res.body.verbatim.tags, ["o'brien", '<b>bold</b>']);
    const found = await api(author).get(`/api/annotations?q=${encodeURIComponent("o'brien")}`).expect(200);
    const path = (url: string) => new URL(url).pathname;
    assert.ok(found.body.items.some((i: { id: string }) => path(i.id) === path(res.body.id)), 'found by a word with a quote mark');
  });

  it('needs CSRF for a cookie session, and a login with the annotator role to write', async () => {
    await author.agent.post('/api/annotations').send({ statementId: fixture.quoteId }).expect(403);
    await author.agent.post('/api/annotations').set('x-csrf-token', 'wrong').send({ statementId: fixture.quoteId }).expect(403);
    const { default: request } = await import('supertest');
    await request(t.app).get('/api/annotations').expect(200);
    await request(t.app).post('/api/annotations').send({ statementId: fixture.quoteId }).expect(401);
    const [reader] = await users(t, 'reader');
    await api(reader!).post('/api/annotations', { statementId: fixture.quoteId }).expect(403);
  });
});
