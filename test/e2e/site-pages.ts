import type { Page } from 'playwright-core';
import type { Role } from '../../src/auth/auth.ts';
import { addSeedArticle } from '../export/seed-source.ts';
import { loggedIn, type TestApp } from '../helpers/app.ts';
import { seedImport } from '../imports/seed-imports.ts';

/** Ids of seeded rows the page list opens. */
export interface SeededSite {
  articleId: number;
  statementId: number;
  speakerId: number;
  outletId: number;
  clusterId: number;
  importId: number;
}

/** A long unbroken word and URL: the text that pushes a phone page wider if anything can. */
export const LONG_WORD = 'Antidisestablishmentarianism'.repeat(4);
export const LONG_URL = `https://example.org/${'very-long-path-segment-'.repeat(8)}end`;

/**
 * The seed article (its "ecosystem" line is a conflicting cluster), a second article with a
 * long unbroken word and URL, a shared annotation, and an unfinished import with a failed
 * and a rejected record: so every list below is non-empty.
 */
export async function seedSite(t: TestApp): Promise<SeededSite> {
  const editor = await loggedIn(t, 'editor');
  const articleId = await addSeedArticle(editor);
  await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send({
    title: `A headline with ${LONG_WORD}`, outlet: `The ${LONG_WORD} Gazette`, url: LONG_URL, published: '2024-03-01',
    text: `"The ${LONG_WORD} clause is gone, see ${LONG_URL}," the minister said.\n\nShe added that talks would continue.`,
  }).expect(201);
  const db = t.handle.db;
  const statement = await db.selectFrom('statements as s').innerJoin('attributions as at', (j) => j.onRef('at.statement_id', '=', 's.id').on('at.is_current', '=', true))
    .select(['s.id', 'at.speaker_id']).where('s.article_id', '=', articleId).where('at.speaker_id', 'is not', null).orderBy('s.start_offset').executeTakeFirstOrThrow();
  const article = await db.selectFrom('articles').select('outlet_id').where('id', '=', articleId).executeTakeFirstOrThrow();
  const cluster = await db.selectFrom('quote_clusters').select('id').where('conflicting', '=', true).executeTakeFirstOrThrow();
  await editor.agent.post('/api/annotations').set('x-csrf-token', editor.csrfToken)
    .send({ statementId: statement.id, note: `Checked ${LONG_URL}`, tags: ['checked'], verdict: 'accurate', visibility: 'shared' }).expect(201);
  // An unfinished import read from a long path (its failed and rejected rows must wrap); it
  // stores nothing: the home page counts the two articles above.
  const { importId } = await seedImport(t, { storeNothing: true, source: `/data/archives/${LONG_WORD}/${'cc-news-2024-'.repeat(6)}part-00001.warc.gz`, label: `CC-NEWS ${LONG_WORD}` });
  return { articleId, statementId: statement.id, speakerId: statement.speaker_id!, outletId: article.outlet_id!, clusterId: cluster.id, importId };
}

/** One page of the site: how to reach it, as whom, and the status it answers. */
export interface SitePage {
  name: string;
  /** Who opens it: a visitor, or a user of this role (default admin: every page exists for one). */
  as?: Role | 'visitor';
  /** A path, or steps that end on the page (a form submitted, for pages only a POST shows). */
  open: string | ((page: Page, baseUrl: string) => Promise<unknown>);
  status?: number;
}

/**
 * Every page of the site, with seeded data: the one list the phone-width test (and any
 * test that must visit every page) walks. A new page is one more line here.
 */
export function sitePages(s: SeededSite): SitePage[] {
  return [
    { name: 'home', open: '/' },
    { name: 'home (visitor)', as: 'visitor', open: '/' },
    { name: 'login', as: 'visitor', open: `/login?next=${encodeURIComponent('/review')}` },
    { name: 'search with results and facets', open: '/search?q=hack&facets=true' },
    { name: 'search with filters open', open: '/search?q=hack&speaker=Antony%20Blinken&from=2021-01-01' },
    { name: 'search, similar mode with its diff', open: `/search?mode=similar&q=${encodeURIComponent('has fostered an ecosystem of criminal hackers who carry out state-sponsored activities and cybercrime for their own gain')}` },
    { name: 'search error', open: '/search?from=2021-13-45', status: 400 },
    { name: 'article', open: `/articles/${s.articleId}` },
    { name: 'article with long words', open: async (page, base) => {
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: /A headline with/ }).click();
    } },
    { name: 'statement', open: `/statements/${s.statementId}` },
    { name: 'speakers', open: '/speakers' },
    { name: 'speaker', open: `/speakers/${s.speakerId}` },
    { name: 'outlets', open: '/outlets' },
    { name: 'outlet', open: `/outlets/${s.outletId}` },
    { name: 'clusters', open: '/clusters' },
    { name: 'conflicting clusters', open: '/clusters?conflicting=true' },
    { name: 'cluster', open: `/clusters/${s.clusterId}` },
    { name: 'annotations', open: '/annotations' },
    { name: 'review queue', open: '/review' },
    { name: 'account', open: '/account' },
    { name: 'admin users', open: '/admin/users' },
    { name: 'admin audit', open: '/admin/audit' },
    { name: 'admin imports', open: '/admin/imports' },
    { name: 'admin import with failed and rejected records', open: `/admin/imports/${s.importId}` },
    { name: 'new article', open: '/articles/new' },
    { name: 'article delete confirmation', open: `/articles/${s.articleId}/delete` },
    { name: 'speaker merge', open: `/speakers/${s.speakerId}/merge?q=a` },
    { name: 'speaker edit (form with errors)', status: 400, open: async (page, base) => {
      await page.goto(`${base}/speakers/${s.speakerId}`);
      await page.locator('#edit-name').evaluate((el) => { (el as HTMLInputElement).required = false; (el as HTMLInputElement).value = ''; });
      await page.locator('form[aria-label="Rename or change kind"] button[type=submit]').click();
    } },
    { name: 'edit conflict', status: 409, open: async (page, base) => {
      await page.goto(`${base}/speakers/${s.speakerId}`);
      const form = page.locator('form[aria-label="Rename or change kind"]');
      await form.locator('input[name=version]').evaluate((el) => { (el as HTMLInputElement).value = String(Number((el as HTMLInputElement).value) + 1); });
      await form.locator('button[type=submit]').click();
    } },
    { name: '404', open: '/no-such-page', status: 404 },
    { name: '403 (reader on the new-article form)', as: 'reader', open: '/articles/new', status: 403 },
    { name: '403 (editor on admin users)', as: 'editor', open: '/admin/users', status: 403 },
  ];
}
