import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/** A count for the home page: exact, or the planner's estimate (`approximate`) on a large table. */
export interface SiteCount {
  n: number;
  approximate: boolean;
}

export interface SiteCounts {
  articles: SiteCount;
  statements: SiteCount;
  /** Speakers not merged into another. */
  speakers: SiteCount;
}

/**
 * Past this many rows (by pg_class.reltuples, kept by ANALYZE/autovacuum) a table is not
 * counted row by row: its estimate is shown as "about". Below it, an exact count(*) takes
 * a few ms (an index-only or sequential scan of at most this many rows).
 */
export const EXACT_COUNT_LIMIT = 200_000;

/**
 * The home page's counts of articles, statements and (unmerged) speakers, in one round trip.
 * A table the planner has never analysed has reltuples -1 (PGlite, fresh tables): counted
 * exactly. `limit`: EXACT_COUNT_LIMIT (tests lower it). Estimates keep a growing corpus' home page at constant cost.
 */
export async function siteCounts(db: Kysely<Database>, limit = EXACT_COUNT_LIMIT): Promise<SiteCounts> {
  const estimate = (table: string) => sql<number>`(select greatest(reltuples, -1)::bigint from pg_class where oid = ${table}::regclass)`;
  const { rows } = await sql<{ articles: string; statements: string; speakers: string; articles_est: string; statements_est: string; speakers_est: string }>`
    with est as (select ${estimate('articles')} as articles_est, ${estimate('statements')} as statements_est, ${estimate('speakers')} as speakers_est)
    select est.*,
      case when est.articles_est < ${limit} then (select count(*) from articles) end as articles,
      case when est.statements_est < ${limit} then (select count(*) from statements) end as statements,
      case when est.speakers_est < ${limit} then (select count(*) from speakers where merged_into is null) end as speakers
    from est`.execute(db);
  const row = rows[0]!;
  const pick = (exact: string | null, est: string): SiteCount => (exact === null ? { n: Number(est), approximate: true } : { n: Number(exact), approximate: false });
  return { articles: pick(row.articles, row.articles_est), statements: pick(row.statements, row.statements_est), speakers: pick(row.speakers, row.speakers_est) };
}
