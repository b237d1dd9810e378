import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

const QUOTE = 'The harbour bridge will reopen before the winter storms arrive';

describe('deleting an article', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  const q = (sql: string, params: unknown[] = []) => t.handle.pool.query(sql, params).then((r) => r.rows);
  const addArticle = async (title: string, text: string) =>
    (await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send({ title, outlet: 'Deletion Daily', published: '2024-06-01', text }).expect(201)).body.id as number;
  const searchHits = async (word: string) => (await request(t.app).get('/api/search').query({ q: word }).expect(200)).body.hits as { articleId: number }[];
  const quoteOf = async (articleId: number) => (await q("select id, cluster_id from statements where article_id = $1 and kind = 'quote'", [articleId]))[0];

  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
  });

  it('shows a confirmation page with the title and what goes with it, to editors only; the article page links to it', async () => {
    const id = await addArticle('Bridge <b>news</b>', `"${QUOTE}," Harbour Master Jane Keel said.`);
    const page = await editor.agent.get(`/articles/${id}/delete`).expect(200);
    assert.match(page.text, /Delete “Bridge &lt;b&gt;news&lt;\/b&gt;”\?/);
    assert.match(page.text, /its 1 statement /);
    assert.match(page.text, /0 annotations/);
    assert.match(page.text, new RegExp(`action="/articles/${id}/delete"`));
    assert.match((await editor.agent.get(`/articles/${id}`).expect(200)).text, new RegExp(`href="/articles/${id}/delete"`));
    for (const role of ['reader', 'annotator'] as const) {
      const u = await loggedIn(t, role);
      await u.agent.get(`/articles/${id}/delete`).expect(403);
      await u.agent.post(`/articles/${id}/delete`).type('form').send({ _csrf: u.csrfToken }).expect(403);
      await u.agent.delete(`/api/articles/${id}`).set('x-csrf-token', u.csrfToken).expect(403);
      assert.doesNotMatch((await u.agent.get(`/articles/${id}`).expect(200)).text, /\/delete"/);
    }
    await request(t.app).delete(`/api/articles/${id}`).expect(401);
    await editor.agent.delete(`/api/articles/${id}`).expect(403); // no CSRF token
    await editor.agent.delete(`/api/articles/${id}`).set('x-csrf-token', editor.csrfToken).query({ confirm: 'yes' }).expect(400);
    await request(t.app).get(`/api/articles/${id}`).expect(200);
  });

  it('deletes statements, search rows and cluster memberships; keeps annotations in the audit before-image; speakers stay', async () => {
    const first = await addArticle('Bridge one', `"${QUOTE}," Harbour Master Jane Keel said. Officials said the ferry gangplank was repainted.`);
    const second = await addArticle('Bridge two', `"${QUOTE}," Harbour Master Jane Keel told reporters.`);
    const [a, b] = [await quoteOf(first), await quoteOf(second)];
    assert.ok(a.cluster_id && a.cluster_id === b.cluster_id, 'the two quotes share a cluster');
    const [{ member_count: membersBefore }] = await q('select member_count from quote_clusters where id = $1', [a.cluster_id]);
    assert.ok((await searchHits('gangplank')).some((x) => x.articleId === first), 'found before');
    const [author] = await q('select id from users order by id limit 1');
    const [passage] = await q(
      `insert into annotations (user_id, article_id, selector_exact, position_start, position_end, body, tags, visibility)
       values ($1, $2, 'harbour bridge', 5, 19, 'Check the <b>date</b>', '{bridge}', 'shared') returning id`, [author.id, first]);
    const [onStatement] = await q(
      "insert into annotations (user_id, statement_id, body, verdict) values ($1, $2, 'Said at the press conference', 'accurate') returning id", [author.id, a.id]);
    await q("insert into annotation_versions (annotation_id, version, edited_by, snapshot) values ($1, 1, $2, '{\"body\": \"v1\"}')", [passage.id, author.id]);
    const speaker = (await q('select speaker_id from attributions where statement_id = $1', [a.id]))[0].speaker_id;

    const summary = await editor.agent.get(`/articles/${first}/delete`).expect(200);
    assert.match(summary.text, /2 annotations/);
    const res = await editor.agent.delete(`/api/articles/${first}`).set('x-csrf-token', editor.csrfToken).expect(200);
    assert.deepEqual({ ...res.body.deleted, publishedAt: undefined }, { id: first, title: 'Bridge one', outletName: 'Deletion Daily', publishedAt: undefined, statementCount: 2, annotationCount: 2 });

    await request(t.app).get(`/api/articles/${first}`).expect(404);
    assert.equal((await q('select count(*)::int as n from statements where article_id = $1', [first]))[0].n, 0);
    assert.equal((await q('select count(*)::int as n from statement_search where article_id = $1', [first]))[0].n, 0);
    assert.equal((await q('select count(*)::int as n from annotations where id = any($1)', [[passage.id, onStatement.id]]))[0].n, 0);
    assert.deepEqual(await searchHits('gangplank'), [], 'its statements are gone from search');
    const [cluster] = await q('select member_count, first_statement_id from quote_clusters where id = $1', [a.cluster_id]);
    assert.equal(cluster.member_count, membersBefore - 1);
    assert.ok(cluster.first_statement_id !== null && cluster.first_statement_id !== a.id, 'the first appearance is recomputed');
    await request(t.app).get(`/api/speakers/${speaker}`).expect(200);

    const [audit] = await q("select user_id, before, after from audit_log where entity_type = 'article' and action = 'delete' and entity_id = $1", [first]);
    assert.equal(audit.after, null);
    assert.equal(audit.before.article.title, 'Bridge one');
    assert.match(audit.before.article.bodyText, /gangplank/);
    assert.equal(audit.before.statementCount, 2);
    const kept = audit.before.annotations.map((n: { id: number; body: string }) => [n.id, n.body]);
    assert.deepEqual(kept, [[passage.id, 'Check the <b>date</b>'], [onStatement.id, 'Said at the press conference']]);
    assert.equal(audit.before.annotations[0].selectorExact, 'harbour bridge');
    assert.equal(audit.before.annotationVersions[0].snapshot.body, 'v1');
  });

  it('deletes from the page form (303 home with a flash), and a cluster left empty goes', async () => {
    const lighthouse = '"Every lighthouse keeper must log the weather twice a day," Harbour Master Jane Keel said.';
    const only = await addArticle('Lonely quote', lighthouse);
    const twin = await addArticle('Lonely quote again', `${lighthouse} She did not elaborate.`);
    const { cluster_id: clusterId } = await quoteOf(only);
    assert.ok(clusterId !== null && clusterId === (await quoteOf(twin)).cluster_id);
    const res = await editor.agent.post(`/articles/${only}/delete`).type('form').send({ _csrf: editor.csrfToken }).expect(303);
    assert.equal(res.headers.location, '/');
    assert.match((await editor.agent.get('/').expect(200)).text, /Deleted “Lonely quote” with 1 statement and 0 annotations/);
    assert.equal((await q('select member_count from quote_clusters where id = $1', [clusterId]))[0].member_count, 1);
    await editor.agent.delete(`/api/articles/${twin}`).set('x-csrf-token', editor.csrfToken).expect(200);
    assert.equal((await q('select count(*)::int as n from quote_clusters where id = $1', [clusterId]))[0].n, 0, 'the emptied cluster is gone');
    await editor.agent.post(`/articles/${only}/delete`).type('form').send({ _csrf: editor.csrfToken }).expect(404);
  });
});
