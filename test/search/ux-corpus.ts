import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';

// The search-UX tests' corpus: 45 "harbour" statements for paging (each by its own speaker,
// so none is a copy of another), one statement syndicated by four outlets (one quote
// cluster, one speaker) and carried once more by a fifth credited to someone else, and
// words for prefix search.

export const HARBOUR_COUNT = 45;
export const SYNDICATED = 'We will defend every inch of allied territory whatever it takes';
export const SYNDICATING_OUTLETS = ['Wire Daily', 'Capital Herald', 'Northern Post', 'Evening Courier'];

export async function buildUxCorpus(db: Kysely<Database>) {
  for (let a = 0; a < 3; a++) {
    const quotes = Array.from({ length: 15 }, (_, i) => `The harbour ${['dredging', 'tariff', 'ferry'][a]} item ${a * 15 + i} holds`);
    const body = quotes.map((q, i) => `"${q}," said Harbour Official ${a * 15 + i}.`).join('\n\n');
    const article = await storedArticle(db, { title: `Harbour news ${a}`, outlet: `Harbour Outlet ${a}`, published: `2022-0${a + 1}-10`, text: body });
    await storeStatements(db, article, quotes.map((q, i) => statementOn(body, q, {
      paragraphIndex: i,
      speaker: { name: `Harbour Official ${a * 15 + i}`, kind: 'person', mention: null, aliases: [] },
    })));
  }
  const nato = { name: 'Jens Stoltenberg', kind: 'person' as const, mention: null, aliases: [] };
  const carriers = [...SYNDICATING_OUTLETS.map((outlet) => ({ outlet, speaker: nato })), { outlet: 'Other Gazette', speaker: { name: 'Mark Rutte', kind: 'person' as const, mention: null, aliases: [] } }];
  for (const [i, c] of carriers.entries()) {
    const body = `"${SYNDICATED}," ${c.speaker.name} told ${c.outlet}.`;
    const article = await storedArticle(db, { title: `Alliance ${i}`, outlet: c.outlet, published: `2023-03-0${i + 1}`, text: body });
    await storeStatements(db, article, [statementOn(body, SYNDICATED, { speaker: c.speaker })]);
  }
  const body = '"Cyberspace is contested," the minister said.\n\n"Cybercrime pays too well," the minister added.\n\n"Cyber attacks rose," she said.';
  const article = await storedArticle(db, { title: 'Cyber', outlet: 'Tech Weekly', published: '2024-05-05', text: body });
  await storeStatements(db, article, [
    statementOn(body, 'Cyberspace is contested', { speaker: { name: 'Minister Alpha', kind: 'person', mention: null, aliases: [] } }),
    statementOn(body, 'Cybercrime pays too well', { paragraphIndex: 1, speaker: { name: 'Minister Beta', kind: 'person', mention: null, aliases: [] } }),
    statementOn(body, 'Cyber attacks rose', { paragraphIndex: 2, speaker: { name: 'Minister Gamma', kind: 'person', mention: null, aliases: [] } }),
  ]);
}
