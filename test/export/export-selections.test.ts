import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { JSDOM } from 'jsdom';
import request from 'supertest';
import { EXTRACTOR_VERSION } from '../../src/extraction/index.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

// The pages' selections (an article, a speaker, a quote cluster, the review queue) and the
// meta lines, through GET /api/export.csv.

const idsOf = (text: string) => (parse(text, { columns: true, comment: '#', bom: true }) as { statement_id: string }[]).map((r) => Number(r.statement_id));

describe('export selections and meta lines', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  const articles: number[] = [];

  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
    const add = async (body: Record<string, unknown>) =>
      articles.push((await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(body).expect(201)).body.id);
    await add({ title: 'Port vote', outlet: 'Wire', published: '2020-01-02', text: '"We will win the harbour vote," said Jane Doe, the mayor of Springfield.\n\n"The harbour costs too much," said John Roe, a senator.' });
    await add({ title: 'Port vote, again', outlet: 'Paper', published: '2021-05-06', text: '"We will win the harbour vote," said Jane Doe, the mayor of Springfield.\n\n"Ships are late," Doe added.' });
  });

  it('exports one article, one speaker and one quote cluster, as their pages list them', async () => {
    const [first, second] = articles as [number, number];
    const statementsOf = async (articleId: number) =>
      (await t.handle.db.selectFrom('statements').select(['id', 'cluster_id']).where('article_id', '=', articleId).orderBy('id').execute());
    const inFirst = await statementsOf(first);
    assert.deepEqual(idsOf((await request(t.app).get(`/api/export.csv?article=${first}&sort=oldest`).expect(200)).text).sort(), inFirst.map((s) => s.id).sort());

    const jane = await t.handle.db.selectFrom('speakers').select('id').where('canonical_name', '=', 'Jane Doe').executeTakeFirstOrThrow();
    const janes = await t.handle.db.selectFrom('attributions').select('statement_id').where('speaker_id', '=', jane.id).where('is_current', '=', true).execute();
    const bySpeaker = idsOf((await request(t.app).get(`/api/export.csv?speaker_id=${jane.id}`).expect(200)).text);
    assert.deepEqual([...bySpeaker].sort(), janes.map((r) => r.statement_id).sort());
    assert.equal(bySpeaker.length, 3);

    const clustered = (await statementsOf(second)).find((s) => s.cluster_id !== null)!;
    const members = await t.handle.db.selectFrom('statements').select('id').where('cluster_id', '=', clustered.cluster_id).execute();
    assert.equal(members.length, 2, 'the repeated quote forms a cluster of two');
    assert.deepEqual(idsOf((await request(t.app).get(`/api/export.csv?cluster=${clustered.cluster_id}`).expect(200)).text).sort(), members.map((m) => m.id).sort());

    for (const [query, field] of [['?article=0', 'article'], ['?cluster=x', 'cluster'], ['?speaker_id=-1', 'speaker_id']] as const) {
      assert.equal((await request(t.app).get(`/api/export.csv${query}`).expect(400)).body.issues[0].field, field);
    }
  });

  it('exports the review queue in its order, for those who may see it', async () => {
    await request(t.app).get('/api/export.csv?queue=review').expect(401);
    const reader = await loggedIn(t, 'reader');
    await reader.agent.get('/api/export.csv?queue=review').expect(403);
    const annotator = await loggedIn(t, 'annotator');
    const queue: number[] = [];
    let next: string | null = null;
    do {
      const page: { items: { statementId: number }[]; next: string | null } = (await annotator.agent.get(`/api/review?limit=2${next ? `&after=${next}` : ''}`).expect(200)).body;
      queue.push(...page.items.map((i) => i.statementId));
      next = page.next;
    } while (next);
    assert.ok(queue.length >= 4);
    assert.deepEqual(idsOf((await annotator.agent.get('/api/export.csv?queue=review').expect(200)).text), queue);
    const [first] = articles as [number];
    const onlyFirst = idsOf((await annotator.agent.get(`/api/export.csv?queue=review&article=${first}&maxConfidence=1`).expect(200)).text);
    assert.deepEqual(onlyFirst, queue.filter((id) => onlyFirst.includes(id)));
    assert.equal(onlyFirst.length, 2);
    assert.equal((await annotator.agent.get('/api/export.csv?queue=review&minConfidence=2').expect(400)).body.issues[0].field, 'minConfidence');
    assert.equal((await annotator.agent.get('/api/export.csv?queue=later').expect(400)).body.issues[0].field, 'queue');
  });

  it('writes meta lines with meta=1: the query, the filters, the order, the time, the row count and the extractor version', async () => {
    const before = Date.now();
    const res = await request(t.app).get('/api/export.csv?q=harbour&outlet=Wire&sort=newest&meta=1&bom=1&style=harvard1').expect(200);
    const text = res.text;
    assert.ok(text.startsWith('\ufeff# Verbatim export\r\n'), 'the byte order mark, then the comment lines');
    const comments = text.replace(/^\ufeff/, '').split('\r\n').filter((l) => l.startsWith('# ')).map((l) => l.slice(2));
    const fact = (name: string) => comments.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
    assert.equal(fact('query'), 'harbour');
    assert.equal(fact('filters'), 'outlet=Wire');
    assert.equal(fact('order'), 'newest');
    assert.equal(fact('rows'), String(idsOf(text).length));
    assert.equal(idsOf(text).length, 2);
    assert.equal(fact('extractor version'), EXTRACTOR_VERSION);
    assert.equal(fact('citation style'), 'harvard1');
    const at = Date.parse(fact('exported at')!);
    assert.ok(at >= before - 1000 && at <= Date.now() + 1000);
    // The reproduce line is the same export again.
    const again = new URL(fact('reproduce')!);
    assert.deepEqual(idsOf((await request(t.app).get(`${again.pathname}${again.search}`).expect(200)).text), idsOf(text));
    // Without meta=1: no comment line.
    assert.doesNotMatch((await request(t.app).get('/api/export.csv?q=harbour').expect(200)).text, /^#/m);
    assert.equal((await request(t.app).get('/api/export.csv?meta=yes').expect(400)).body.issues[0].field, 'meta');
  });

  it('offers the export on the search, speaker, article, cluster and review pages, each holding what the page lists', async () => {
    const [first] = articles as [number];
    const annotator = await loggedIn(t, 'annotator');
    const jane = await t.handle.db.selectFrom('speakers').select('id').where('canonical_name', '=', 'Jane Doe').executeTakeFirstOrThrow();
    const cluster = await t.handle.db.selectFrom('statements').select('cluster_id').where('cluster_id', 'is not', null).executeTakeFirstOrThrow();
    const pages = [`/search?q=harbour`, `/speakers/${jane.id}`, `/speakers/${jane.id}?outlet=Paper`, `/articles/${first}`, `/clusters/${cluster.cluster_id}`, '/review'];
    for (const page of pages) {
      const html = (await annotator.agent.get(page).expect(200)).text;
      const doc = new JSDOM(html).window.document;
      const links = [...doc.querySelectorAll<HTMLAnchorElement>('.export-links a')];
      assert.deepEqual(links.slice(0, 2).map((a) => a.textContent), ['CSV', 'CSV for Excel'], page);
      const csv = links[0]!.getAttribute('href')!;
      const exported = idsOf((await annotator.agent.get(csv).expect(200)).text);
      // What the page lists: statement links on the lists, data-statement on the queue.
      const listed = [...doc.querySelectorAll('.statement-list .statement-text, .hit-link, .review-row')]
        .map((e) => Number(e.getAttribute('data-statement') ?? /s-(\d+)$|statements\/(\d+)/.exec(e.getAttribute('href') ?? '')?.slice(1).find(Boolean)))
        .filter((n) => Number.isInteger(n));
      assert.ok(exported.length > 0, page);
      assert.deepEqual([...new Set(listed)].sort(), [...exported].sort(), page);
      const excel = await annotator.agent.get(links[1]!.getAttribute('href')!).expect(200);
      assert.ok(excel.text.startsWith('\ufeff'), page);
    }
  });
});
