import type { TestApp } from '../helpers/app.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';

/** The quote both articles credit to Ann Example: one cluster, one speaker (no conflict yet). */
export const SHARED_QUOTE = 'We will cut taxes for every single family next year';
export const BOB_QUOTE = 'The plan is reckless and badly wrong';

const ann = { name: 'Ann Example', kind: 'person' as const, mention: null, aliases: [] };
const bob = { name: 'Bob Other', kind: 'person' as const, mention: null, aliases: [] };

/**
 * Two articles: the first has Ann's quote (confidence 0.4) and Bob's (0.8), the second
 * repeats Ann's quote (0.95) in another outlet. Returns their ids and the speakers'.
 */
export async function seedReview(t: TestApp) {
  const db = t.handle.db;
  const first = await storedArticle(db, {
    title: 'Tax plan unveiled',
    outlet: 'Daily Review',
    text: `"${SHARED_QUOTE}," said Ann Example.\n\n"${BOB_QUOTE}," said Bob Other.\n\nA closing line with no quote.`,
  });
  await storeStatements(db, first, [
    statementOn(first.bodyText, SHARED_QUOTE, { speaker: ann, confidence: 0.4 }),
    statementOn(first.bodyText, BOB_QUOTE, { speaker: bob, confidence: 0.8, paragraphIndex: 1 }),
  ]);
  const second = await storedArticle(db, { title: 'Rally speech', outlet: 'Other Paper', text: `"${SHARED_QUOTE}," Ann Example told a rally.` });
  await storeStatements(db, second, [statementOn(second.bodyText, SHARED_QUOTE, { speaker: ann, confidence: 0.95 })]);
  const rows = (await t.handle.pool.query(
    `select s.id, s.article_id, s.text, at.speaker_id, sp.canonical_name from statements s
     join attributions at on at.statement_id = s.id and at.is_current join speakers sp on sp.id = at.speaker_id order by s.id`,
  )).rows as { id: number; article_id: number; text: string; speaker_id: number; canonical_name: string }[];
  const annQuote = rows.find((r) => r.article_id === first.id && r.text === SHARED_QUOTE)!;
  const bobQuote = rows.find((r) => r.text === BOB_QUOTE)!;
  const rallyQuote = rows.find((r) => r.article_id === second.id)!;
  return {
    first,
    second,
    annQuote: annQuote.id,
    bobQuote: bobQuote.id,
    rallyQuote: rallyQuote.id,
    annId: annQuote.speaker_id,
    bobId: bobQuote.speaker_id,
  };
}
