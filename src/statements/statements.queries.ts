import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface StatementWithAttribution {
  id: number;
  article_id: number;
  kind: 'quote' | 'claim';
  text: string;
  start_offset: number;
  end_offset: number;
  paragraph_index: number;
  quote_type: 'direct' | 'partial' | 'mixed' | 'indirect';
  cue_text: string | null;
  cue_start: number | null;
  cue_end: number | null;
  speaker_id: number | null;
  speaker_name: string | null;
  speaker_kind: 'person' | 'organization' | null;
  role_text: string | null;
  mention_text: string | null;
  mention_start: number | null;
  mention_end: number | null;
  confidence: number | null;
  evidence: string | null;
  status: 'machine' | 'verified' | 'corrected' | 'rejected';
}

/** Every statement of an article in text order, with its current attribution. */
export async function listArticleStatements(db: Kysely<Database>, articleId: number): Promise<StatementWithAttribution[]> {
  return db
    .selectFrom('statements as s')
    .innerJoin('attributions as at', (j) => j.onRef('at.statement_id', '=', 's.id').on('at.is_current', '=', true))
    .leftJoin('speakers as sp', 'sp.id', 'at.speaker_id')
    .select([
      's.id',
      's.article_id',
      's.kind',
      's.text',
      's.start_offset',
      's.end_offset',
      's.paragraph_index',
      's.quote_type',
      's.cue_text',
      's.cue_start',
      's.cue_end',
      'at.speaker_id',
      'sp.canonical_name as speaker_name',
      'sp.kind as speaker_kind',
      'at.role_text',
      'at.mention_text',
      'at.mention_start',
      'at.mention_end',
      'at.confidence',
      'at.evidence',
      'at.status',
    ])
    .where('s.article_id', '=', articleId)
    .orderBy('s.start_offset')
    .orderBy('s.kind', 'desc')
    .execute();
}
