// The app's queries with no app: the SQL the query builders compile to, sent straight
// through a pg.Pool (no HTTP, Express, presenter or JSON), step for step as runSearch does.
import { Kysely, PostgresDialect, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { decodeCursor } from '../../src/search/search.cursor.ts';
import { facetQuery, idHits, textHits } from '../../src/search/search.facets.ts';
import { hitsByIdQuery, searchPageQuery } from '../../src/search/search.queries.ts';
import { applyResolved, resolveQuery } from '../../src/search/search.resolve.ts';
import { parseSearchParams } from '../../src/search/search.ts';
import { prefilteredQuery, quoteWordsQuery, rarePairsTsquery, type ScoredRow, trigramQuery, type WordCount } from '../../src/search/similar.queries.ts';
import { normalizeStatementText } from '../../src/statements/normalize.ts';
import type { Params } from './query-mix.ts';

export function rawRunner(pool: pg.Pool) {
  // Used only to compile queries to SQL text; never executes anything.
  const compiler = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const run = async <T>(q: RawBuilder<T>): Promise<T[]> => {
    const c = q.compile(compiler);
    return (await pool.query(c.sql, c.parameters as unknown[])).rows as T[];
  };
  return async function rawSearch(query: Params): Promise<number> {
    const { params: parsed } = parseSearchParams(query);
    const resolve = resolveQuery(parsed.filters);
    const p = resolve ? { ...parsed, filters: applyResolved(parsed.filters, (await run(resolve))[0]) } : parsed;
    if (p.mode === 'text') {
      const [rows] = await Promise.all([run(searchPageQuery(p, decodeCursor(p.cursor, p.sort))), p.facets ? run(facetQuery(textHits(p))) : null]);
      return rows.length;
    }
    const normalized = normalizeStatementText(p.q);
    const tsq = rarePairsTsquery(await run<WordCount>(quoteWordsQuery(p.q)));
    let scored: ScoredRow[] = tsq ? await run(prefilteredQuery(tsq, normalized, p.filters)) : [];
    if (scored.length === 0) scored = await run(trigramQuery(normalized, p.filters));
    const page = scored.slice(0, p.limit).map((r) => r.id);
    await Promise.all([page.length ? run(hitsByIdQuery(page)) : null, p.facets && scored.length ? run(facetQuery(idHits(scored.map((r) => r.id)))) : null]);
    return page.length;
  };
}
