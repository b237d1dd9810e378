import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { MIN_SIMILARITY } from '../../src/search/similar.queries.ts';
import { wordDiff } from '../../src/search/word-diff.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';
import { buildCorpus } from './corpus.ts';

// Issue #13 point 9: near-verbatim search finds a remembered fragment of a long quote, still
// ranks a whole pasted quote's own statement first, and says what its fallback scan did.

const LONG = 'For years, the report says, the Chinese state has built an ecosystem of criminal hackers for hire who carry out attacks for profit and for the state itself, while the ministry looked away and said nothing';
const SHORT = 'Closing the estuary will change the salt balance of the whole bay';
const LONGER = `We warned them again and again that ${SHORT.toLowerCase()} for decades to come`;

type Hit = { id: number; text: string; similarity: number; wordSimilarity: number; textSimilarity: number; html: string; diff: { op: string; text: string }[] };

describe('near-verbatim fragments', () => {
  let t: TestApp;
  const similar = async (q: string) =>
    (await request(t.app).get('/api/search').query({ q, mode: 'similar' }).expect(200)).body as { hits: Hit[]; fallbackNote: string | null; fallbackTimedOut: boolean };
  before(async () => {
    t = await testApp();
    await buildCorpus(t.handle.db);
    const body = `"${LONG}," Ms Rivera said.\n\n"${SHORT}," the mayor said.\n\n"${LONGER}," the fishermen said.\n\n"Hackers for hire are a business now," he added.`;
    const article = await storedArticle(t.handle.db, { text: body, published: '2024-03-01' });
    await storeStatements(t.handle.db, article, [
      statementOn(body, LONG),
      statementOn(body, SHORT, { paragraphIndex: 1 }),
      // Another speaker: the same speaker's copies in one cluster would be grouped as one hit.
      statementOn(body, LONGER, { paragraphIndex: 2, speaker: { name: 'Fishers Union', kind: 'organization', mention: null, aliases: [] } }),
      statementOn(body, 'Hackers for hire are a business now', { paragraphIndex: 3 }),
    ]);
  });

  it('finds the long statement that contains a remembered fragment, ranked first', async () => {
    const body = await similar('ecosystem of criminal hackers for hire');
    assert.equal(body.hits[0]?.text, LONG);
    assert.equal(body.hits[0]!.wordSimilarity, 1);
    assert.ok(body.hits[0]!.textSimilarity < MIN_SIMILARITY, 'whole-text similarity alone would have missed it');
    assert.equal(body.fallbackNote, null);
  });

  it('finds it with words changed, and shows the matched stretch, not the whole statement as insertions', async () => {
    const body = await similar('an ecosystem of criminal hacker for rent');
    const hit = body.hits[0]!;
    assert.equal(hit.text, LONG);
    assert.match(hit.html, /^<span class="context">… says, the Chinese state has built<\/span> an ecosystem of criminal <ins>hackers<\/ins> <del>hacker<\/del> for <del>rent<\/del> <span class="context">hire who carry out attacks for …<\/span>$/);
    const inserted = hit.diff.filter((p) => p.op === 'ins').flatMap((p) => p.text.split(' '));
    assert.deepEqual(inserted, ['hackers']);
    const page = await request(t.app).get('/search').query({ q: 'an ecosystem of criminal hacker for rent', mode: 'similar' }).expect(200);
    assert.match(page.text, /the quote is part of it/);
  });

  it('still ranks the statement that is the pasted quote before a longer one containing it', async () => {
    const body = await similar(SHORT);
    assert.deepEqual(body.hits.slice(0, 2).map((h) => h.text), [SHORT, LONGER]);
    assert.equal(body.hits[0]!.textSimilarity, 1);
    assert.equal(body.hits[1]!.wordSimilarity, 1);
    assert.ok(body.hits[0]!.similarity > body.hits[1]!.similarity);
    // Reworded, whole: the same order, and the diff is an ordinary one.
    const reworded = await similar('closing the estuary would change the salt balance of the bay');
    assert.deepEqual(reworded.hits.slice(0, 2).map((h) => h.text), [SHORT, LONGER]);
    assert.ok(!reworded.hits[0]!.diff.some((p) => p.op === 'context'));
  });

  it('says why the fallback scan ran when no word of the quote is known, and how it ended', async () => {
    const body = await similar('zebras juggle quietly under purple umbrellas');
    assert.deepEqual(body.hits, []);
    assert.equal(body.fallbackTimedOut, false);
    assert.equal(body.fallbackNote, 'None of the quote\'s words is in a stored statement (or all are words search ignores, like "the"), so it was compared with every statement that shares letter sequences (trigrams) with it.');
    const page = await request(t.app).get('/search').query({ q: 'zebras juggle quietly under purple umbrellas', mode: 'similar' }).expect(200);
    assert.match(page.text, /<p class="note fallback-note">None of the quote&#x27;s words is in a stored statement/);
  });

  it('says so when the rarest words were found but no statement holding them is close', async () => {
    const body = await similar('ransom payments quietly juggled by zebras under purple umbrellas');
    assert.equal(body.fallbackNote, 'No statement sharing the quote\'s rarest words is close to it, so it was compared with every statement that shares letter sequences (trigrams) with it.');
  });

  it('shows no note when the prefilter found the match', async () => {
    const page = await request(t.app).get('/search').query({ q: SHORT, mode: 'similar' }).expect(200);
    assert.doesNotMatch(page.text, /fallback-note/);
  });

  it('says the scan was stopped when it ran past its time (Postgres: PGlite has no statement timeout)', async (ctx) => {
    if (t.handle.kind !== 'postgres') return ctx.skip('the embedded database ignores statement_timeout');
    // Another session holds statements locked: the scan waits on it until its timeout cancels it.
    const locker = await t.handle.pool.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table statements in access exclusive mode');
      const body = await similar('zebras juggle quietly under purple umbrellas');
      assert.equal(body.fallbackTimedOut, true);
      assert.deepEqual(body.hits, []);
      assert.match(body.fallbackNote ?? '', /^None of the quote's words is in a stored statement .*\. Comparing it with every statement that shares letter sequences \(trigrams\) with it took longer than 3 seconds and was stopped, so no results are shown: paste a longer passage/);
    } finally {
      await locker.query('rollback');
      locker.release();
    }
  });
});

describe('word diff of a fragment', () => {
  it('cuts the statement to the stretch the fragment matches, with a few words of context', () => {
    const parts = wordDiff('criminal hackers for hire', LONG);
    assert.deepEqual(parts, [
      { op: 'context', text: '… state has built an ecosystem of' },
      { op: 'same', text: 'criminal hackers for hire' },
      { op: 'context', text: 'who carry out attacks for profit …' },
    ]);
  });

  it('leaves a statement hardly longer than the quote whole', () => {
    assert.deepEqual(wordDiff('the salt balance', 'the salt balance of the bay'), [{ op: 'same', text: 'the salt balance' }, { op: 'ins', text: 'of the bay' }]);
  });
});
