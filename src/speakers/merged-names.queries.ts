import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SpeakerKind } from './speakers.ts';

/** A name resolution can match (see resolveSpeakers' pick), standing for a speaker. */
export interface NameHit {
  speaker_id: number;
  kind: SpeakerKind;
  canonical_name: string;
  normalized_alias: string;
}

/**
 * The canonical names of merged speakers ending in one of `surnames` (normalized last
 * words), each standing for the speaker it now lives in (following merges of merges), so a
 * new article's "R. Builder" finds the speaker "Robert Builder" was merged into, as it
 * found Robert Builder before. Exact names need no such help: the merge moved (or added)
 * them as aliases of the kept speaker. The SQL test is a superset (pick compares the
 * names again); normalized_alias is '' (no exact match through these).
 */
export async function mergedNameHits(db: Kysely<Database>, surnames: string[]): Promise<NameHit[]> {
  if (surnames.length === 0) return [];
  const patterns = surnames.map((s) => `%${s}`);
  const { rows } = await sql<NameHit>`
    with recursive chain (name, target, depth) as (
      select m.canonical_name, m.merged_into, 1 from speakers m
      where m.merged_into is not null and lower(unaccent(m.canonical_name)) like any(${patterns}::text[])
      union all
      select c.name, s.merged_into, c.depth + 1 from chain c join speakers s on s.id = c.target
      where s.merged_into is not null and c.depth < 50
    )
    select k.id as speaker_id, k.kind, c.name as canonical_name, '' as normalized_alias
    from chain c join speakers k on k.id = c.target and k.merged_into is null`.execute(db);
  return rows;
}
