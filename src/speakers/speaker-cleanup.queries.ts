import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SpeakerKind } from './speakers.ts';

/** A speaker an article's attributions named, as lockSpeakerNames and the cleanup need it. */
export interface NamedSpeakerRow {
  id: number;
  canonical_name: string;
  kind: SpeakerKind;
}

/** The speakers any attribution version of the article's statements names (each once, by id). */
export async function speakersOfArticle(db: Kysely<Database>, articleId: number): Promise<NamedSpeakerRow[]> {
  return db
    .selectFrom('attributions as a')
    .innerJoin('statements as s', 's.id', 'a.statement_id')
    .innerJoin('speakers as sp', 'sp.id', 'a.speaker_id')
    .select(['sp.id', 'sp.canonical_name', 'sp.kind'])
    .distinct()
    .where('s.article_id', '=', articleId)
    .orderBy('sp.id')
    .execute() as Promise<NamedSpeakerRow[]>;
}

/**
 * Deletes those of `speakerIds` that the machine made and nothing needs any more (issue #12
 * point 8: the junk speakers of earlier extractor versions go once no statement points at
 * them), with their aliases and roles (on delete cascade). A speaker stays when any
 * attribution version or suggestion (any status) names it, a merge involves it (kept, merged
 * or undone), or a person curated it: an audit entry for it (created in review, edited,
 * merged, ...), a version above 1 (every edit bumps it), a Wikidata id or a description.
 * The caller holds the speakers' name locks (lockSpeakerNames), so no store is resolving to
 * them; the row locks taken first make the checks see any attribution committed meanwhile.
 * Returns the deleted speakers.
 */
export async function deleteUnneededSpeakers(db: Kysely<Database>, speakerIds: number[]): Promise<NamedSpeakerRow[]> {
  if (speakerIds.length === 0) return [];
  const ids = [...new Set(speakerIds)].sort((a, b) => a - b);
  await sql`select id from speakers where id = any(${ids}::int[]) order by id for update`.execute(db);
  const { rows } = await sql<NamedSpeakerRow>`
    delete from speakers s
    where s.id = any(${ids}::int[])
      and s.merged_into is null and s.version = 1 and s.wikidata_id is null and s.description is null
      and not exists (select 1 from attributions a where a.speaker_id = s.id)
      and not exists (select 1 from attribution_suggestions g where g.speaker_id = s.id)
      and not exists (select 1 from speakers m where m.merged_into = s.id)
      and not exists (select 1 from speaker_merges sm where s.id in (sm.kept_speaker_id, sm.merged_speaker_id))
      and not exists (select 1 from audit_log l where l.entity_type = 'speaker' and l.entity_id = s.id)
    returning s.id, s.canonical_name, s.kind`.execute(db);
  return rows;
}
