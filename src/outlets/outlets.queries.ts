import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../http/errors.ts';

export interface OutletSummary {
  id: number;
  name: string;
  article_count: number;
  statement_count: number;
}

const articleCount = sql<number>`(select count(*)::int from articles a where a.outlet_id = o.id)`;
const statementCount = sql<number>`(select count(*)::int from statements s join articles a on a.id = s.article_id where a.outlet_id = o.id)`;

/** Outlets by article count (statement counts are left to the outlet's own page: costly in bulk). */
export async function listOutlets(db: Kysely<Database>, limit: number): Promise<Omit<OutletSummary, 'statement_count'>[]> {
  return db
    .selectFrom('outlets as o')
    .select(['o.id', 'o.name', articleCount.as('article_count')])
    .orderBy('article_count', 'desc')
    .orderBy('o.name')
    .limit(limit)
    .execute();
}

export async function getOutlet(db: Kysely<Database>, id: number): Promise<OutletSummary> {
  const row = await db
    .selectFrom('outlets as o')
    .select(['o.id', 'o.name', articleCount.as('article_count'), statementCount.as('statement_count')])
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Outlet ${id}`);
  return row;
}

export interface QuotedSpeaker {
  id: number;
  canonical_name: string;
  kind: 'person' | 'organization';
  count: number;
}

/** Who the outlet quotes most, by statements attributed to them. */
export async function speakersQuotedBy(db: Kysely<Database>, outletId: number, limit: number): Promise<QuotedSpeaker[]> {
  return db
    .selectFrom('articles as a')
    .innerJoin('statements as s', 's.article_id', 'a.id')
    .innerJoin('attributions as at', (j) => j.onRef('at.statement_id', '=', 's.id').on('at.is_current', '=', true))
    .innerJoin('speakers as sp', 'sp.id', 'at.speaker_id')
    .select(['sp.id', 'sp.canonical_name', 'sp.kind', sql<number>`count(*)::int`.as('count')])
    .where('a.outlet_id', '=', outletId)
    .groupBy(['sp.id', 'sp.canonical_name', 'sp.kind'])
    .orderBy('count', 'desc')
    .orderBy('sp.canonical_name')
    .limit(limit)
    .execute();
}

export async function recentOutletArticles(db: Kysely<Database>, outletId: number, limit: number) {
  return db
    .selectFrom('articles')
    .select(['id', 'title', 'published_at'])
    .where('outlet_id', '=', outletId)
    .orderBy(sql`published_at desc nulls last`)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
