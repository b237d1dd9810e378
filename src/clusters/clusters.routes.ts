import { exportLinks } from '../export/export-links.ts';
import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseId } from '../articles/articles.routes.ts';
import type { Database } from '../db/database.ts';
import { parseInput, noQueryParameters } from '../http/parse-input.ts';
import { idParam, pageLimit } from '../http/schema.ts';
import { presentCluster } from './cluster.presenter.ts';
import { clusterSpeakers } from './cluster-speakers.queries.ts';
import { getCluster, listClusterMembers } from './clusters.queries.ts';
import { loadClusterList } from './cluster-list.ts';

const PAGE_SIZE = 30;
/** Members shown on a cluster's page and per cluster in a list (with the longest version). */
const MEMBERS_ON_PAGE = 200;
const MEMBERS_IN_LIST = 10;

const listSchema = z.strictObject({
  conflicting: z.enum(['true', 'false', ''], { error: 'must be true or false' }).optional(),
  before: idParam('must be a cluster id from the previous page').optional(),
  limit: pageLimit(100).optional(),
});

function parseList(query: unknown) {
  const p = parseInput(listSchema, query);
  return { conflicting: p.conflicting === 'true' ? true : p.conflicting === 'false' ? false : undefined, beforeId: p.before, limit: p.limit ?? PAGE_SIZE };
}

export function clustersRouter(db: Kysely<Database>): Router {
  const router = Router();

  const clusterPage = async (id: number) => {
    const row = await getCluster(db, id);
    const [members, speakers] = await Promise.all([listClusterMembers(db, [id], MEMBERS_ON_PAGE), clusterSpeakers(db, [id])]);
    return presentCluster(row, members, speakers);
  };

  /** A page of clusters, each with its first members and its speakers. */
  const clusterList = async (query: unknown) => {
    const p = parseList(query);
    const { clusters, last } = await loadClusterList(db, p, p.limit, MEMBERS_IN_LIST);
    return { clusters, next: last === null ? null : String(last), conflicting: p.conflicting };
  };

  router.get('/clusters', async (req, res) => {
    const page = await clusterList(req.query);
    res.render('clusters', { title: page.conflicting ? 'Conflicting attributions' : 'Quote clusters', ...page });
  });

  router.get('/clusters/:id', noQueryParameters, async (req, res) => {
    const cluster = await clusterPage(parseId(String(req.params.id), `Quote cluster ${req.params.id}`));
    res.render('cluster', { title: `Quote cluster ${cluster.id}`, cluster, exportLinks: exportLinks({ cluster: String(cluster.id) }) });
  });

  router.get('/api/clusters', async (req, res) => {
    const { clusters, next } = await clusterList(req.query);
    res.json({ clusters, next });
  });

  router.get('/api/clusters/:id', noQueryParameters, async (req, res) => {
    res.json({ cluster: await clusterPage(parseId(String(req.params.id), `Quote cluster ${req.params.id}`)) });
  });

  return router;
}
