// A quotation split by its attribution ("Closing the estuary," said Y, "will change the salt
// balance.") is two quote statements: the extractor keeps each run of words between quote
// marks as its own span, offsets and all. They are one utterance: the second part names the
// first in statements.continues_statement_id, the article page shows them as one, and the
// first part's search row holds the joined words (the statement_utterance_vector function,
// migrations 20261130040000 and 20261130090000, kept by triggers).

/** One quote of an article as the split rule reads it; offsets in code points. */
export interface QuotePart {
  id: number;
  start: number;
  end: number;
  paragraphIndex: number;
  /** The cue's start (null: no cue). */
  cueStart: number | null;
  /** The current attribution's mention span (null: none). */
  mentionStart: number | null;
  mentionEnd: number | null;
  /** It already continues another part. */
  continues: boolean;
  /** Another part already continues it. */
  continued: boolean;
}

/**
 * The split quotations among one article's quotes: each quote whose previous quote in text
 * order (start, then id) lies in the same paragraph and has the same attribution mention,
 * with that mention (and its cue, when it has one) between the two parts, continues that
 * previous quote. Links already set stay: a part that already continues another, or is
 * already continued, takes no new link. Returns the new links, `id` continuing `continuesId`.
 */
export function splitQuoteLinks(quotes: readonly QuotePart[]): { id: number; continuesId: number }[] {
  const ordered = [...quotes].sort((a, b) => a.start - b.start || a.id - b.id);
  const links: { id: number; continuesId: number }[] = [];
  for (let i = 0; i + 1 < ordered.length; i++) {
    const q = ordered[i]!;
    const next = ordered[i + 1]!;
    if (next.continues || q.continued) continue;
    if (next.paragraphIndex !== q.paragraphIndex) continue;
    if (q.mentionStart === null || q.mentionEnd === null || next.mentionStart !== q.mentionStart) continue;
    if (!(q.end <= q.mentionStart && q.mentionEnd <= next.start)) continue;
    if (q.cueStart !== null && !(q.end <= q.cueStart && q.cueStart < next.start)) continue;
    links.push({ id: next.id, continuesId: q.id });
  }
  return links;
}
