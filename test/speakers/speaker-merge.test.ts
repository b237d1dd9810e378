import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

const QUOTE = 'We will defend every inch of allied territory, whatever it takes';

describe('merging speakers', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  const api = (method: 'post' | 'patch' | 'delete', path: string, body?: object) =>
    editor.agent[method](path).set('x-csrf-token', editor.csrfToken).send(body);
  const addArticle = async (title: string, text: string) =>
    (await api('post', '/api/articles', { title, outlet: 'Merge Tests', published: '2024-05-01', text }).expect(201)).body.id as number;
  const speakerOf = async (articleId: number) => {
    const res = await request(t.app).get(`/api/articles/${articleId}`).expect(200);
    const quote = res.body.article.statements.find((s: { kind: string }) => s.kind === 'quote');
    return quote.speaker as { id: number; name: string };
  };
  const profile = async (id: number) => (await request(t.app).get(`/api/speakers/${id}`).expect(200)).body.speaker;
  const q = (sql: string, params: unknown[] = []) => t.handle.pool.query(sql, params).then((r) => r.rows);
  const snapshot = async (ids: number[]) => ({
    aliases: await q('select id, speaker_id from speaker_aliases where speaker_id = any($1) order by id', [ids]),
    roles: await q('select id, speaker_id from roles where speaker_id = any($1) order by id', [ids]),
    attributions: await q('select id, speaker_id from attributions where speaker_id = any($1) order by id', [ids]),
  });

  let articleA: number;
  let articleB: number;
  let ann: { id: number; name: string };
  let annie: { id: number; name: string };
  let clusterId: number;

  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
    articleA = await addArticle('Ann speaks', `"${QUOTE}," Ann Example, the foreign minister, said on Monday.`);
    articleB = await addArticle('Annie speaks', `"${QUOTE}," Annie Sample, the foreign minister, said on Tuesday.`);
    ann = await speakerOf(articleA);
    annie = await speakerOf(articleB);
    assert.equal(ann.name, 'Ann Example');
    assert.equal(annie.name, 'Annie Sample');
    const [row] = await q("select cluster_id from statements where article_id = $1 and kind = 'quote'", [articleA]);
    clusterId = row.cluster_id;
    assert.ok(clusterId, 'the quote is clustered');
  });

  it('starts with a conflicting cluster: the same words credited to two speakers', async () => {
    const cluster = (await request(t.app).get(`/api/clusters/${clusterId}`).expect(200)).body.cluster;
    assert.equal(cluster.conflicting, true);
  });

  it('refuses readers and annotators (403) and anonymous callers (401)', async () => {
    const body = { otherSpeakerId: annie.id, version: 1, otherVersion: 1 };
    for (const role of ['reader', 'annotator'] as const) {
      const u = await loggedIn(t, role);
      await u.agent.post(`/api/speakers/${ann.id}/merge`).set('x-csrf-token', u.csrfToken).send(body).expect(403);
      await u.agent.post(`/speakers/${ann.id}/merge`).type('form').send({ _csrf: u.csrfToken, ...body }).expect(403);
    }
    await request(t.app).post(`/api/speakers/${ann.id}/merge`).send(body).expect(401);
    await editor.agent.post(`/api/speakers/${ann.id}/merge`).send(body).expect(403); // no CSRF token
    assert.equal((await profile(annie.id)).mergedInto, null, 'nothing was merged');
  });

  it('refuses bad input: unknown fields, itself, no such speaker, stale versions', async () => {
    const bad = await api('post', `/api/speakers/${ann.id}/merge`, { otherSpeakerId: annie.id, version: 1, otherVersion: 1, force: true }).expect(400);
    assert.deepEqual(bad.body.issues.map((i: { field: string }) => i.field), ['force']);
    const self = await api('post', `/api/speakers/${ann.id}/merge`, { otherSpeakerId: ann.id, version: 1, otherVersion: 1 }).expect(422);
    assert.equal(self.body.issues[0].field, 'otherSpeakerId');
    await api('post', `/api/speakers/${ann.id}/merge`, { otherSpeakerId: 999999, version: 1, otherVersion: 1 }).expect(422);
    const stale = await api('post', `/api/speakers/${ann.id}/merge`, { otherSpeakerId: annie.id, version: 1, otherVersion: 7 }).expect(409);
    assert.equal(stale.body.current.id, annie.id);
    assert.equal(stale.body.submitted.version, 7);
  });

  let mergeId: number;
  let beforeMerge: Awaited<ReturnType<typeof snapshot>>;

  it('moves aliases, roles and every attribution row; search, the old page and conflicts follow', async () => {
    beforeMerge = await snapshot([ann.id, annie.id]);
    const annieAttributions = beforeMerge.attributions.filter((a) => a.speaker_id === annie.id).map((a) => a.id);
    const annieAliases = beforeMerge.aliases.filter((a) => a.speaker_id === annie.id).map((a) => a.id);
    assert.ok(annieAttributions.length > 0 && annieAliases.length > 0);
    const res = await api('post', `/api/speakers/${ann.id}/merge`, { otherSpeakerId: annie.id, version: 1, otherVersion: 1 }).expect(201);
    mergeId = res.body.merge.id;
    assert.deepEqual(res.body.merge.movedAttributionIds, annieAttributions);
    // "foreign minister" is a role of both: Ann's is kept, Annie's stays behind (recorded).
    assert.equal(res.body.merge.leftRoleIds.length, 1);
    const after = await snapshot([ann.id, annie.id]);
    assert.ok(after.attributions.every((a) => a.speaker_id === ann.id));
    assert.deepEqual(after.aliases.filter((a) => a.speaker_id === annie.id).map((a) => a.id), res.body.merge.leftAliasIds);

    // Every copy listed: Annie's statement is among Ann's.
    const search = await request(t.app).get('/api/search').query({ speaker: 'Ann Example', copies: 'all' }).expect(200);
    assert.ok(search.body.hits.some((h: { articleId: number }) => h.articleId === articleB), 'Annie\'s statement is found under Ann');
    // By default the two, one cluster and now one speaker, are one syndicated statement: listed once, with its copy.
    const grouped = await request(t.app).get('/api/search').query({ speaker: 'Ann Example' }).expect(200);
    const inCluster = grouped.body.hits.filter((h: { clusterId?: number; copies: { count: number } | null }) => h.copies !== null);
    assert.ok(inCluster.length >= 1 && inCluster.every((h: { copies: { count: number } }) => h.copies.count >= 1), JSON.stringify(grouped.body.hits));
    assert.equal(grouped.body.total.count, search.body.total.count - 1, 'the copy is counted once');
    const byOldName = await request(t.app).get('/api/search').query({ speaker: 'Annie Sample' }).expect(200);
    assert.ok(byOldName.body.hits.every((h: { speaker: { id: number } }) => h.speaker.id === ann.id));
    const page = await request(t.app).get(`/speakers/${annie.id}`).expect(302);
    assert.equal(page.headers.location, `/speakers/${ann.id}`);
    const cluster = (await request(t.app).get(`/api/clusters/${clusterId}`).expect(200)).body.cluster;
    assert.equal(cluster.conflicting, false, 'one speaker now: no conflict');
    const history = await request(t.app).get(`/api/statements/${(await q("select id from statements where article_id = $1 and kind = 'quote'", [articleB]))[0].id}`).expect(200);
    assert.ok(history.body.attributions.every((a: { speaker: { id: number; name: string } }) => a.speaker.id === ann.id && a.speaker.name === 'Ann Example'), 'history reads the kept name');
    const audit = await q("select before, after from audit_log where action = 'merge' and entity_type = 'speaker' and entity_id = $1", [ann.id]);
    assert.equal(audit.length, 1);
    assert.equal(audit[0].after.merged.mergedInto, ann.id);
  });

  it('leaves merged speakers out of lists and autocomplete', async () => {
    const list = await request(t.app).get('/api/speakers').query({ q: 'Sample' }).expect(200);
    assert.ok(list.body.speakers.every((s: { id: number }) => s.id !== annie.id));
    const all = await request(t.app).get('/api/speakers').query({ limit: 200 }).expect(200);
    assert.ok(all.body.speakers.every((s: { id: number }) => s.id !== annie.id));
    const suggest = await request(t.app).get('/api/speakers/autocomplete').query({ q: 'Annie' }).expect(200);
    assert.ok(suggest.body.speakers.every((s: { id: number }) => s.id !== annie.id));
    assert.ok(suggest.body.speakers.some((s: { id: number }) => s.id === ann.id), 'the merged name now suggests the kept speaker');
  });

  it('attaches a new article naming the merged speaker to the kept one', async () => {
    const id = await addArticle('Annie again', '"Our markets are calm and the economy is strong today," Annie Sample said.');
    assert.equal((await speakerOf(id)).id, ann.id);
  });

  it('refuses to edit or merge again a merged speaker (409)', async () => {
    const merged = await profile(annie.id);
    await api('patch', `/api/speakers/${annie.id}`, { version: merged.version, name: 'Someone Else' }).expect(409);
    const kept = await profile(ann.id);
    await api('post', `/api/speakers/${ann.id}/merge`, { otherSpeakerId: annie.id, version: kept.version, otherVersion: merged.version }).expect(409);
  });

  it('undoes exactly: the recorded aliases, roles and attributions go back; the added alias goes; twice is 409', async () => {
    const kept = await profile(ann.id);
    const page = await request(t.app).get(`/speakers/${ann.id}`).expect(200);
    assert.doesNotMatch(page.text, /Undo this merge/, 'anonymous readers see no undo button');
    const editorPage = await editor.agent.get(`/speakers/${ann.id}`).expect(200);
    assert.match(editorPage.text, new RegExp(`action="/speaker-merges/${mergeId}/undo"`));
    await editor.agent.post(`/speaker-merges/${mergeId}/undo`).type('form').send({ _csrf: editor.csrfToken }).expect(303);
    const after = await snapshot([ann.id, annie.id]);
    // The new article's statement (after the merge) stays with Ann; everything else is as before.
    const newer = after.attributions.filter((a) => !beforeMerge.attributions.some((b) => b.id === a.id));
    assert.ok(newer.every((a) => a.speaker_id === ann.id));
    assert.deepEqual(after.attributions.filter((a) => !newer.includes(a)), beforeMerge.attributions);
    assert.deepEqual(after.aliases.filter((a) => beforeMerge.aliases.some((b) => b.id === a.id)), beforeMerge.aliases);
    assert.deepEqual(after.roles, beforeMerge.roles);
    assert.ok((await profile(ann.id)).version > kept.version);
    assert.equal((await profile(annie.id)).mergedInto, null);
    const cluster = (await request(t.app).get(`/api/clusters/${clusterId}`).expect(200)).body.cluster;
    assert.equal(cluster.conflicting, true, 'the conflict is back');
    await api('post', `/api/speaker-merges/${mergeId}/undo`, {}).expect(409);
    const [merge] = await q('select undone_by, undone_at from speaker_merges where id = $1', [mergeId]);
    assert.ok(merge.undone_at && merge.undone_by);
    await request(t.app).get(`/speakers/${annie.id}`).expect(200);
  });

  it('merges from the page: search, confirm, merge (303), via forms with CSRF', async () => {
    const search = await editor.agent.get(`/speakers/${ann.id}/merge`).query({ q: 'Annie' }).expect(200);
    assert.match(search.text, new RegExp(`/speakers/${ann.id}/merge\\?other=${annie.id}`));
    const confirm = await editor.agent.get(`/speakers/${ann.id}/merge`).query({ other: annie.id }).expect(200);
    const field = (name: string) => confirm.text.match(new RegExp(`name="${name}" value="([^"]*)"`))![1];
    const res = await editor.agent
      .post(`/speakers/${ann.id}/merge`)
      .type('form')
      .send({ _csrf: field('_csrf'), otherSpeakerId: field('otherSpeakerId'), version: field('version'), otherVersion: field('otherVersion') })
      .expect(303);
    assert.equal(res.headers.location, `/speakers/${ann.id}`);
    assert.equal((await profile(annie.id)).mergedInto, ann.id);
    // The same (now stale) confirmation again: the conflict page, both versions shown.
    const stale = await editor.agent
      .post(`/speakers/${ann.id}/merge`)
      .type('form')
      .send({ _csrf: field('_csrf'), otherSpeakerId: field('otherSpeakerId'), version: field('version'), otherVersion: field('otherVersion') })
      .expect(409);
    assert.match(stale.text, /Edit conflict/);
  });
});
