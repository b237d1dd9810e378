import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';
import { annotatedArticle, annotationPageShape, api, type Client, passageOf, users } from './fixture.ts';

describe('searching annotations', () => {
  let t: TestApp;
  let fixture: Awaited<ReturnType<typeof annotatedArticle>>;
  let otherStatement: number;
  let alice: Client, bob: Client, editor: Client;
  const notes = async (c: Client, query: string) => {
    const res = await api(c).get(`/api/annotations?${query}`).expect(200);
    return annotationPageShape.parse(res.body).items.map((i) => i.verbatim.note as string);
  };

  before(async () => {
    t = await testApp();
    fixture = await annotatedArticle(t.handle.db);
    const body = '"Prices will fall next year," the governor said.';
    const other = await storedArticle(t.handle.db, { title: 'Prices', text: body });
    await storeStatements(t.handle.db, other, [statementOn(body, 'Prices will fall next year')]);
    otherStatement = (await t.handle.db.selectFrom('statements').select('id').where('article_id', '=', other.id).executeTakeFirstOrThrow()).id;
    [alice, bob, editor] = await users(t, 'annotator', 'annotator', 'editor');
    const add = (c: Client, body: Record<string, unknown>) => api(c).post('/api/annotations', body).expect(201);
    await add(alice, { statementId: fixture.quoteId, note: 'The minister contradicted himself about ransoms', tags: ['Ransom'], verdict: 'misquoted', visibility: 'shared' });
    await add(alice, { statementId: fixture.quoteId, note: 'private doubts about ransoms', tags: ['ransom', 'secret'], verdict: 'misattributed' });
    await add(bob, { statementId: otherStatement, note: 'Inflation forecasts disagree', tags: ['economy'], verdict: 'accurate', visibility: 'shared' });
    await add(bob, { articleId: fixture.article.id, selector: passageOf('Analysts said'), note: 'Which analysts said this?', tags: ['sourcing'], visibility: 'shared' });
    await add(bob, { statementId: fixture.claimId, note: 'rated', claimRating: 'mostly_false', visibility: 'shared' });
  });

  it('finds by words of the note (stemmed), tag, verdict, rating, author, article and statement, within what the user may see', async () => {
    assert.deepEqual(await notes(alice, 'q=ransom'), ['private doubts about ransoms', 'The minister contradicted himself about ransoms']);
    assert.deepEqual(await notes(bob, 'q=ransom'), ['The minister contradicted himself about ransoms'], "another's private annotation is never found");
    assert.deepEqual(await notes(bob, 'q=misquoted'), ['The minister contradicted himself about ransoms'], 'the verdict is searchable text');
    assert.deepEqual(await notes(bob, `q=${alice.username}`), ['The minister contradicted himself about ransoms'], 'the author is searchable text');
    assert.deepEqual(await notes(bob, 'q="forecasts disagree"'), ['Inflation forecasts disagree']);
    assert.deepEqual(await notes(bob, 'tag=RANSOM'), ['The minister contradicted himself about ransoms']);
    assert.deepEqual(await notes(alice, 'tag=secret'), ['private doubts about ransoms']);
    assert.deepEqual(await notes(bob, 'tag=secret'), []);
    assert.deepEqual(await notes(bob, 'verdict=accurate'), ['Inflation forecasts disagree']);
    assert.deepEqual(await notes(bob, 'rating=mostly_false'), ['rated']);
    assert.deepEqual(await notes(alice, `author=${bob.username.toUpperCase()}`), ['rated', 'Which analysts said this?', 'Inflation forecasts disagree']);
    assert.deepEqual(await notes(alice, `article=${fixture.article.id}&author=${bob.username}`), ['rated', 'Which analysts said this?'], 'an article: its passages and its statements');
    assert.deepEqual(await notes(bob, `statement=${otherStatement}`), ['Inflation forecasts disagree']);
    assert.deepEqual(await notes(editor, 'q=ransom&verdict=misquoted&tag=ransom'), ['The minister contradicted himself about ransoms']);
  });

  it('pages newest first with a next link, and refuses unknown or malformed parameters', async () => {
    const first = annotationPageShape.parse((await api(alice).get('/api/annotations?limit=2').expect(200)).body);
    assert.equal(first.items.length, 2);
    assert.ok(first.next, 'a next page');
    const second = annotationPageShape.parse((await api(alice).get(new URL(first.next!).pathname + new URL(first.next!).search).expect(200)).body);
    const all = annotationPageShape.parse((await api(alice).get('/api/annotations?limit=100').expect(200)).body);
    assert.deepEqual([...first.items, ...second.items].map((i) => i.id.replace(/^.*\/api/, '')), all.items.slice(0, 4).map((i) => i.id.replace(/^.*\/api/, '')));
    for (const bad of ['color=red', 'verdict=maybe', 'article=x', 'limit=1000', 'tag=a%00b', 'q=a&q=b']) {
      const res = await api(alice).get(`/api/annotations?${bad}`).expect(400);
      assert.ok(res.body.issues.length > 0, bad);
    }
  });

  it('filters statements on the search page by the tag and verdict of shared annotations only', async () => {
    const texts = async (query: string) => (await request(t.app).get(`/api/search?${query}`).expect(200)).body.hits.map((h: { text: string }) => h.text);
    assert.deepEqual(await texts('verdict=misquoted'), ['We will never pay the ransom']);
    assert.deepEqual(await texts('verdict=accurate'), ['Prices will fall next year']);
    assert.deepEqual(await texts('verdict=misattributed'), [], 'a private verdict filters nothing');
    assert.deepEqual(await texts('tag=Ransom'), ['We will never pay the ransom']);
    assert.deepEqual(await texts('tag=secret'), []);
    await request(t.app).get('/api/search?verdict=nonsense').expect(400);
    const page = await request(t.app).get('/search?verdict=misquoted').expect(200);
    assert.match(page.text, /<option value="misquoted" selected>misquoted<\/option>/);
    assert.match(page.text, /We will never pay the ransom/);
    assert.match(page.text, /<label for="field-tag">Annotation tag<\/label>/, 'the form partial still gets its label');
    assert.match(page.text, /<option value="out_of_context">out of context<\/option>/);
    // Hidden by an editor: no longer a filter for anyone.
    const shared = (await api(alice).get('/api/annotations?verdict=misquoted').expect(200)).body.items[0].id as string;
    await api(editor).post(`${new URL(shared).pathname}/hide`, { hidden: true }).expect(200);
    assert.deepEqual(await texts('verdict=misquoted'), []);
    assert.deepEqual(await texts('tag=ransom'), []);
    await api(editor).post(`${new URL(shared).pathname}/hide`, { hidden: false }).expect(200);
  });

  it('shows the annotations page with the same filters, private ones to their author only', async () => {
    const page = await alice.agent.get('/annotations?tag=ransom').expect(200);
    assert.match(page.text, /The minister contradicted himself about ransoms/);
    assert.match(page.text, /private doubts about ransoms/);
    assert.doesNotMatch(page.text, /Inflation forecasts/);
    const bobs = await bob.agent.get('/annotations?q=ransom').expect(200);
    assert.doesNotMatch(bobs.text, /private doubts/);
    await bob.agent.get('/annotations?verdict=maybe').expect(400);
    const anonymous = await request(t.app).get('/annotations?tag=ransom').expect(200);
    assert.match(anonymous.text, /The minister contradicted himself about ransoms/, 'shared annotations are open to read');
    assert.doesNotMatch(anonymous.text, /private doubts/);
  });
});
