import type { Express } from 'express';
import request from 'supertest';

/**
 * The statement ids GET /api/search lists for `query` (`?q=hack&sort=oldest`, or '' for no
 * parameters), every page followed through `next`, in the search's order; `pageSize` hits a page.
 */
export async function searchIds(app: Express, query: string, pageSize = 3): Promise<number[]> {
  const ids: number[] = [];
  let next: string | null = `/api/search${query}${query ? '&' : '?'}limit=${pageSize}&facets=false`;
  while (next) {
    const page: { hits: { id: number }[]; next: string | null } = (await request(app).get(next).expect(200)).body;
    ids.push(...page.hits.map((h) => h.id));
    next = page.next;
  }
  return ids;
}
