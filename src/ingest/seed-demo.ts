import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countArticles } from '../articles/articles.queries.ts';
import type { Logger } from '../logger.ts';
import { buildSubmission } from './build-submission.ts';
import { ingestArticle } from './ingest-article.ts';
import type { ReaderPool } from './reader-pool.ts';
import type { StoreTarget } from './store-transaction.ts';

const SEED_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/seed-article.txt');

// The AFP wire story Verbatim was designed from, with the metadata its page printed.
const SEED_FIELDS = {
  title: "China slams 'groundless' allegations of Microsoft hack",
  subtitle: 'US accuses Beijing of massive cyberattack on Microsoft, rallies allies in condemnation',
  outlet: '24 News HD',
  agency: 'Agence France-Presse',
  published: '2021-07-20T08:20:00Z',
};

/** Loads the sample article into an empty database, so a first run shows something real. */
export async function seedDemoArticle(store: StoreTarget, readers: ReaderPool, logger: Logger): Promise<void> {
  if ((await countArticles(store.db)) > 0) return;
  const text = await fs.readFile(SEED_FILE, 'utf8');
  const raw = { fields: SEED_FIELDS, body: { text, format: 'text' as const, field: 'text' } };
  const result = await ingestArticle(store, await buildSubmission(raw, readers.readArticle));
  logger.info({ articleId: result.articleId, statements: result.statementCount }, 'loaded the demo article');
}
