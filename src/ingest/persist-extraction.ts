import type { Kysely } from 'kysely';
import { assignClusters } from '../clusters/assign-clusters.ts';
import type { Database } from '../db/database.ts';
import type { ExtractedStatement, ExtractionResult } from '../extraction/index.ts';
import { codePointSlicer } from '../text/code-points.ts';
import { isNamedSpeaker, normalizeAlias } from '../speakers/speakers.ts';
import { resolveSpeakers, type SpeakerCandidate } from '../speakers/speakers.queries.ts';
import { upsertRoles } from '../speakers/roles.queries.ts';
import { normalizeStatementText, statementFingerprint } from '../statements/normalize.ts';

export interface PersistedExtraction {
  statementCount: number;
  speakerCount: number;
}

function speakerKey(s: NonNullable<ExtractedStatement['speaker']>): string {
  return `${s.kind}:${normalizeAlias(s.name)}`;
}

// Sentence-initial pronouns are capitalized but name nobody.
const PRONOUN = /^(he|she|they|it|we|i|you|his|her|their)$/i;

function spanKey(s: { kind: string; start: number; end: number }): string {
  return `${s.kind}:${s.start}:${s.end}`;
}

/** Groups the article's speakers so each one is resolved (and created) once. */
function collectSpeakers(statements: ExtractedStatement[]): Map<string, SpeakerCandidate> {
  const byKey = new Map<string, SpeakerCandidate>();
  for (const { speaker } of statements) {
    if (!speaker || !isNamedSpeaker(speaker.name)) continue;
    const key = speakerKey(speaker);
    const seen = byKey.get(key) ?? { name: speaker.name, kind: speaker.kind, aliases: [] };
    const mention = speaker.mention?.text;
    const names = [...speaker.aliases, ...(mention ? [mention] : [])].filter((a) => isNamedSpeaker(a) && !PRONOUN.test(a));
    seen.aliases = [...new Set([...seen.aliases, ...names])];
    byKey.set(key, seen);
  }
  return byKey;
}

/**
 * Stores an extraction result for an article: speakers (resolved against existing ones),
 * roles, statements and their first attribution version. Runs inside the caller's
 * transaction, with a fixed number of queries whatever the statement count.
 */
export async function persistExtraction(
  trx: Kysely<Database>,
  article: { id: number; bodyText: string; publishedAt: Date | null },
  result: ExtractionResult,
): Promise<PersistedExtraction> {
  // One row per (kind, span): the database holds that unique, so a repeat would abort the ingest.
  const statements = [...new Map(result.statements.map((s) => [spanKey(s), s])).values()];
  const candidates = collectSpeakers(statements);
  const speakerIds = await resolveSpeakers(trx, [...candidates.values()]);
  const idByKey = new Map([...candidates.keys()].map((key, i) => [key, speakerIds[i]!]));
  const speakerIdOf = (s: ExtractedStatement) => (s.speaker ? idByKey.get(speakerKey(s.speaker)) ?? null : null);

  const roleIds = await upsertRoles(
    trx,
    statements.map((s) => {
      const speakerId = speakerIdOf(s);
      return s.role && speakerId !== null ? { speakerId, title: s.role.text, organization: s.role.organization } : null;
    }),
    article.publishedAt,
  );

  if (statements.length > 0) {
    const slice = codePointSlicer(article.bodyText);
    const inserted = await trx
      .insertInto('statements')
      .values(
        statements.map((s) => {
          const text = slice(s.start, s.end);
          const normalized = normalizeStatementText(text);
          return {
            article_id: article.id,
            kind: s.kind,
            text,
            start_offset: s.start,
            end_offset: s.end,
            paragraph_index: s.paragraphIndex,
            cue_text: s.cue?.text ?? null,
            cue_start: s.cue?.start ?? null,
            cue_end: s.cue?.end ?? null,
            quote_type: s.quoteType,
            normalized_text: normalized,
            fingerprint: statementFingerprint(normalized),
            extractor_version: result.extractorVersion,
          };
        }),
      )
      .returning(['id', 'kind', 'start_offset', 'end_offset'])
      .execute();
    // Matched by span, not position: RETURNING order is not promised.
    const idBySpan = new Map(inserted.map((r) => [spanKey({ kind: r.kind, start: r.start_offset, end: r.end_offset }), r.id]));
    await trx
      .insertInto('attributions')
      .values(
        statements.map((s, i) => ({
          statement_id: idBySpan.get(spanKey(s))!,
          version: 1,
          speaker_id: speakerIdOf(s),
          role_text: s.role?.text ?? null,
          role_id: roleIds[i] ?? null,
          mention_text: s.speaker?.mention?.text ?? null,
          mention_start: s.speaker?.mention?.start ?? null,
          mention_end: s.speaker?.mention?.end ?? null,
          confidence: s.confidence,
          evidence: s.evidence,
          extractor_version: result.extractorVersion,
        })),
      )
      .execute();
    await assignClusters(trx, inserted.map((r) => r.id));
  }
  await trx
    .updateTable('articles')
    .set({ extractor_version: result.extractorVersion, extracted_at: new Date() })
    .where('id', '=', article.id)
    .execute();
  return { statementCount: statements.length, speakerCount: candidates.size };
}
