import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { splitQuoteLinks } from './split-quotes.ts';

/**
 * Links the split quotations of a stored article (splitQuoteLinks) among its current quotes
 * and attributions: only sets links, so links survive re-extraction of the untouched parts
 * and span corrections. A new article's parts are linked in their INSERT instead
 * (persistExtraction). Two queries inside the caller's transaction; returns how many links
 * it set.
 */
export async function linkSplitQuotes(db: Kysely<Database>, articleId: number): Promise<number> {
  const quotes = (
    await sql<{ id: number; start: number; end: number; paragraph_index: number; cue_start: number | null; mention_start: number | null; mention_end: number | null; continues: boolean; continued: boolean }>`
      select s.id, s.start_offset as start, s.end_offset as "end", s.paragraph_index, s.cue_start,
        at.mention_start, at.mention_end, s.continues_statement_id is not null as continues,
        exists (select 1 from statements c where c.continues_statement_id = s.id) as continued
      from statements s
      join attributions at on at.statement_id = s.id and at.is_current
      where s.article_id = ${articleId} and s.kind = 'quote'`.execute(db)
  ).rows;
  const links = splitQuoteLinks(
    quotes.map((q) => ({
      id: q.id,
      start: q.start,
      end: q.end,
      paragraphIndex: q.paragraph_index,
      cueStart: q.cue_start,
      mentionStart: q.mention_start,
      mentionEnd: q.mention_end,
      continues: q.continues,
      continued: q.continued,
    })),
  );
  if (links.length === 0) return 0;
  await sql`
    update statements t set continues_statement_id = l.continues_id
    from unnest(${links.map((l) => l.id)}::int[], ${links.map((l) => l.continuesId)}::int[]) as l(id, continues_id)
    where t.id = l.id`.execute(db);
  return links.length;
}
