import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import request from 'supertest';
import { diffToHtml, wordDiff } from '../../src/search/word-diff.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';
import { buildCorpus, REWORDED_ORIGINAL } from './corpus.ts';

describe('word diff', () => {
  it('marks words dropped from the quote and words the statement adds, ignoring case and punctuation', () => {
    const parts = wordDiff('One should have clear evidence, before accusing a state', 'one must have clear evidence before accusing a sovereign state');
    assert.deepEqual(parts, [
      { op: 'same', text: 'one' },
      { op: 'ins', text: 'must' },
      { op: 'del', text: 'should' },
      { op: 'same', text: 'have clear evidence before accusing a' },
      { op: 'ins', text: 'sovereign' },
      { op: 'same', text: 'state' },
    ]);
  });

  it('handles reordering, empty sides, and escapes HTML', () => {
    assert.deepEqual(wordDiff('b a', 'a b').map((p) => p.op).sort(), ['del', 'ins', 'same']);
    assert.deepEqual(wordDiff('', 'a b'), [{ op: 'ins', text: 'a b' }]);
    assert.deepEqual(wordDiff('a b', ''), [{ op: 'del', text: 'a b' }]);
    assert.equal(diffToHtml(wordDiff('<b>x</b> & y', '<i>z</i> & y')), '<ins>&lt;i&gt;z&lt;/i&gt;</ins> <del>&lt;b&gt;x&lt;/b&gt;</del> &amp; y');
    assert.ok(!diffToHtml(wordDiff('<script>', '<script>')).includes('<script>'));
  });
});

describe('near-verbatim search', () => {
  let t: TestApp;
  const similar = async (q: string, extra: Record<string, string> = {}) =>
    (await request(t.app).get('/api/search').query({ q, mode: 'similar', ...extra }).expect(200)).body;
  before(async () => {
    t = await testApp();
    await buildCorpus(t.handle.db);
    const body = '"One must have evidence," he said.\n\n"Private companies face cyber attacks every day," she said.';
    const article = await storedArticle(t.handle.db, { text: body, published: '2024-01-01' });
    await storeStatements(t.handle.db, article, [statementOn(body, 'One must have evidence'), statementOn(body, 'Private companies face cyber attacks every day', { paragraphIndex: 1 })]);
  });

  it('keeps a count of statements per word, on insert and delete', async () => {
    const n = async (word: string) => (await sql<{ doc_count: number }>`select doc_count from statement_words where word = ${word}`.execute(t.handle.db)).rows[0]?.doc_count;
    assert.equal(await n('compani'), 2);
    assert.equal(await n('attack'), 5);
    const body = '"Companies again," she said.';
    const article = await storedArticle(t.handle.db, { text: body });
    await storeStatements(t.handle.db, article, [statementOn(body, 'Companies again')]);
    assert.equal(await n('compani'), 3);
    await t.handle.db.deleteFrom('articles').where('id', '=', article.id).execute();
    assert.equal(await n('compani'), 2);
  });

  it('finds a reworded quote (words changed, dropped, reordered) and ranks it first, with the diff', async () => {
    const quote = 'Before accusing a sovereign nation of cyber attacks on private firms, one should have clear evidence.';
    const body = await similar(quote);
    assert.equal(body.sort, 'similarity');
    assert.equal(body.hits[0].text, REWORDED_ORIGINAL);
    assert.ok(body.hits[0].similarity > 0.5, String(body.hits[0].similarity));
    assert.ok(body.hits.every((h: { similarity: number }, i: number, all: { similarity: number }[]) => i === 0 || all[i - 1]!.similarity >= h.similarity));
    assert.match(body.hits[0].html, /^<ins>One must have clear evidence<\/ins> before accusing a sovereign <ins>state<\/ins> <del>nation<\/del>/);
    assert.match(body.hits[0].html, /<del>firms, one should have clear evidence.<\/del>/);
    assert.ok(body.hits[0].diff.some((p: { op: string; text: string }) => p.op === 'ins' && p.text === 'companies'));
  });

  it('applies filters, and says what to try when nothing is near', async () => {
    const quote = 'One must have clear evidence before accusing a sovereign state of cyber attacks';
    assert.deepEqual((await similar(quote, { speaker: 'Ned Price' })).hits, []);
    assert.equal((await similar(quote, { speaker: 'Chinese embassy' })).hits[0].text, REWORDED_ORIGINAL);
    const page = await request(t.app).get('/search').query({ q: 'zebras juggle quietly under purple umbrellas', mode: 'similar' }).expect(200);
    assert.match(page.text, /No statements match/);
    assert.match(page.text, /Paste a longer stretch of the quote/);
  });

  it('renders the diff on the page, escaped', async () => {
    const page = await request(t.app).get('/search').query({ q: '<script>alert(1)</script> hackers and thieves are welcome', mode: 'similar' }).expect(200);
    assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; hackers <ins>&amp;<\/ins> <del>and<\/del> thieves are <ins>not<\/ins> welcome/);
    assert.ok(!page.text.includes('<script>alert'));
  });

  it('pages through near-verbatim results with a cursor', async () => {
    const quote = 'one must have evidence of cyber attacks on private companies';
    const all = (await similar(quote)).hits.map((h: { id: number }) => h.id);
    assert.ok(all.length >= 3);
    const first = await similar(quote, { limit: '2' });
    const second = (await request(t.app).get(first.next).expect(200)).body;
    assert.deepEqual([...first.hits, ...second.hits].map((h: { id: number }) => h.id), all.slice(0, 4));
  });
});
