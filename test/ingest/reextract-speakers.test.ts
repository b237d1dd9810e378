// Issue #12 point 8: re-extraction through the real path (reader pool, reextractArticle)
// deletes the speakers earlier versions stored that no statement names any more, and never
// one a person curated or another statement still names.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { ExtractedStatement } from '../../src/extraction/index.ts';
import { createReaderPool } from '../../src/ingest/reader-pool.ts';
import { reextractArticle } from '../../src/ingest/reextract-article.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { testDatabase } from '../helpers/database.ts';

const readers = createReaderPool(loadConfig({}).readers);
after(() => readers.close());

const junk = (name: string): Partial<ExtractedStatement> => ({
  speaker: { name, kind: 'person', mention: { text: name, start: 0, end: name.length }, aliases: [name] },
  role: { text: `${name} role`, organization: null },
});

describe('re-extraction and the speakers it leaves behind', () => {
  it('deletes the speakers only the replaced statements named, with their aliases and roles, and keeps curated or still named ones', async () => {
    const { db, pool } = await testDatabase();
    const q = (text: string, params: unknown[] = []) => pool.query(text, params).then((r) => r.rows);
    const body = 'Pupils arrived early at the school gate today.\n\nSimply nothing changed for the staff, others noted.\n\n"The school is full," Dana Weller said.\n\nAdditional rooms were promised last year by the council.\n\nVerified words stay here.';
    const article = await storedArticle(db, { text: body, title: 'School' });
    await storeStatements(db, article, [
      statementOn(body, 'Pupils arrived early', junk('Pupils')),
      statementOn(body, 'Simply nothing changed', junk('Simply')),
      statementOn(body, 'Additional rooms', junk('Additional')),
      statementOn(body, 'Verified words', junk('Kept Person')),
    ], 'old-0.1');
    // "Additional" is also named in another article that is not re-extracted.
    const other = await storedArticle(db, { text: 'Additional staff came in the afternoon.', title: 'Other' });
    await storeStatements(db, other, [statementOn(other.bodyText, 'Additional staff', junk('Additional'))], 'old-0.1');
    const id = async (name: string) => (await q('select id from speakers where canonical_name = $1', [name]))[0]?.id as number | undefined;
    const [pupils, simply, kept] = [await id('Pupils'), await id('Simply'), await id('Kept Person')];
    // A person renamed "Simply" (an edit bumps the version and writes an audit entry): curated.
    await q(`update speakers set canonical_name = 'Simply Red', version = 2 where id = $1`, [simply]);
    await q(`insert into audit_log (action, entity_type, entity_id, before, after) values ('update', 'speaker', $1, '{}', '{}')`, [simply]);
    // A reviewer verified the statement naming "Kept Person": the statement and its speaker stay.
    const [verified] = await q(`select s.id from statements s where s.text = 'Verified words'`);
    await q('update attributions set is_current = false where statement_id = $1', [verified.id]);
    await q(`insert into attributions (statement_id, version, speaker_id, status) select statement_id, 2, speaker_id, 'verified' from attributions where statement_id = $1 and version = 1`, [verified.id]);

    const r = await reextractArticle({ db, statementTimeoutMs: 60_000 }, article.id, readers);
    assert.deepEqual([r.removed, r.kept, r.speakersDeleted], [3, 1, 1]);
    assert.equal(await id('Pupils'), undefined, 'the junk speaker is gone');
    assert.deepEqual(await q('select count(*)::int as n from speaker_aliases where speaker_id = $1', [pupils]), [{ n: 0 }]);
    assert.deepEqual(await q('select count(*)::int as n from roles where speaker_id = $1', [pupils]), [{ n: 0 }]);
    assert.ok(await id('Simply Red'), 'a speaker a person edited stays');
    assert.ok(await id('Additional'), 'a speaker another article names stays');
    assert.equal(await id('Kept Person'), kept, 'the speaker of a verified statement stays');
    assert.ok(await id('Dana Weller'), 'the new extraction stored its speaker');

    // Once the other article is re-extracted too, nothing names "Additional" any more.
    const again = await reextractArticle({ db, statementTimeoutMs: 60_000 }, other.id, readers);
    assert.equal(again.speakersDeleted, 1);
    assert.equal(await id('Additional'), undefined);
  });

  it('keeps a machine speaker a pending or decided suggestion names, and one a merge involved', async () => {
    const { db, pool } = await testDatabase();
    const q = (text: string, params: unknown[] = []) => pool.query(text, params).then((r) => r.rows);
    const body = 'Children played outside the hall.\n\nNew rules start in May for everyone.';
    const article = await storedArticle(db, { text: body, title: 'Hall' });
    const other = await storedArticle(db, { text: 'Nothing was said here at all.', title: 'Quiet' });
    await storeStatements(db, article, [statementOn(body, 'Children played', junk('Children')), statementOn(body, 'New rules', junk('New'))], 'old-0.1');
    await storeStatements(db, other, [statementOn(other.bodyText, 'Nothing was said', junk('Somebody Else'))], 'old-0.1');
    const id = async (name: string) => (await q('select id from speakers where canonical_name = $1', [name]))[0]?.id as number | undefined;
    const [otherStatement] = await q('select id from statements where article_id = $1', [other.id]);
    await q(`insert into attribution_suggestions (statement_id, base_version, speaker_id, status) values ($1, 1, $2, 'declined')`, [otherStatement.id, await id('Children')]);
    await q('insert into speaker_merges (kept_speaker_id, merged_speaker_id, undone_at) values ($1, $2, now())', [await id('Somebody Else'), await id('New')]);

    const r = await reextractArticle({ db, statementTimeoutMs: 60_000 }, article.id, readers);
    assert.equal(r.speakersDeleted, 0);
    assert.ok(await id('Children'));
    assert.ok(await id('New'));
  });
});
