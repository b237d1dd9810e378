import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { EXTRACTOR_VERSION } from '../../src/extraction/index.ts';
import { createReaderPool } from '../../src/ingest/reader-pool.ts';
import { reextractArticle } from '../../src/ingest/reextract-article.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { testDatabase } from '../helpers/database.ts';

const readers = createReaderPool(loadConfig({}).readers);
after(() => readers.close());

describe('re-extraction', () => {
  it('replaces machine statements and keeps the ones a person verified', async () => {
    const { db, pool } = await testDatabase();
    // No quote marks and no speech verbs: no extractor finds anything here.
    const body = 'Plain words here. Nothing else to see in this line either.';
    const article = await storedArticle(db, { text: body });
    await storeStatements(db, article, [statementOn(body, 'Plain words'), statementOn(body, 'Nothing else')], 'old-0.1');
    const user = await db.insertInto('users').values({ username: 'reviewer', password_hash: 'x', role: 'editor' }).returning('id').executeTakeFirstOrThrow();
    const verified = (await pool.query(`select s.id from statements s where s.text = 'Nothing else'`)).rows[0].id;
    await pool.query('update attributions set is_current = false where statement_id = $1', [verified]);
    await pool.query(`insert into attributions (statement_id, version, speaker_id, status, created_by)
      select statement_id, 2, speaker_id, 'verified', $2 from attributions where statement_id = $1 and version = 1`, [verified, user.id]);

    const r = await reextractArticle({ db, statementTimeoutMs: 60_000 }, article.id, readers);
    assert.deepEqual([r.removed, r.kept], [1, 1]);
    const left = (await pool.query('select s.text, a.status, a.version from statements s join attributions a on a.statement_id = s.id and a.is_current where s.article_id = $1', [article.id])).rows;
    assert.deepEqual(left, [{ text: 'Nothing else', status: 'verified', version: 2 }]);
    const a = (await pool.query('select extractor_version from articles where id = $1', [article.id])).rows[0];
    assert.equal(a.extractor_version, EXTRACTOR_VERSION);
  });
});
