import type { Kysely, Selectable } from 'kysely';
import type { AttributionsTable, Database, StatementsTable } from '../db/database.ts';

type StatementRow = Selectable<StatementsTable>;
type AttributionRow = Selectable<AttributionsTable>;

export type StatementWithAttribution = Pick<
  StatementRow,
  'id' | 'article_id' | 'kind' | 'text' | 'start_offset' | 'end_offset' | 'paragraph_index' | 'quote_type' | 'cue_text' | 'cue_start' | 'cue_end' | 'cluster_id' | 'continues_statement_id'
> &
  Pick<AttributionRow, 'speaker_id' | 'role_text' | 'mention_text' | 'mention_start' | 'mention_end' | 'confidence' | 'evidence' | 'status'> & {
    speaker_name: string | null;
    speaker_kind: 'person' | 'organization' | null;
  };

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
      's.cluster_id',
      's.continues_statement_id',
    ])
    .where('s.article_id', '=', articleId)
    .orderBy('s.start_offset')
    .orderBy('s.kind', 'desc')
    .execute();
}

export type AttributionVersion = Pick<
  AttributionRow,
  | 'version' | 'is_current' | 'status' | 'speaker_id' | 'role_text' | 'mention_text' | 'mention_start' | 'mention_end' | 'confidence' | 'evidence'
  | 'extractor_version' | 'created_at' | 'reason' | 'reject_kind' | 'quote_start' | 'quote_end'
> & { speaker_name: string | null; created_by: string | null };

/** Every attribution version of a statement, oldest first (corrections never overwrite). */
export async function listAttributionHistory(db: Kysely<Database>, statementId: number): Promise<AttributionVersion[]> {
  return db
    .selectFrom('attributions as at')
    .leftJoin('speakers as sp', 'sp.id', 'at.speaker_id')
    .leftJoin('users as u', 'u.id', 'at.created_by')
    .select([
      'at.version', 'at.is_current', 'at.status', 'at.speaker_id', 'sp.canonical_name as speaker_name', 'at.role_text',
      'at.mention_text', 'at.mention_start', 'at.mention_end', 'at.confidence', 'at.evidence', 'at.extractor_version',
      'u.username as created_by', 'at.created_at', 'at.reason', 'at.reject_kind', 'at.quote_start', 'at.quote_end',
    ])
    .where('at.statement_id', '=', statementId)
    .orderBy('at.version')
    .execute();
}

export async function findStatementArticleId(db: Kysely<Database>, statementId: number): Promise<number | undefined> {
  const row = await db.selectFrom('statements').select('article_id').where('id', '=', statementId).executeTakeFirst();
  return row?.article_id;
}
