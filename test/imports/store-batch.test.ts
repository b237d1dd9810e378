import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { addImportRecords, createImport, markReadFinished } from '../../src/imports/imports.queries.ts';
import { maintainStoreTables } from '../../src/imports/store-maintenance.ts';
import { processImportRecords } from '../../src/imports/process-record.ts';
import { buildSubmission } from '../../src/ingest/build-submission.ts';
import { persistExtractions } from '../../src/ingest/persist-extraction.ts';
import { contentSha256 } from '../../src/articles/articles.ts';
import { testApp } from '../helpers/app.ts';
import { databaseUrl } from '../helpers/database.ts';
import { breakRecords, recordContext } from './seed-imports.ts';

// Issue 14, performance: a worker stores the records of one fetch in one transaction
// (processImportRecords), and counts their words after the commit. What it stores must be
// what storing them one after the other would: the same speakers, clusters and counts.

const QUOTE = 'We will rebuild every bridge in this county before the winter storms arrive';
const REWORDED = 'We will rebuild every bridge in this county before the winter storms come';

function raw(title: string, text: string) {
  return { fields: { title }, body: { text, format: 'text' as const, field: 'text' } };
}

/** statement_words as a full recount of the stored statements would give it (words counted in 0 statements left out). */
async function wordCountsMatchRecount(db: Kysely<Database>): Promise<{ stored: number; differing: number }> {
  const { rows } = await sql<{ stored: number; differing: number }>`
    with recount as (
      select w as word, count(*)::int as n from statements, unnest(tsvector_to_array(search_vector)) as w group by w)
    select (select count(*)::int from statement_words where doc_count > 0) as stored,
      (select count(*)::int from recount r full join (select * from statement_words where doc_count > 0) sw on sw.word = r.word
       where r.n is distinct from sw.doc_count) as differing`.execute(db);
  return rows[0]!;
}

async function importOf(db: Kysely<Database>, records: { title: string; text: string }[]): Promise<number[]> {
  const importId = await createImport(db, { kind: 'import', label: `batch ${Date.now()}`, fingerprint: null });
  const ids = await addImportRecords(db, importId, records.map((r, i) => ({ source: 'batch.ndjson', position: `line ${i + 1}`, raw: raw(r.title, r.text) })));
  await markReadFinished(db, importId);
  return ids;
}

describe('a worker storing several records in one transaction', () => {
  it('stores each as if after the one before: one new speaker, copies and a rewording in one cluster, a duplicate, a bad record alone', async () => {
    const t = await testApp();
    const db = t.handle.db;
    const tag = `bridges ${Date.now()}`;
    const [first, copy, reworded, duplicate, broken] = await importOf(db, [
      { title: 'First', text: `"${QUOTE}," said Mayor Rosa Quintero of ${tag}.\n\nThe council meets on Monday.` },
      { title: 'Copy', text: `Rosa Quintero repeated her pledge in ${tag}: "${QUOTE}," she said.` },
      { title: 'Reworded', text: `"${REWORDED}," Rosa Quintero told reporters in ${tag}.` },
      { title: 'First again', text: `"${QUOTE}," said Mayor Rosa Quintero of ${tag}.\n\nThe council meets on Monday.` },
      { title: 'Broken', text: 'replaced below' },
    ]);
    await breakRecords(db, [broken!]);
    const outcomes = await processImportRecords(recordContext(t), [first!, copy!, reworded!, duplicate!, broken!]);

    const states = outcomes.map((o) => ('outcome' in o ? o.outcome.state : 'error'));
    assert.deepEqual(states, ['stored', 'stored', 'stored', 'duplicate', 'error']);
    const error = outcomes[4]!;
    assert.ok('error' in error && /empty/.test(String((error.error as Error).message)), 'the broken record fails with its own error');
    const stored = outcomes.slice(0, 3).map((o) => ('outcome' in o && o.outcome.state === 'stored' ? o.outcome.articleId : 0));
    assert.equal(new Set(stored).size, 3);
    assert.deepEqual(outcomes[3], { recordId: duplicate, outcome: { state: 'duplicate', articleId: stored[0] } }, 'the repeat is a duplicate of the first, stored in the same transaction');

    const records = await db.selectFrom('import_records').select(['id', 'state', 'article_id']).where('id', 'in', [first!, copy!, reworded!, duplicate!]).orderBy('id').execute();
    assert.deepEqual(records.map((r) => [r.state, r.article_id]), [['stored', stored[0]], ['stored', stored[1]], ['stored', stored[2]], ['duplicate', stored[0]]]);

    // The speaker, new to the database, was created once and found by the later articles.
    const speakers = await db.selectFrom('speakers').select(['id', 'canonical_name']).where('canonical_name', 'like', '%Quintero%').execute();
    assert.equal(speakers.length, 1, JSON.stringify(speakers));
    const quotes = await db
      .selectFrom('statements as s')
      .innerJoin('attributions as a', (j) => j.onRef('a.statement_id', '=', 's.id').on('a.is_current', '=', true))
      .select(['s.article_id', 's.cluster_id', 'a.speaker_id'])
      .where('s.article_id', 'in', stored)
      .where('s.kind', '=', 'quote')
      .orderBy('s.article_id')
      .execute();
    assert.equal(quotes.length, 3, JSON.stringify(quotes));
    assert.ok(quotes.every((q) => q.speaker_id === speakers[0]!.id));
    // The copy joined the first article's quote, and the rewording joined them (near-verbatim).
    assert.ok(quotes[0]!.cluster_id !== null && quotes.every((q) => q.cluster_id === quotes[0]!.cluster_id), JSON.stringify(quotes));
    const cluster = await db.selectFrom('quote_clusters').select(['member_count', 'speaker_count']).where('id', '=', quotes[0]!.cluster_id!).executeTakeFirstOrThrow();
    assert.deepEqual(cluster, { member_count: 3, speaker_count: 1 });

    // The words were counted after the commit: nothing is left pending, and the counts are exact.
    assert.equal((await sql<{ n: number }>`select count(*)::int as n from statement_words_pending`.execute(db)).rows[0]!.n, 0);
    assert.equal((await wordCountsMatchRecount(db)).differing, 0);
  });

  it('falls back to one record at a time when a concurrent store takes one of its articles first', { skip: !process.env.TEST_DATABASE_URL && 'needs a second connection: embedded PGlite has one' }, async () => {
    const t = await testApp();
    const db = t.handle.db;
    const tag = `race ${Date.now()}`;
    const texts = [`"The pier reopens in spring," said Lena Ortiz in ${tag} one.`, `"The ferry runs again in May," said Lena Ortiz in ${tag} two.`];
    const ids = await importOf(db, texts.map((text, i) => ({ title: `Race ${i}`, text })));
    // Another worker's store of the second article, not yet committed: the batch's insert waits for it.
    const built = await buildSubmission(raw('Race 1 elsewhere', texts[1]!), t.readers.readArticle);
    const other = new pg.Client({ connectionString: databaseUrl(t.handle) });
    await other.connect();
    try {
      await other.query('begin');
      const { rows } = await other.query<{ id: number }>(
        `insert into articles (title, body_text, content_sha256, language, source_format) values ($1, $2, $3, 'en', 'text') returning id`,
        ['Race 1 elsewhere', built.submission.bodyText, contentSha256(built.submission.bodyText)],
      );
      const running = processImportRecords(recordContext(t), ids);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(db);
        if (waiting.rows[0]!.n > 0) break;
        assert.ok(Date.now() < deadline, 'the batch never waited for the other store');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await other.query('commit');
      const outcomes = await running;
      assert.deepEqual(outcomes.map((o) => ('outcome' in o ? o.outcome.state : String(o.error))), ['stored', 'duplicate']);
      assert.deepEqual(outcomes[1], { recordId: ids[1], outcome: { state: 'duplicate', articleId: rows[0]!.id } });
      const firstArticle = (outcomes[0] as { outcome: { articleId: number } }).outcome.articleId;
      const statements = await db.selectFrom('statements').select('id').where('article_id', '=', firstArticle).execute();
      assert.equal(statements.length, 1, 'the first article was stored (alone, after the batch rolled back) with its quote');
      assert.equal((await wordCountsMatchRecount(db)).differing, 0);
    } finally {
      await other.end();
    }
  });
});

describe('word counts left pending', () => {
  it('are counted once by the maintenance sweep, and a statement deleted while pending is not uncounted', async () => {
    const t = await testApp();
    const db = t.handle.db;
    const tag = `pending ${Date.now()}`;
    const built = await Promise.all(
      [`"Harbour fees rise in ${tag} alpha," said Ivo Brandt.`, `"Harbour fees fall in ${tag} beta," said Ivo Brandt.`].map((text, i) =>
        buildSubmission(raw(`Pending ${i}`, text), t.readers.readArticle)),
    );
    // A store whose worker died after its commit, before counting: its statements stay pending.
    const articleIds = await db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (const [i, b] of built.entries()) {
        const { id } = await trx
          .insertInto('articles')
          .values({ title: `Pending ${i}`, body_text: b.submission.bodyText, content_sha256: contentSha256(b.submission.bodyText), language: 'en', source_format: 'text' })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(id);
      }
      await persistExtractions(trx, built.map((b, i) => ({ article: { id: ids[i]!, bodyText: b.submission.bodyText, publishedAt: null }, result: b.extraction })), undefined, { deferWordCounts: true });
      return ids;
    });
    const pending = async () => (await sql<{ n: number }>`select count(*)::int as n from statement_words_pending`.execute(db)).rows[0]!.n;
    assert.equal(await pending(), 2);
    assert.ok((await wordCountsMatchRecount(db)).differing > 0, 'not counted yet');
    // One of them is deleted before anything counts it: its words were never counted, so nothing is taken off.
    await db.deleteFrom('articles').where('id', '=', articleIds[1]!).execute();
    assert.equal(await pending(), 1);
    assert.equal(await maintainStoreTables(db), true);
    assert.equal(await pending(), 0);
    assert.equal((await wordCountsMatchRecount(db)).differing, 0);
    // A second sweep finds nothing to count.
    await maintainStoreTables(db);
    assert.equal((await wordCountsMatchRecount(db)).differing, 0);
  });
});
