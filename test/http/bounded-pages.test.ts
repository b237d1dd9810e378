import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { sql } from 'kysely';
import { otherAttributionsQuery, refreshClusterStats } from '../../src/clusters/clusters.queries.ts';
import { storedArticle } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';

// Generated pages stay bounded by what matters, whatever the data: an article with
// thousands of statements all in one conflicting cluster, a cluster with thousands of
// members, a speaker with hundreds of printed roles and aliases.

const STATEMENTS = 2000;

interface PlanNode {
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}
const ROLES = 300;
// Fixed-width paragraphs, so every statement's offsets are arithmetic.
const paragraph = (i: number) => `"Quote number ${String(i).padStart(5, '0')} here," she said.`;
const QUOTE_LENGTH = 'Quote number 00000 here,'.length;
const STRIDE = paragraph(0).length + 2;

describe('pages over large data', () => {
  let t: TestApp;
  let articleId: number;
  let clusterId: number;
  let speakerA: number;
  before(async () => {
    t = await testApp();
    const text = Array.from({ length: STATEMENTS }, (_, i) => paragraph(i)).join('\n\n');
    articleId = (await storedArticle(t.handle.db, { text })).id;
    // Built in SQL: the ingest path would take minutes to cluster this many quotes.
    const q = (text: string, values: unknown[] = []) => t.handle.pool.query(text, values);
    const speakers = (await q(`insert into speakers (canonical_name, kind) values ('Ann Example', 'person'), ('Bob Other', 'person') returning id`)).rows;
    speakerA = speakers[0].id;
    clusterId = (await q('insert into quote_clusters default values returning id')).rows[0].id;
    await q(`
      insert into statements (article_id, kind, text, start_offset, end_offset, paragraph_index, quote_type, normalized_text, fingerprint, extractor_version, cluster_id)
      select $1, 'quote', substr(a.body_text, i * $2 + 2, $3), i * $2 + 1, i * $2 + 1 + $3, i, 'direct', 'quote here', md5(i::text), 'test-1', $4
      from articles a, generate_series(0, $5 - 1) as i where a.id = $1`, [articleId, STRIDE, QUOTE_LENGTH, clusterId, STATEMENTS]);
    await q(`
      insert into attributions (statement_id, version, speaker_id, role_text, confidence)
      select s.id, 1, case when s.paragraph_index % 2 = 0 then $2::int else $3::int end, 'Role ' || (s.paragraph_index % 40), 0.9
      from statements s where s.article_id = $1`, [articleId, speakerA, speakers[1].id]);
    await refreshClusterStats(t.handle.db, [clusterId]);
    await q(`insert into roles (speaker_id, title) select $1, 'Title number ' || i from generate_series(1, $2) as i`, [speakerA, ROLES]);
    await q(`insert into speaker_aliases (speaker_id, alias, normalized_alias) select $1, 'Alias ' || i, 'alias ' || i from generate_series(1, $2) as i`, [speakerA, ROLES]);
  });

  it(`shows an article with ${STATEMENTS} statements in one conflicting cluster, its database work linear`, async () => {
    const page = await request(t.app).get(`/articles/${articleId}`).set('Accept', 'text/html').expect(200);
    assert.equal(page.text.match(/Also attributed to <a href="\/speakers\/\d+">/g)?.length, STATEMENTS);
    // Rows each step of the plan produced (per loop, times loops): pairing every statement
    // with every other of its cluster made 4,000,000 (and 4 s); a bounded page needs ~N.
    const ids = (await t.handle.pool.query('select id from statements where article_id = $1', [articleId])).rows.map((r) => r.id);
    const plan = (await sql<{ 'QUERY PLAN': unknown }>`explain (analyze, format json) ${otherAttributionsQuery(ids)}`.execute(t.handle.db)).rows[0]!['QUERY PLAN'];
    const rowsOf = (node: PlanNode): number[] => [node['Actual Rows'] * node['Actual Loops'], ...(node.Plans ?? []).flatMap(rowsOf)];
    const root = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
    assert.ok(Math.max(...rowsOf(root[0]!.Plan)) <= 3 * STATEMENTS, `${Math.max(...rowsOf(root[0]!.Plan))} rows in one step`);
  });

  it('lists the first members of a cluster and its longest, counting every member and speaker', async () => {
    const { cluster } = (await request(t.app).get(`/api/clusters/${clusterId}`).expect(200)).body;
    assert.equal(cluster.memberCount, STATEMENTS);
    assert.ok(cluster.members.length <= 201, `${cluster.members.length} members listed`);
    assert.equal(cluster.members.filter((m: { isLongest: boolean }) => m.isLongest).length, 1);
    assert.equal(cluster.hiddenMemberCount, STATEMENTS - cluster.members.length);
    assert.deepEqual(cluster.speakers.map((s: { name: string; count: number }) => [s.name, s.count]), [['Ann Example', STATEMENTS / 2], ['Bob Other', STATEMENTS / 2]]);
    assert.ok(cluster.speakers[0].roles.length <= 10);
    const page = await request(t.app).get(`/clusters/${clusterId}`).set('Accept', 'text/html').expect(200);
    assert.match(page.text, /The first 200 are listed, with the longest version; 1\d\d\d more are not\./);
    const list = (await request(t.app).get('/api/clusters').expect(200)).body.clusters;
    assert.ok(list[0].members.length <= 11);
  });

  it('lists a bounded number of roles and aliases on a speaker page, saying how many', async () => {
    const { speaker } = (await request(t.app).get(`/api/speakers/${speakerA}`).expect(200)).body;
    assert.equal(speaker.roles.length, 100);
    assert.equal(speaker.roleCount, ROLES);
    assert.equal(speaker.aliases.length, 100);
    assert.equal(speaker.aliasCount, ROLES);
    const page = await request(t.app).get(`/speakers/${speakerA}`).set('Accept', 'text/html').expect(200);
    assert.match(page.text, /The 100 seen most recently; 200 more are not listed\./);
    assert.match(page.text, /and 200 more/);
  });
});
