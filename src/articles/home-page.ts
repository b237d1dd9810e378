import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { loadClusterList } from '../clusters/cluster-list.ts';
import type { ClusterView } from '../clusters/cluster.presenter.ts';
import { type SiteCounts, siteCounts } from '../stats/site-counts.queries.ts';
import { type ArticleListItem, listRecentArticles } from './articles.queries.ts';

/** Articles listed on the home page, newest stored first. */
export const HOME_ARTICLES = 50;
/** Conflicting clusters on the home page, newest first (the rest: /clusters?conflicting=true). */
export const HOME_CONFLICTS = 5;

export interface HomePage {
  counts: SiteCounts;
  /** The newest quote clusters credited to different speakers, with their speakers. */
  conflicts: ClusterView[];
  articles: ArticleListItem[];
}

/** Everything the home page shows: three counts, the newest conflicts and the newest articles. */
export async function loadHomePage(db: Kysely<Database>): Promise<HomePage> {
  const [counts, { clusters: conflicts }, articles] = await Promise.all([
    siteCounts(db),
    loadClusterList(db, { conflicting: true }, HOME_CONFLICTS, 1),
    listRecentArticles(db, HOME_ARTICLES),
  ]);
  return { counts, conflicts, articles };
}
