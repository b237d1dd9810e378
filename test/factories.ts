import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { ExtractedStatement, ExtractionResult } from '../src/extraction/index.ts';
import { loadConfig } from '../src/config.ts';
import { buildSubmission } from '../src/ingest/build-submission.ts';
import { type ArticleReader, readArticleBody } from '../src/ingest/read-article-body.ts';
import { contentSha256, normalizeOutletName } from '../src/articles/articles.ts';
import { insertArticle, upsertOutlet } from '../src/articles/articles.queries.ts';
import { persistExtraction } from '../src/ingest/persist-extraction.ts';

let counter = 0;

/** Article fields as the API takes them, unique text each call. */
export function articleInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    title: `Minister speaks ${counter}`,
    outlet: 'The Daily Test',
    published: '2024-03-01',
    text: `"We will act," the minister said on day ${counter}.\n\nShe added that talks would continue.`,
    ...overrides,
  };
}

// Reads on this thread: the factories' short plain texts need no worker pool.
const readHere: ArticleReader = async (task) => readArticleBody(task, { maxHtmlDepth: loadConfig({}).ingest.maxHtmlDepth });

/** An article row only, without its statements: tests add the statements they want. */
export async function storedArticle(db: Kysely<Database>, overrides: Record<string, unknown> = {}) {
  const { text, ...fields } = articleInput(overrides);
  const { submission: s } = await buildSubmission({ fields, body: { text: String(text), format: 'text', field: 'text' } }, readHere);
  const outletId = s.outlet ? await upsertOutlet(db, s.outlet, normalizeOutletName(s.outlet)) : null;
  const { id } = await insertArticle(db, s, contentSha256(s.bodyText), outletId);
  return { id, bodyText: s.bodyText, publishedAt: s.published };
}

/** A statement covering `words` (first occurrence) in `body`; offsets in code points. */
export function statementOn(body: string, words: string, extra: Partial<ExtractedStatement> = {}): ExtractedStatement {
  const unitStart = body.indexOf(words);
  if (unitStart < 0) throw new Error(`"${words}" is not in the body`);
  const start = [...body.slice(0, unitStart)].length;
  return {
    kind: 'quote',
    start,
    end: start + [...words].length,
    text: words,
    paragraphIndex: 0,
    quoteType: 'direct',
    cue: null,
    speaker: { name: 'Ann Example', kind: 'person', mention: null, aliases: [] },
    role: null,
    confidence: 0.9,
    evidence: 'test',
    ...extra,
  };
}

export async function storeStatements(
  db: Kysely<Database>,
  article: { id: number; bodyText: string; publishedAt: Date | null },
  statements: ExtractedStatement[],
  extractorVersion = 'test-1',
) {
  const result: ExtractionResult = { extractorVersion, statements };
  return db.transaction().execute((trx) => persistExtraction(trx, article, result));
}
