import { readFileSync } from 'node:fs';
import type { loggedIn } from '../helpers/app.ts';

/** The seed article (AFP via 24 News HD, 20 July 2021): its text, and the URL it was published at. */
export const SEED_TEXT = readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8');
export const SEED_URL = 'https://www.24newshd.tv/20-Jul-2021/china-slams-groundless-allegations-of-microsoft-hack';

/**
 * Its APA 7 citation (citation-js' `apa`, en-US): the agency as author, the date, the headline
 * with its own quote marks as curly double quotes, the outlet, the URL.
 */
export const SEED_APA = `Agence France-Presse. (2021, July 20). China slams “groundless” allegations of Microsoft hack. 24 News HD. ${SEED_URL}`;

/** Stores the seed article with its metadata through POST /api/articles as `editor`; returns its id. */
export async function addSeedArticle(editor: Awaited<ReturnType<typeof loggedIn>>): Promise<number> {
  const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send({
    title: "China slams 'groundless' allegations of Microsoft hack",
    outlet: '24 News HD',
    agency: 'Agence France-Presse',
    published: '2021-07-20T08:20:00Z',
    url: SEED_URL,
    text: SEED_TEXT,
  }).expect(201);
  return res.body.id as number;
}
