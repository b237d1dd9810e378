import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import type { ExtractedSpeaker } from '../../src/extraction/index.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';

// A small corpus the search tests share: who says what, where and when is chosen so each
// filter and syntax feature has exactly the hits the tests expect.

const price: ExtractedSpeaker = { name: 'Ned Price', kind: 'person', mention: null, aliases: ['Price'] };
const blinken: ExtractedSpeaker = { name: 'Antony Blinken', kind: 'person', mention: null, aliases: ['Tony Blinken'] };
const embassy: ExtractedSpeaker = { name: 'Chinese embassy', kind: 'organization', mention: null, aliases: [] };
const spokesman = { text: 'State Department spokesman', organization: 'State Department' };
const secretary = { text: 'US Secretary of State', organization: 'State Department' };

export const REWORDED_ORIGINAL = 'One must have clear evidence before accusing a sovereign state of cyber attacks on private companies';

export async function buildCorpus(db: Kysely<Database>) {
  const body1 = '"We know the hackers attacked the servers," Price said.\n\nThe embassy denied carrying out a massive hack.\n\n"Ransom payments fund crime," Price added.';
  const a1 = await storedArticle(db, { title: 'Hack denied', outlet: 'The Daily Test', agency: 'AFP', published: '2021-07-20', text: body1 });
  await storeStatements(db, a1, [
    statementOn(body1, 'We know the hackers attacked the servers', { speaker: price, role: spokesman }),
    statementOn(body1, 'denied carrying out a massive hack', { kind: 'claim', quoteType: 'indirect', speaker: embassy, paragraphIndex: 1 }),
    statementOn(body1, 'Ransom payments fund crime', { speaker: price, role: spokesman, paragraphIndex: 2 }),
  ]);

  const body2 = `"The attack on Microsoft Exchange was reckless," Blinken said.\n\n"<script>alert(1)</script> hackers & thieves are not welcome," he said.\n\n"${REWORDED_ORIGINAL}," the embassy said.`;
  const a2 = await storedArticle(db, { title: 'Blinken on Exchange', outlet: 'Other Times', agency: 'Reuters', published: '2023-05-02', text: body2 });
  await storeStatements(db, a2, [
    statementOn(body2, 'The attack on Microsoft Exchange was reckless', { speaker: blinken, role: secretary }),
    statementOn(body2, '<script>alert(1)</script> hackers & thieves are not welcome', { speaker: blinken, paragraphIndex: 1, quoteType: 'partial' }),
    statementOn(body2, REWORDED_ORIGINAL, { speaker: embassy, paragraphIndex: 2 }),
  ]);

  const body3 = '"Servers were never attacked by us," the embassy said.\n\n"Evidence matters more than accusations," Price said.';
  const a3 = await storedArticle(db, { title: 'Undated note', outlet: 'The Daily Test', published: '', text: body3 });
  await storeStatements(db, a3, [
    statementOn(body3, 'Servers were never attacked by us', { speaker: embassy }),
    statementOn(body3, 'Evidence matters more than accusations', { speaker: price, paragraphIndex: 1 }),
  ]);

  // Review status and annotation tags.
  const verified = await sql<{ id: number }>`
    update attributions set status = 'verified'
    where statement_id = (select id from statements where text like 'Ransom%') returning statement_id as id`.execute(db);
  const user = await db.insertInto('users').values({ username: 'annie', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
  const ransom = verified.rows[0]!.id;
  const reckless = (await db.selectFrom('statements').select('id').where('text', 'like', 'The attack%').executeTakeFirstOrThrow()).id;
  await db.insertInto('annotations').values([
    { user_id: user.id, statement_id: ransom, tags: ['crime', 'money'], visibility: 'public' },
    { user_id: user.id, statement_id: reckless, tags: ['secret-tag'], visibility: 'private' },
  ]).execute();
  return { articles: [a1, a2, a3] };
}

/** The statements' texts of a JSON search response, in order. */
export function texts(body: { hits: { text: string }[] }): string[] {
  return body.hits.map((h) => h.text);
}
