import { type Kysely, sql } from 'kysely';
import type { ArticleRow, Database } from '../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import type { ArticleSubmission } from './articles.ts';

export async function findDuplicateArticle(
  db: Kysely<Database>,
  sha: string,
  canonicalUrl: string | null,
): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('articles')
    .select('id')
    .where((eb) => eb.or([eb('content_sha256', '=', sha), ...(canonicalUrl ? [eb('canonical_url', '=', canonicalUrl)] : [])]))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The outlet's id, created if new. Race-free through the unique key on normalized_name: a
 * concurrent store inserting the same new outlet makes this insert wait for it to commit,
 * do nothing, and the select then reads its row. (DO NOTHING, not DO UPDATE: an update
 * would lock an existing outlet's row until commit, queueing every store of that outlet.)
 */
export async function upsertOutlet(db: Kysely<Database>, name: string, normalizedName: string): Promise<number> {
  const inserted = await db
    .insertInto('outlets')
    .values({ name, normalized_name: normalizedName })
    .onConflict((oc) => oc.column('normalized_name').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const row = await db.selectFrom('outlets').select('id').where('normalized_name', '=', normalizedName).executeTakeFirstOrThrow();
  return row.id;
}

export async function insertArticle(
  db: Kysely<Database>,
  a: ArticleSubmission,
  sha: string,
  outletId: number | null,
): Promise<{ id: number }> {
  return db
    .insertInto('articles')
    .values({
      outlet_id: outletId,
      title: a.title,
      subtitle: a.subtitle,
      byline: a.byline,
      agency: a.agency,
      url: a.url,
      canonical_url: a.canonicalUrl,
      published_at: a.published,
      accessed_at: a.accessed,
      language: a.language,
      body_text: a.bodyText,
      content_sha256: sha,
      source_format: a.sourceFormat,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export type ArticleWithOutlet = ArticleRow & { outlet_name: string | null };

export async function getArticle(db: Kysely<Database>, id: number): Promise<ArticleWithOutlet> {
  const row = await db
    .selectFrom('articles as a')
    .leftJoin('outlets as o', 'o.id', 'a.outlet_id')
    .selectAll('a')
    .select('o.name as outlet_name')
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Article ${id}`);
  return row;
}

export interface ArticleListItem {
  id: number;
  title: string;
  outlet_name: string | null;
  published_at: Date | null;
  ingested_at: Date;
  statement_count: number;
}

export async function listRecentArticles(db: Kysely<Database>, limit: number): Promise<ArticleListItem[]> {
  return db
    .selectFrom('articles as a')
    .leftJoin('outlets as o', 'o.id', 'a.outlet_id')
    .select([
      'a.id',
      'a.title',
      'o.name as outlet_name',
      'a.published_at',
      'a.ingested_at',
      sql<number>`(select count(*)::int from statements s where s.article_id = a.id)`.as('statement_count'),
    ])
    .orderBy('a.ingested_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute() as Promise<ArticleListItem[]>;
}

export async function countArticles(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('articles').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}
