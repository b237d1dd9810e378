import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
// @ts-expect-error citation-js ships no types
import { plugins, version as citationJsVersion } from '@citation-js/core';
import type { Database } from '../db/database.ts';
import { type CslItem, formatCitation } from './citation.ts';
import type { ExportRow } from './export.queries.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Postgres' foreign_key_violation: the article was deleted while its citation was being made. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The citations of an export's articles in one style, page by page. Formatting one takes
 * citeproc about a millisecond (1.3 ms of CPU for APA here), so a million-row export of 100,000
 * articles would spend two minutes on them: each is made once and kept in article_citations,
 * under a key that hashes everything it is made from (the style's CSL file as registered, the
 * citation-js version, formatCitation's own code, the article's CSL-JSON item). A stored
 * citation whose key differs is stale: it is made again and replaced. Memory: the citations of
 * one page's articles.
 */
export class CitationCache {
  private readonly styleKey: string;
  private current = new Map<number, string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly style: string,
    private readonly item: (row: ExportRow) => CslItem,
  ) {
    const xml = plugins.config.get('@csl').templates.get(style) as string;
    this.styleKey = sha256(`${citationJsVersion}\n${formatCitation.toString()}\n${xml}`);
  }

  /**
   * Makes the citations of `rows`' articles ready for `get`: one query for the stored ones, then
   * citation-js for those missing or stale, stored in one statement. Keeps only this page's.
   */
  async prepare(rows: ExportRow[]): Promise<void> {
    const next = new Map<number, string>();
    const wanted = new Map<number, { item: CslItem; key: string }>();
    for (const row of rows) {
      const id = row.article_id;
      if (next.has(id) || wanted.has(id)) continue;
      const known = this.current.get(id);
      if (known !== undefined) next.set(id, known);
      else {
        const item = this.item(row);
        wanted.set(id, { item, key: sha256(`${this.styleKey}\n${JSON.stringify(item)}`) });
      }
    }
    this.current = next;
    if (wanted.size === 0) return;
    const stored = await sql<{ article_id: number; source_key: string; citation: string }>`
      select article_id, source_key, citation from article_citations
      where style = ${this.style} and article_id = any(${[...wanted.keys()]}::int[])`.execute(this.db);
    for (const s of stored.rows) if (wanted.get(s.article_id)?.key === s.source_key) next.set(s.article_id, s.citation);
    const made = [...wanted].filter(([id]) => !next.has(id)).map(([id, { item, key }]) => {
      const citation = formatCitation(item, this.style);
      next.set(id, citation);
      return { id, key, citation };
    });
    if (made.length) await this.store(made.sort((a, b) => a.id - b.id)); // one lock order for concurrent exports
  }

  /** The citation of an article of the last prepared page. */
  get(articleId: number): string {
    const text = this.current.get(articleId);
    if (text === undefined) throw new Error(`citation of article ${articleId} asked before its page was prepared`);
    return text;
  }

  private async store(made: { id: number; key: string; citation: string }[]): Promise<void> {
    try {
      await sql`
        insert into article_citations (article_id, style, source_key, citation)
        select m.id, ${this.style}, m.key, m.citation
        from unnest(${made.map((m) => m.id)}::int[], ${made.map((m) => m.key)}::text[], ${made.map((m) => m.citation)}::text[]) as m(id, key, citation)
        on conflict (article_id, style) do update set source_key = excluded.source_key, citation = excluded.citation`.execute(this.db);
    } catch (err) {
      // An article deleted meanwhile: its citation is not kept, the export goes on.
      if ((err as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw err;
    }
  }
}
