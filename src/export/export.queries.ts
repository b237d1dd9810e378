import { type Kysely, sql } from 'kysely';
import { visibleTo } from '../annotations/annotations.queries.ts';
import type { SessionUser } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';

/** One statement as an export row needs it: the statement, its current attribution, its article, and what annotations `viewer` may see say of it. */
export interface ExportRow {
  id: number;
  kind: 'quote' | 'claim';
  quote_type: string;
  text: string;
  start_offset: number;
  end_offset: number;
  paragraph_index: number;
  cue_text: string | null;
  speaker_name: string | null;
  speaker_kind: 'person' | 'organization' | null;
  role_text: string | null;
  organization: string | null;
  status: string;
  confidence: number | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  article_id: number;
  article_title: string;
  outlet_name: string | null;
  agency: string | null;
  byline: string | null;
  published_at: Date | null;
  url: string | null;
  ingested_at: Date;
  extractor_version: string;
  annotation_count: number;
  tags: string[];
  verdicts: string[];
  ratings: string[];
}

/**
 * The export rows of statements `ids`, in the order of `ids` (the search's order). Annotation
 * columns count only what `viewer` may see (their own and shared, unhidden ones; a visitor
 * not logged in: shared ones). One query for the whole page of ids.
 */
export async function exportRowsByIds(db: Kysely<Database>, ids: number[], viewer: SessionUser | undefined): Promise<ExportRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('statements as s')
    .innerJoin('articles as a', 'a.id', 's.article_id')
    .leftJoin('outlets as o', 'o.id', 'a.outlet_id')
    .innerJoin('attributions as at', (j) => j.onRef('at.statement_id', '=', 's.id').on('at.is_current', '=', true))
    .leftJoin('speakers as sp', 'sp.id', 'at.speaker_id')
    .leftJoin('roles as r', 'r.id', 'at.role_id')
    .leftJoin('users as u', 'u.id', 'at.created_by')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('annotations as an')
          .select([
            sql<number>`count(*)::int`.as('annotation_count'),
            // Tags never hold control characters (typedText), so U+001F can join them.
            sql<string>`coalesce(string_agg(array_to_string(an.tags, chr(31)), chr(31)), '')`.as('tags'),
            sql<string[]>`coalesce(array_agg(distinct an.verdict) filter (where an.verdict is not null), '{}')`.as('verdicts'),
            sql<string[]>`coalesce(array_agg(distinct an.claim_rating) filter (where an.claim_rating is not null), '{}')`.as('ratings'),
          ])
          .whereRef('an.statement_id', '=', 's.id')
          .where(visibleTo(viewer))
          .as('n'),
      (j) => j.onTrue(),
    )
    .select([
      's.id', 's.kind', 's.quote_type', 's.text', 's.start_offset', 's.end_offset', 's.paragraph_index', 's.cue_text', 's.extractor_version',
      'sp.canonical_name as speaker_name', 'sp.kind as speaker_kind', 'at.role_text', 'r.organization', 'at.status', 'at.confidence',
      sql<string | null>`case when at.status <> 'machine' then u.username end`.as('reviewed_by'),
      sql<Date | null>`case when at.status <> 'machine' then at.created_at end`.as('reviewed_at'),
      'a.id as article_id', 'a.title as article_title', 'o.name as outlet_name', 'a.agency', 'a.byline', 'a.published_at', 'a.url', 'a.ingested_at',
      'n.annotation_count', 'n.tags', 'n.verdicts', 'n.ratings',
    ])
    .where('s.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, { ...r, tags: [...new Set((r.tags ?? '').split('\u001f').filter(Boolean))].sort() } as ExportRow]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
