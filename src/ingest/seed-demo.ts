import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countArticles } from '../articles/articles.queries.ts';
import type { Logger } from '../logger.ts';
import { buildSubmission } from './build-submission.ts';
import { ingestArticle } from './ingest-article.ts';
import type { ReaderPool } from './reader-pool.ts';
import type { StoreTarget } from './store-transaction.ts';

// The AFP wire story Verbatim was designed from (test/fixtures/seed-article.txt is the page
// as captured, for the extraction tests): here only its body, without the page's repeated
// headline, dateline, caption and app-store lines or AFP's closing blurb, so the sample
// reads as the story and lists each quote once.
const SAMPLE_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'sample-article.txt');

// The metadata the page printed ("Published: 08:20 AM, 20 Jul, 2021": a day, since the
// page names no time zone). The URL follows the outlet's address scheme (date, then slug).
const SAMPLE_FIELDS = {
  title: "China slams 'groundless' allegations of Microsoft hack",
  subtitle: 'US accuses Beijing of massive cyberattack on Microsoft, rallies allies in condemnation',
  outlet: '24 News HD',
  agency: 'Agence France-Presse',
  url: 'https://www.24newshd.tv/20-Jul-2021/china-slams-groundless-allegations-of-microsoft-hack',
  published: '2021-07-20',
};

/** Loads the sample article into an empty database, so a first run shows something real. */
export async function seedDemoArticle(store: StoreTarget, readers: ReaderPool, logger: Logger): Promise<void> {
  if ((await countArticles(store.db)) > 0) return;
  const text = await fs.readFile(SAMPLE_FILE, 'utf8');
  const raw = { fields: SAMPLE_FIELDS, body: { text, format: 'text' as const, field: 'text' } };
  const result = await ingestArticle(store, await buildSubmission(raw, readers.readArticle));
  logger.info({ articleId: result.articleId, statements: result.statementCount }, 'loaded the demo article');
}
