import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { refreshClusterStats } from '../../src/clusters/clusters.queries.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

const seedText = fs.readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8');

describe('quote clusters', () => {
  let t: TestApp;
  let seedId: number;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  const post = (body: object) => editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(body);
  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
    const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send({ title: 'China slams allegations', outlet: '24 News HD', published: '2021-07-20', text: seedText }).expect(201);
    seedId = res.body.id;
  });

  it('flags the seed article\'s "ecosystem" line as credited to the Biden administration and to Antony Blinken', async () => {
    const res = await request(t.app).get('/api/clusters?conflicting=true').expect(200);
    const ecosystem = res.body.clusters.find((c: { longestText: string }) => /ecosystem of criminal contract hackers/.test(c.longestText));
    assert.ok(ecosystem, 'the ecosystem cluster is listed as conflicting');
    const names = ecosystem.speakers.map((s: { name: string }) => s.name);
    assert.ok(names.includes('Antony Blinken'), names.join(', '));
    assert.ok(names.some((n: string) => /Biden.*administration/i.test(n)), names.join(', '));
    assert.equal(ecosystem.conflictKind, 'person_and_organization');
    assert.match(ecosystem.longestText, /^has fostered an ecosystem/);
  });

  it('shows the cluster page in date order with the first appearance and the longest version', async () => {
    const list = await request(t.app).get('/api/clusters?conflicting=true').expect(200);
    const id = list.body.clusters.find((c: { longestText: string }) => /ecosystem/.test(c.longestText)).id;
    const page = await request(t.app).get(`/clusters/${id}`).expect(200);
    assert.match(page.text, /Conflicting attributions/);
    assert.match(page.text, /first appearance/);
    assert.match(page.text, /longest version/);
    assert.match(page.text, new RegExp(`href="/articles/${seedId}#s-\\d+"`));
  });

  it('marks the statement on the article page as also attributed to the other speaker', async () => {
    const page = await request(t.app).get(`/articles/${seedId}`).expect(200);
    assert.match(page.text, /Also attributed to <a href="\/speakers\/\d+">Antony Blinken<\/a>/);
  });

  it('groups the same quote across articles despite case, punctuation and quote marks, and near-verbatim variants', async () => {
    const quote = 'We will defend every inch of allied territory, whatever it takes';
    const texts = [
      `“${quote},” the secretary general said on Monday.`,
      `"${quote.toUpperCase()}!" the secretary general said.`,
      `"We will defend every inch of allied territory whatever it may take," the secretary general told reporters.`,
      '"Our markets are calm and the economy is strong today," the minister said.',
    ];
    const ids = [];
    for (const [i, text] of texts.entries()) {
      ids.push((await post({ title: `NATO ${i}`, outlet: `Outlet ${i}`, published: `2022-03-0${i + 1}`, text }).expect(201)).body.id);
    }
    const rows = (await t.handle.pool.query('select article_id, cluster_id from statements where article_id = any($1) and kind = $2 order by article_id', [ids, 'quote'])).rows;
    const clusterOf = new Map(rows.map((r) => [r.article_id, r.cluster_id]));
    assert.ok(clusterOf.get(ids[0]) !== null);
    assert.equal(clusterOf.get(ids[1]), clusterOf.get(ids[0]));
    assert.equal(clusterOf.get(ids[2]), clusterOf.get(ids[0]), 'the reworded variant joins');
    assert.equal(clusterOf.get(ids[3]), null, 'an unrelated quote stays alone');
    const cluster = await request(t.app).get(`/api/clusters/${clusterOf.get(ids[0])}`).expect(200);
    assert.equal(cluster.body.cluster.memberCount, 3);
    assert.equal(cluster.body.cluster.conflicting, false);
    assert.equal(cluster.body.cluster.members[0].articleId, ids[0], 'first appearance first');
  });

  it('keeps each cluster\'s counts, first and longest member as a full recount gives them while stores add members', async () => {
    const quote = 'We will not be intimidated by threats against our allies';
    const stats = async (clusterId: number) =>
      (await t.handle.pool.query('select member_count, speaker_count, conflicting, first_statement_id, longest_statement_id from quote_clusters where id = $1', [clusterId])).rows[0];
    const quoteOf = async (articleId: number) =>
      (await t.handle.pool.query<{ id: number; cluster_id: number | null }>("select id, cluster_id from statements where article_id = $1 and kind = 'quote'", [articleId])).rows[0]!;
    // Each store's stats, then the same clusters recounted whole: equal.
    const storeAndCompare = async (body: object) => {
      const id = (await post(body).expect(201)).body.id;
      const { cluster_id: clusterId } = await quoteOf(id);
      assert.ok(clusterId !== null, JSON.stringify(body));
      const stored = await stats(clusterId);
      await refreshClusterStats(t.handle.writeDb, [clusterId]);
      assert.deepEqual(stored, await stats(clusterId), JSON.stringify(body));
      return { id, clusterId, stored };
    };
    const first = (await post({ title: 'Allies 1', outlet: 'Outlet A', published: '2022-05-10', text: `"${quote}," Jens Stoltenberg said in Brussels.` }).expect(201)).body.id;
    const a = await quoteOf(first);
    assert.equal(a.cluster_id, null, 'one quote alone makes no cluster');
    // A copy makes a cluster with the stored quote.
    const b = await storeAndCompare({ title: 'Allies 2', outlet: 'Outlet B', published: '2022-05-12', text: `"${quote}," Jens Stoltenberg said in Vilnius.` });
    assert.deepEqual([b.stored.member_count, b.stored.speaker_count, b.stored.conflicting, b.stored.first_statement_id], [2, 1, false, a.id]);
    // An earlier article becomes the first appearance; another speaker makes it conflicting.
    const c = await storeAndCompare({ title: 'Allies 3', outlet: 'Outlet C', published: '2022-05-08', text: `"${quote}," Boris Johnson said in London.` });
    assert.equal(c.clusterId, b.clusterId);
    assert.deepEqual([c.stored.member_count, c.stored.speaker_count, c.stored.conflicting, c.stored.first_statement_id], [3, 2, true, (await quoteOf(c.id)).id]);
    // An undated, longer version is the longest and not the first.
    const d = await storeAndCompare({ title: 'Allies 4', outlet: 'Outlet D', text: `"${quote} today," Jens Stoltenberg said in Oslo.` });
    assert.equal(d.clusterId, b.clusterId);
    assert.equal(d.stored.longest_statement_id, (await quoteOf(d.id)).id);
    assert.equal(d.stored.first_statement_id, (await quoteOf(c.id)).id);
    // A rejected attribution credits nobody: the same speaker again counts as new.
    await t.handle.pool.query("update attributions set status = 'rejected' where statement_id = $1 and is_current", [(await quoteOf(c.id)).id]);
    await refreshClusterStats(t.handle.writeDb, [b.clusterId]);
    assert.equal((await stats(b.clusterId)).speaker_count, 1);
    const e = await storeAndCompare({ title: 'Allies 5', outlet: 'Outlet E', published: '2022-05-20', text: `"${quote}," Boris Johnson said in Madrid.` });
    assert.deepEqual([e.stored.member_count, e.stored.speaker_count, e.stored.conflicting], [5, 2, true]);
  });

  it('refuses bad list parameters with 400', async () => {
    const res = await request(t.app).get('/api/clusters?conflicting=maybe&sort=x').expect(400);
    assert.deepEqual(res.body.issues.map((i: { field: string }) => i.field).sort(), ['conflicting', 'sort']);
    await request(t.app).get('/api/clusters/99999').expect(404);
  });
});
