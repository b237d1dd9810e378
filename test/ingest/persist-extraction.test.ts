import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { persistExtractions } from '../../src/ingest/persist-extraction.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { type TestApp, testApp } from '../helpers/app.ts';

describe('persisting an extraction', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });

  it('stores statements, speakers, roles and a first machine attribution', async () => {
    const body = 'US Secretary of State Antony Blinken said: "We act together." 🙂 "Always," Blinken added.';
    const article = await storedArticle(t.handle.db, { text: body, published: '2021-07-19' });
    const blinken = { name: 'Antony Blinken', kind: 'person' as const, aliases: ['Blinken'], mention: { text: 'Antony Blinken', start: 22, end: 36 } };
    const role = { text: 'US Secretary of State', organization: 'US' };
    await storeStatements(t.handle.db, article, [
      statementOn(body, 'We act together.', { speaker: blinken, role, cue: { text: 'said', start: 37, end: 41 } }),
      statementOn(body, 'Always,', { speaker: { ...blinken, mention: { text: 'Blinken', start: 74, end: 81 } }, role }),
    ]);
    const rows = (await t.handle.pool.query(`
      select s.text, s.start_offset, s.end_offset, substring(a.body_text from s.start_offset + 1 for s.end_offset - s.start_offset) as at_offsets,
             sp.canonical_name, at.role_text, at.status, at.version, at.is_current, r.title, r.valid_from::text
      from statements s join articles a on a.id = s.article_id
      join attributions at on at.statement_id = s.id join speakers sp on sp.id = at.speaker_id join roles r on r.id = at.role_id
      where s.article_id = $1 order by s.start_offset`, [article.id])).rows;
    assert.equal(rows.length, 2);
    for (const r of rows) {
      assert.equal(r.at_offsets, r.text, 'code-point offsets point at the text in Postgres');
      assert.equal(r.canonical_name, 'Antony Blinken');
      assert.deepEqual([r.role_text, r.status, r.version, r.is_current, r.title, r.valid_from], ['US Secretary of State', 'machine', 1, true, 'US Secretary of State', '2021-07-19']);
    }
    assert.equal(rows[1].text, 'Always,');
  });

  it('writes each search row once, with its speaker: no second write by the attributions trigger', async () => {
    // Every UPDATE of a search row is recorded for the length of this test.
    await t.handle.pool.query('create table search_row_writes (id int not null)');
    await t.handle.pool.query('create function note_search_row_write() returns trigger language plpgsql as $$ begin insert into search_row_writes values (new.id); return new; end $$');
    await t.handle.pool.query('create trigger note_search_row_write before update on statement_search for each row execute function note_search_row_write()');
    try {
      const body = 'Mayor Ada Okafor said: "The bridge opens in May." "Not before," the council said. "Maybe," he said.';
      const article = await storedArticle(t.handle.db, { text: body });
      const okafor = { name: 'Ada Okafor', kind: 'person' as const, aliases: [], mention: { text: 'Ada Okafor', start: 6, end: 16 } };
      const council = { name: 'City Council', kind: 'organization' as const, aliases: ['the council'], mention: { text: 'the council', start: 64, end: 75 } };
      await storeStatements(t.handle.db, article, [
        statementOn(body, 'The bridge opens in May.', { speaker: okafor }),
        statementOn(body, 'Not before,', { speaker: council }),
        statementOn(body, 'Maybe,', { speaker: null, mention: { text: 'he', start: 91, end: 93 } }),
      ]);
      const rows = (await t.handle.pool.query(`
        select s.text, sp.canonical_name from statements s join statement_search ss using (id) left join speakers sp on sp.id = ss.speaker_id
        where s.article_id = $1 order by s.start_offset`, [article.id])).rows;
      assert.deepEqual(rows, [
        { text: 'The bridge opens in May.', canonical_name: 'Ada Okafor' },
        { text: 'Not before,', canonical_name: 'City Council' },
        { text: 'Maybe,', canonical_name: null },
      ]);
      assert.equal((await t.handle.pool.query('select count(*)::int as n from search_row_writes')).rows[0].n, 0);
      // A later attribution (a review's correction) still moves the row, and only that row.
      const st = (await t.handle.pool.query(`select id from statements where article_id = $1 and text = 'The bridge opens in May.'`, [article.id])).rows[0];
      const councilId = (await t.handle.pool.query(`select id from speakers where canonical_name = 'City Council'`)).rows[0].id;
      await t.handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('attributions').set({ is_current: false }).where('statement_id', '=', st.id).execute();
        await trx.insertInto('attributions').values({ statement_id: st.id, version: 2, speaker_id: councilId, status: 'corrected' }).execute();
      });
      assert.equal((await t.handle.pool.query('select speaker_id from statement_search where id = $1', [st.id])).rows[0].speaker_id, councilId);
      assert.deepEqual((await t.handle.pool.query('select distinct id from search_row_writes')).rows, [{ id: st.id }]);
    } finally {
      await t.handle.pool.query('drop trigger note_search_row_write on statement_search');
      await t.handle.pool.query('drop function note_search_row_write()');
      await t.handle.pool.query('drop table search_row_writes');
    }
  });

  it("widens a stored role's seen dates, and leaves alone a role whose dates already cover the article", async () => {
    const body = 'Governor Lena Marsh said: "The dam holds."';
    const marsh = { name: 'Lena Marsh', kind: 'person' as const, aliases: [], mention: { text: 'Lena Marsh', start: 9, end: 19 } };
    const role = { text: 'Governor', organization: null };
    const storeOn = async (published: string | undefined) => {
      const text = `${body} (${published ?? 'undated'})`;
      const article = await storedArticle(t.handle.db, { text, published, title: `Dam ${published}` });
      await storeStatements(t.handle.db, article, [statementOn(text, 'The dam holds.', { speaker: marsh, role })]);
    };
    const governor = async () =>
      (await t.handle.pool.query(`select r.valid_from::text, r.valid_to::text, r.xmin::text as version from roles r join speakers s on s.id = r.speaker_id where s.canonical_name = 'Lena Marsh'`)).rows;
    await storeOn('2021-07-19');
    await storeOn('2021-06-01');
    await storeOn('2021-08-01');
    const [widened] = await governor();
    assert.deepEqual([widened.valid_from, widened.valid_to], ['2021-06-01', '2021-08-01']);
    // Inside the range, or undated: the row is not written again (same version).
    await storeOn('2021-07-01');
    await storeOn(undefined);
    assert.deepEqual(await governor(), [widened]);
    // Several articles in one store widen it to all their dates.
    const items = await Promise.all(
      ['2020-01-02', '2022-03-04'].map(async (published) => {
        const text = `${body} (again, ${published})`;
        const article = await storedArticle(t.handle.db, { text, published, title: `Dam again ${published}` });
        return { article, result: { extractorVersion: 'test-1', statements: [statementOn(text, 'The dam holds.', { speaker: marsh, role })] } };
      }),
    );
    await t.handle.db.transaction().execute((trx) => persistExtractions(trx, items));
    const [batch] = await governor();
    assert.deepEqual([batch.valid_from, batch.valid_to], ['2020-01-02', '2022-03-04']);
  });

  it('stores an unresolved pronoun (null speaker) as the mention only, for review', async () => {
    const body = '"The bridge opens in May," he said.';
    const article = await storedArticle(t.handle.db, { text: body });
    await storeStatements(t.handle.db, article, [
      statementOn(body, 'The bridge opens in May,', { speaker: null, mention: { text: 'he', start: 28, end: 30 }, confidence: 0.1, evidence: 'cue:after;unresolved-pronoun' }),
    ]);
    const rows = (await t.handle.pool.query('select at.speaker_id, at.mention_text, at.mention_start, at.evidence from attributions at join statements s on s.id = at.statement_id where s.article_id = $1', [article.id])).rows;
    assert.deepEqual(rows, [{ speaker_id: null, mention_text: 'he', mention_start: 28, evidence: 'cue:after;unresolved-pronoun' }]);
  });

  it('keeps a generic source as the mention only: no speaker record, no role', async () => {
    const body = '"Prices will rise," experts warned. "It was bad," they said.';
    const article = await storedArticle(t.handle.db, { text: body });
    const before = (await t.handle.pool.query('select count(*)::int n from speakers')).rows[0].n;
    await storeStatements(t.handle.db, article, [
      statementOn(body, 'Prices will rise,', { speaker: { name: 'experts', kind: 'person', aliases: [], mention: { text: 'experts', start: 20, end: 27 } }, role: { text: 'economists', organization: null } }),
      statementOn(body, 'It was bad,', { speaker: { name: 'they', kind: 'person', aliases: ['They'], mention: { text: 'they', start: 50, end: 54 } } }),
    ]);
    const rows = (await t.handle.pool.query('select at.speaker_id, at.mention_text, at.role_id from attributions at join statements s on s.id = at.statement_id where s.article_id = $1 order by s.start_offset', [article.id])).rows;
    assert.deepEqual(rows, [{ speaker_id: null, mention_text: 'experts', role_id: null }, { speaker_id: null, mention_text: 'they', role_id: null }]);
    assert.equal((await t.handle.pool.query('select count(*)::int n from speakers')).rows[0].n, before);
    const page = await request(t.app).get(`/articles/${article.id}`).expect(200);
    assert.match(page.text, /experts <span class="badge" title="Not a named person or organization">unnamed source<\/span>/);
  });

  it('rolls the whole ingest back when one statement is bad: nothing half-stored', async () => {
    const before = (await t.handle.pool.query('select (select count(*) from statements)::int s, (select count(*) from speakers)::int sp')).rows[0];
    const body = 'Short body.';
    const article = await storedArticle(t.handle.db, { text: body });
    const bad = { ...statementOn(body, 'Short'), start: 5, end: 500 };
    await assert.rejects(storeStatements(t.handle.db, article, [statementOn(body, 'body', { speaker: { name: 'New Person', kind: 'person', mention: null, aliases: [] } }), bad]));
    const after = (await t.handle.pool.query('select (select count(*) from statements)::int s, (select count(*) from speakers)::int sp')).rows[0];
    assert.deepEqual(after, before);
  });

  it('shows a speaker page with aliases, roles and statements linked to their spot', async () => {
    const body = '"Price is right," said State Department spokesman Ned Price.';
    const article = await storedArticle(t.handle.db, { text: body, title: 'Price talks' });
    await storeStatements(t.handle.db, article, [
      statementOn(body, 'Price is right,', { speaker: { name: 'Ned Price', kind: 'person', aliases: ['Price'], mention: null }, role: { text: 'State Department spokesman', organization: 'State Department' } }),
    ]);
    const id = (await t.handle.pool.query(`select id from speakers where canonical_name = 'Ned Price'`)).rows[0].id;
    const page = await request(t.app).get(`/speakers/${id}`).expect(200);
    assert.match(page.text, /<h1>Ned Price<\/h1>/);
    assert.match(page.text, /Person · 1 attributed statement/);
    assert.match(page.text, /State Department spokesman/);
    assert.match(page.text, new RegExp(`href="/articles/${article.id}#s-\\d+">“Price is right,”`));
    const api = await request(t.app).get(`/api/speakers/${id}`).expect(200);
    assert.deepEqual(api.body.speaker.aliases, ['Ned Price', 'Price']);
    await request(t.app).get('/speakers/999999').expect(404);
  });
});
