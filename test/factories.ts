import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { ExtractedStatement, ExtractionResult } from '../src/extraction/index.ts';
import { loadConfig } from '../src/config.ts';
import { type BuiltArticle, buildSubmission } from '../src/ingest/build-submission.ts';
import { type ArticleReader, readArticleBody } from '../src/ingest/read-article-body.ts';
import { contentSha256, normalizeOutletName } from '../src/articles/articles.ts';
import { insertArticles, upsertOutlets } from '../src/articles/articles.queries.ts';
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

/**
 * Reads on this thread what the app's reader pool reads in a worker: the factories' and unit
 * tests' plain texts need no worker threads (the pool has tests of its own).
 */
export const readHere: ArticleReader = async (task) => readArticleBody(task, { maxHtmlDepth: loadConfig({}).readers.maxHtmlDepth });

/** A new article as the API would build it (fields, body text, extraction), ready to ingest. */
export function builtArticle(overrides: Record<string, unknown> = {}): Promise<BuiltArticle> {
  const { text, ...fields } = articleInput(overrides);
  return buildSubmission({ fields, body: { text: String(text), format: 'text', field: 'text' } }, readHere);
}

/** An article row only, without its statements: tests add the statements they want. */
export async function storedArticle(db: Kysely<Database>, overrides: Record<string, unknown> = {}) {
  const { submission: s } = await builtArticle(overrides);
  const outletId = s.outlet ? (await upsertOutlets(db, [{ name: s.outlet, normalizedName: normalizeOutletName(s.outlet) }])).get(normalizeOutletName(s.outlet))! : null;
  const [id] = await insertArticles(db, [{ submission: s, sha: contentSha256(s.bodyText), outletId }]);
  return { id: id!, bodyText: s.bodyText, publishedAt: s.published };
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

