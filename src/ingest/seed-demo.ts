import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { countArticles } from '../articles/articles.queries.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { buildSubmission } from './build-submission.ts';
import { ingestArticle } from './ingest-article.ts';
import type { IngestPool } from './ingest-pool.ts';

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
export async function seedDemoArticle(db: Kysely<Database>, ingest: IngestPool, logger: Logger): Promise<void> {
  if ((await countArticles(db)) > 0) return;
  const text = await fs.readFile(SEED_FILE, 'utf8');
  const raw = { fields: SEED_FIELDS, body: { text, format: 'text' as const, field: 'text' } };
  const result = await ingestArticle(db, await buildSubmission(raw, ingest.readArticle));
  logger.info({ articleId: result.articleId, statements: result.statementCount }, 'loaded the demo article');
}
