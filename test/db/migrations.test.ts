import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createMigrator, migrateToLatest } from '../../src/db/migrate.ts';
import { storedArticle } from '../factories.ts';
import { testDatabase } from '../helpers/database.ts';

describe('migrations', () => {
  it('run up from an empty database, then have nothing left to do', async () => {
    const { db } = await testDatabase({ migrated: false });
    const applied = await migrateToLatest(db);
    assert.ok(applied.length >= 1);
    assert.deepEqual(await migrateToLatest(db), []);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(db);
    const names = tables.rows.map((r) => r.table_name);
    for (const t of ['articles', 'outlets', 'speakers', 'speaker_aliases', 'roles', 'statements', 'attributions', 'annotations', 'users', 'sessions', 'audit_log']) {
      assert.ok(names.includes(t), `table ${t} exists`);
    }
    const pending = (await createMigrator(db).getMigrations()).filter((m) => !m.executedAt);
    assert.equal(pending.length, 0);
  });

  it('fill the posting lists from statements stored before them, and keep them after', async () => {
    const { db } = await testDatabase();
    const body = '"Hackers were attacking the servers," she said.\n\n"We deny everything," the embassy said.';
    const article = await storedArticle(db, { text: body });
    const statement = (text: string, start: number, i: number) => ({
      article_id: article.id, kind: 'quote' as const, text, start_offset: start, end_offset: start + text.length, paragraph_index: i,
      quote_type: 'direct' as const, normalized_text: text.toLowerCase(), fingerprint: String(i).repeat(32), extractor_version: 't',
    });
    await db.insertInto('statements').values(statement('Hackers were attacking the servers', 1, 0)).execute();
    const postings = async () => (await sql<{ lexeme: string; text: string }>`
      select p.lexeme, s.text from search_postings p join statements s on s.id = p.statement_id order by 2, 1`.execute(db)).rows;

    const migrated = await createMigrator(db).migrateTo('20261126153000_statement_search');
    assert.equal(migrated.error, undefined);
    // Later migrations go down (and up again) with it.
    assert.deepEqual(migrated.results?.map((r) => [r.migrationName, r.direction]).at(-1), ['20261126170000_search_postings', 'Down']);
    assert.equal((await migrateToLatest(db))[0], '20261126170000_search_postings');
    assert.deepEqual((await postings()).map((p) => p.lexeme), ['attack', 'hacker', 'server']);

    await db.insertInto('statements').values(statement('We deny everything', 50, 1)).execute();
    assert.deepEqual((await postings()).filter((p) => p.text === 'We deny everything').map((p) => p.lexeme), ['deni', 'everyth']);
    await db.deleteFrom('statements').where('text', '=', 'Hackers were attacking the servers').execute();
    assert.deepEqual((await postings()).map((p) => p.lexeme), ['deni', 'everyth']);
  });
});

describe('database features on this engine', () => {
  it('searches with to_tsvector, websearch_to_tsquery and a GIN index, with stemming', async () => {
    const { db } = await testDatabase();
    const body = '"Hackers were attacking the servers," she said.\n\n"We deny everything," the embassy said.';
    const article = await storedArticle(db, { text: body });
    await db.insertInto('statements').values([
      { article_id: article.id, kind: 'quote', text: 'Hackers were attacking the servers', start_offset: 1, end_offset: 35, paragraph_index: 0, quote_type: 'direct', normalized_text: 'hackers were attacking the servers', fingerprint: 'a'.repeat(32), extractor_version: 't' },
      { article_id: article.id, kind: 'quote', text: 'We deny everything', start_offset: 50, end_offset: 68, paragraph_index: 1, quote_type: 'direct', normalized_text: 'we deny everything', fingerprint: 'b'.repeat(32), extractor_version: 't' },
    ]).execute();
    const hits = async (q: string) =>
      (await sql<{ text: string }>`select text from statements where search_vector @@ websearch_to_tsquery('english', ${q}) order by id`.execute(db)).rows.map((r) => r.text);
    assert.deepEqual(await hits('attack server'), ['Hackers were attacking the servers']);
    assert.deepEqual(await hits('"deny everything"'), ['We deny everything']);
    assert.equal((await hits('hackers or denied')).length, 2);
    assert.deepEqual(await hits('hackers -servers'), []);
    // Statements' words are indexed in their search rows (migration 20261130190000).
    const searchHits = await sql<{ id: number }>`select id from statement_search where search_vector @@ websearch_to_tsquery('english', 'attack server')`.execute(db);
    assert.equal(searchHits.rows.length, 1);
    const index = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'statement_search_words'`.execute(db);
    assert.match(index.rows[0]!.indexdef, /USING gin/);
  });

  it('ranks near-verbatim text with pg_trgm similarity', async () => {
    const { db } = await testDatabase();
    const r = await sql<{ close: number; far: number; matches: boolean }>`
      select similarity('one must have clear evidence', 'one must have clear proof') as close,
             similarity('one must have clear evidence', 'the weather is fine') as far,
             'one must have clear evidence' % 'one must have clearer evidence' as matches`.execute(db);
    const row = r.rows[0]!;
    assert.ok(row.close > 0.5 && row.far < 0.2, JSON.stringify(row));
    assert.equal(row.matches, true);
  });

  it('refuses to change an article body once stored', async () => {
    const { db } = await testDatabase();
    const article = await storedArticle(db);
    await assert.rejects(
      db.updateTable('articles').set({ body_text: 'changed' }).where('id', '=', article.id).execute(),
      /immutable/,
    );
    await db.updateTable('articles').set({ title: 'A new title is fine' }).where('id', '=', article.id).execute();
  });

  it('enforces constraints in the database', async () => {
    const { db } = await testDatabase();
    await assert.rejects(db.insertInto('speakers').values({ canonical_name: 'X', kind: 'robot' as 'person' }).execute());
    await assert.rejects(db.insertInto('users').values({ username: 'a b', password_hash: 'x' }).execute());
  });
});
