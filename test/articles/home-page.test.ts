import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import request from 'supertest';
import { siteCounts } from '../../src/stats/site-counts.queries.ts';
import { addSeedArticle } from '../export/seed-source.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

/** The text of an HTML page as a reader reads it: tags dropped, the entities Handlebars writes decoded, spaces collapsed. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&').replace(/\s+/g, ' ');
const ADD_LINK = /href="\/articles\/new"[^>]*>Add an article</;

describe('the home page', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await addSeedArticle(await loggedIn(t, 'editor'));
  });

  it('has a search box, what Verbatim does, exact counts, the newest conflict and the newest article', async () => {
    const res = await request(t.app).get('/').expect(200);
    assert.match(res.text, /<form method="get" action="\/search"[^>]*role="search"/);
    assert.match(res.text, /<input id="home-q" name="q" type="search"/);
    const text = textOf(res.text);
    assert.match(text, /Verbatim reads news articles, finds every quote and reported claim in them, and links each one to its speaker/);
    const db = t.handle.db;
    const statements = (await db.selectFrom('statements').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    const speakers = (await db.selectFrom('speakers').where('merged_into', 'is', null).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    assert.ok(Number(statements) > 10);
    assert.match(text, new RegExp(`Articles 1 Statements ${Number(statements)} Speakers ${Number(speakers)}`));
    assert.match(text, /Newest conflicting attributions “has fostered an ecosystem of criminal contract hackers[^”]*” Credited to [^·]*Antony Blinken/);
    assert.match(res.text, /href="\/clusters\?conflicting=true">All conflicting attributions/);
    assert.match(text, /Newest articles .*China slams 'groundless' allegations of Microsoft hack 24 News HD · 20 Jul 2021/);
  });

  it('offers "Add an article" to editors and admins only, on the home page and in the header', async () => {
    const visitor = await request(t.app).get('/').expect(200);
    assert.doesNotMatch(visitor.text, /Add an article/);
    for (const role of ['reader', 'annotator'] as const) {
      const { agent } = await loggedIn(t, role);
      const page = await agent.get('/').expect(200);
      assert.doesNotMatch(page.text, /Add an article/, `${role}: home`);
      assert.doesNotMatch((await agent.get('/speakers').expect(200)).text, /Add an article/, `${role}: header`);
    }
    for (const role of ['editor', 'admin'] as const) {
      const { agent } = await loggedIn(t, role);
      const home = (await agent.get('/').expect(200)).text;
      assert.equal(home.match(new RegExp(ADD_LINK, 'g'))?.length, 2, `${role}: header and home`);
      assert.match((await agent.get('/speakers').expect(200)).text, ADD_LINK, `${role}: header`);
    }
  });

  it('the header links to Review, Users and Audit by role', async () => {
    const links = async (role: 'reader' | 'annotator' | 'editor' | 'admin') => {
      const { agent } = await loggedIn(t, role);
      const html = (await agent.get('/').expect(200)).text;
      return ['/review', '/admin/users', '/admin/audit'].filter((p) => html.includes(`href="${p}"`));
    };
    assert.deepEqual(await links('reader'), []);
    assert.deepEqual(await links('annotator'), ['/review']);
    assert.deepEqual(await links('editor'), ['/review']);
    assert.deepEqual(await links('admin'), ['/review', '/admin/users', '/admin/audit']);
  });

  it('counts exactly below the threshold, and past it shows the planner\'s estimate as "about"', async () => {
    const db = t.handle.db;
    const exact = await siteCounts(db);
    assert.equal(exact.statements.approximate, false);
    assert.ok(exact.statements.n > 10 && exact.speakers.n > 1 && exact.articles.n === 1, JSON.stringify(exact));
    await sql`analyze articles, statements, speakers`.execute(db);
    const estimated = await siteCounts(db, 0);
    assert.deepEqual(estimated, {
      articles: { n: 1, approximate: true },
      statements: { n: exact.statements.n, approximate: true },
      speakers: { n: exact.speakers.n, approximate: true },
    });
  });
});
