import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { normalizeAlias } from '../speakers/speakers.ts';

export interface SpeakerSuggestion {
  id: number;
  name: string;
  kind: 'person' | 'organization';
  /** The alias that matched, when it is not the canonical name. */
  alias: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Speakers whose name or an alias starts with the typed text (at the start of any word),
 * then near misses by trigram similarity; both through the trigram index on aliases.
 */
export async function suggestSpeakers(db: Kysely<Database>, typed: string, limit = 10): Promise<SpeakerSuggestion[]> {
  const key = normalizeAlias(typed);
  if (key === '') return [];
  const prefix = `${escapeLike(key)}%`;
  const wordPrefix = `% ${escapeLike(key)}%`;
  const result = await sql<SpeakerSuggestion>`
    select sp.id, sp.canonical_name as name, sp.kind, m.alias
    from (select distinct on (sa.speaker_id) sa.speaker_id, sa.alias,
                 (sa.normalized_alias like ${prefix} or sa.normalized_alias like ${wordPrefix}) as starts,
                 similarity(sa.normalized_alias, ${key}) as score
          from speaker_aliases sa
          where sa.normalized_alias like ${prefix} or sa.normalized_alias like ${wordPrefix} or sa.normalized_alias % ${key}
          order by sa.speaker_id, starts desc, score desc) m
    join speakers sp on sp.id = m.speaker_id and sp.merged_into is null
    order by m.starts desc, m.score desc, sp.canonical_name
    limit ${limit}`.execute(db);
  return result.rows;
}
