import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

// A quotation split by its attribution ("Closing the estuary," said Y, "will change the salt
// balance.") is two quote statements: the extractor keeps each run of words between quote
// marks as its own span, offsets and all. They are one utterance: the second part names the
// first in statements.continues_statement_id, the article page shows them as one, and the
// first part's search row holds the joined words (the statement_utterance_vector function,
// migration 20261130040000, kept by triggers).

/**
 * Links the split quotations of an article: each quote whose previous quote (in text order)
 * lies in the same paragraph and has the same current attribution mention, with that mention
 * (and its cue, when it has one) between the two parts, continues that previous quote.
 * Only sets links (a part that already continues another, or is already continued, keeps
 * its link), so links survive re-extraction of the untouched parts and span corrections.
 * Runs one UPDATE inside the caller's transaction; returns how many links it set.
 */
export async function linkSplitQuotes(db: Kysely<Database>, articleId: number): Promise<number> {
  const result = await sql`
    with quotes as (
      select s.id, s.paragraph_index, s.end_offset, s.cue_start, at.mention_start, at.mention_end,
        lead(s.id) over w as next_id,
        lead(s.start_offset) over w as next_start,
        lead(s.paragraph_index) over w as next_paragraph,
        lead(at.mention_start) over w as next_mention_start,
        lead(s.continues_statement_id) over w as next_continues
      from statements s
      join attributions at on at.statement_id = s.id and at.is_current
      where s.article_id = ${articleId} and s.kind = 'quote'
      window w as (order by s.start_offset, s.id)
    )
    update statements t set continues_statement_id = q.id
    from quotes q
    where t.id = q.next_id
      and q.next_continues is null
      and q.next_paragraph = q.paragraph_index
      and q.mention_start is not null
      and q.next_mention_start = q.mention_start
      and q.end_offset <= q.mention_start and q.mention_end <= q.next_start
      and (q.cue_start is null or (q.end_offset <= q.cue_start and q.cue_start < q.next_start))
      and not exists (select 1 from statements c where c.continues_statement_id = q.id)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
