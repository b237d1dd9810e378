// Issue #12 point 7 across articles, through the real extractor and persistExtraction:
// persisting never merges two people because they share a surname.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { extractArticle } from '../../src/ingest/extract-article.ts';
import { storedArticle, storeStatements } from '../factories.ts';
import { testDatabase } from '../helpers/database.ts';

describe('speaker identity across articles', () => {
  let db: Kysely<Database>;
  before(async () => {
    db = (await testDatabase()).db;
  });

  /** Stores `text` as a new article with what the extractor finds; the speaker id of each quote. */
  async function ingest(text: string): Promise<Array<number | null>> {
    const article = await storedArticle(db, { text, title: text.slice(0, 40) });
    await storeStatements(db, article, extractArticle(text).statements);
    const rows = await db.selectFrom('statements as s').innerJoin('attributions as a', 'a.statement_id', 's.id')
      .select('a.speaker_id').where('s.article_id', '=', article.id).where('s.kind', '=', 'quote').orderBy('s.start_offset').execute();
    return rows.map((r) => r.speaker_id);
  }
  const aliasesOf = async (id: number) =>
    (await db.selectFrom('speaker_aliases').select('alias').where('speaker_id', '=', id).execute()).map((a) => a.alias);
  const nameOf = async (id: number) => (await db.selectFrom('speakers').select('canonical_name').where('id', '=', id).executeTakeFirstOrThrow()).canonical_name;

  let helen: number;

  it('a second article naming another given name with the same surname gets its own speaker', async () => {
    const first = await ingest('Mayor Helen Okafor said "the bridge opens in May." "It is funded," Mayor Okafor added.');
    helen = first[0]!;
    assert.deepEqual(first, [helen, helen]);
    assert.equal(await nameOf(helen), 'Helen Okafor');
    const second = await ingest('Hunter Okafor, who is not related to the mayor, said "the bridge will not open." "Nobody asked us," Mr. Okafor said.');
    assert.notEqual(second[0], helen);
    assert.deepEqual(second, [second[0], second[0]]);
    assert.equal(await nameOf(second[0]!), 'Hunter Okafor');
    assert.ok(!(await aliasesOf(helen)).some((a) => /Hunter/.test(a)), 'no alias of the mayor names Hunter');
  });

  it('a bare surname joins the existing speaker when its article introduced the full name', async () => {
    const ids = await ingest('Helen Okafor spoke at the depot. "We are on time," Okafor said.');
    assert.deepEqual(ids, [helen]);
  });

  it('a bare surname (even with a title) in an article that did not introduce the full name joins nobody', async () => {
    const [bare] = await ingest('"The money is there," Mayor Okafor said at the meeting.');
    assert.ok(bare !== null && bare !== helen);
    assert.equal(await nameOf(bare!), 'Okafor');
    const [other] = await ingest('"We never saw the plans," Mr. Okafor said.');
    assert.notEqual(other, helen);
  });
});
