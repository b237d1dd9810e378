import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { MonthCount } from '../stats/month-chart.ts';

/** Statements per month of publication (articles without a date are left out). */
export async function speakerMonthlyCounts(db: Kysely<Database>, speakerId: number): Promise<MonthCount[]> {
  const rows = await db
    .selectFrom('attributions as at')
    .innerJoin('statements as s', 's.id', 'at.statement_id')
    .innerJoin('articles as a', 'a.id', 's.article_id')
    .select([sql<string>`to_char(a.published_at at time zone 'UTC', 'YYYY-MM')`.as('month'), sql<number>`count(*)::int`.as('count')])
    .where('at.speaker_id', '=', speakerId)
    .where('at.is_current', '=', true)
    .where('a.published_at', 'is not', null)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows;
}

export interface OutletCount {
  id: number;
  name: string;
  count: number;
}

/** The outlets that quote the speaker, most statements first. */
export async function outletsQuotingSpeaker(db: Kysely<Database>, speakerId: number, limit: number): Promise<OutletCount[]> {
  return db
    .selectFrom('attributions as at')
    .innerJoin('statements as s', 's.id', 'at.statement_id')
    .innerJoin('articles as a', 'a.id', 's.article_id')
    .innerJoin('outlets as o', 'o.id', 'a.outlet_id')
    .select(['o.id', 'o.name', sql<number>`count(*)::int`.as('count')])
    .where('at.speaker_id', '=', speakerId)
    .where('at.is_current', '=', true)
    .groupBy(['o.id', 'o.name'])
    .orderBy('count', 'desc')
    .orderBy('o.name')
    .limit(limit)
    .execute();
}
