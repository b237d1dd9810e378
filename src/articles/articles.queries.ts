import { type Kysely, sql } from 'kysely';
import type { ArticleRow, Database } from '../db/database.ts';
import { unnestInsert } from '../db/unnest-insert.ts';
import { NotFoundError } from '../http/errors.ts';
import type { ArticleSubmission } from './articles.ts';

/**
 * For each article (its content hash and canonical URL), the stored article it duplicates:
 * the lowest id with the same content or the same canonical URL; undefined where none. One
 * query for any number.
 */
export async function findDuplicateArticles(
  db: Kysely<Database>,
  articles: { sha: string; canonicalUrl: string | null }[],
): Promise<({ id: number } | undefined)[]> {
  if (articles.length === 0) return [];
  const urls = articles.map((a) => a.canonicalUrl).filter((u): u is string => u !== null);
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'content_sha256', 'canonical_url'])
    .where((eb) => eb.or([eb('content_sha256', '=', eb.fn.any(eb.val(articles.map((a) => a.sha)))), ...(urls.length ? [eb('canonical_url', '=', eb.fn.any(eb.val(urls)))] : [])]))
    .orderBy('id')
    .execute();
  return articles.map((a) => {
    const row = rows.find((r) => r.content_sha256 === a.sha || (a.canonicalUrl !== null && r.canonical_url === a.canonicalUrl));
    return row && { id: row.id };
  });
}

/**
 * The outlets' ids by normalized name, those not stored yet created. Race-free through the
 * unique key on normalized_name: a concurrent store inserting the same new outlet makes this
 * insert wait for it to commit, do nothing, and the select then reads its row. Names are
 * inserted in sorted order, so two stores never wait for each other's. (DO NOTHING, not DO
 * UPDATE: an update would lock an existing outlet's row until commit, queueing every store
 * of that outlet.)
 */
export async function upsertOutlets(db: Kysely<Database>, outlets: { name: string; normalizedName: string }[]): Promise<Map<string, number>> {
  const unique = [...new Map(outlets.map((o) => [o.normalizedName, o])).values()].sort((a, b) => (a.normalizedName < b.normalizedName ? -1 : a.normalizedName > b.normalizedName ? 1 : 0));
  if (unique.length === 0) return new Map();
  const insert = unnestInsert('outlets', { name: ['text', unique.map((o) => o.name)], normalized_name: ['text', unique.map((o) => o.normalizedName)] });
  const inserted = (await sql<{ id: number; normalized_name: string }>`${insert} on conflict (normalized_name) do nothing returning id, normalized_name`.execute(db)).rows;
  const ids = new Map(inserted.map((r) => [r.normalized_name, r.id]));
  const missing = unique.filter((o) => !ids.has(o.normalizedName)).map((o) => o.normalizedName);
  if (missing.length) {
    const rows = await db.selectFrom('outlets').select(['id', 'normalized_name']).where('normalized_name', '=', sql<string>`any(${missing}::text[])`).execute();
    for (const r of rows) ids.set(r.normalized_name, r.id);
  }
  return ids;
}

/** Inserts articles (each with its content hash and outlet id); returns their ids in order. One statement for any number. */
export async function insertArticles(
  db: Kysely<Database>,
  articles: { submission: ArticleSubmission; sha: string; outletId: number | null }[],
): Promise<number[]> {
  if (articles.length === 0) return [];
  const col = <T>(f: (a: ArticleSubmission) => T) => articles.map((a) => f(a.submission));
  const insert = unnestInsert('articles', {
    outlet_id: ['int', articles.map((a) => a.outletId)],
    title: ['text', col((a) => a.title)],
    subtitle: ['text', col((a) => a.subtitle)],
    byline: ['text', col((a) => a.byline)],
    agency: ['text', col((a) => a.agency)],
    url: ['text', col((a) => a.url)],
    canonical_url: ['text', col((a) => a.canonicalUrl)],
    published_at: ['timestamptz', col((a) => a.published)],
    accessed_at: ['timestamptz', col((a) => a.accessed)],
    language: ['text', col((a) => a.language)],
    body_text: ['text', col((a) => a.bodyText)],
    content_sha256: ['text', articles.map((a) => a.sha)],
    source_format: ['text', col((a) => a.sourceFormat)],
  });
  // Matched by content hash (unique), not position: RETURNING order is not promised.
  const rows = (await sql<{ id: number; content_sha256: string }>`${insert} returning id, content_sha256`.execute(db)).rows;
  const idBySha = new Map(rows.map((r) => [r.content_sha256, r.id]));
  return articles.map((a) => idBySha.get(a.sha)!);
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
