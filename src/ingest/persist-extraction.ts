import { type Kysely, sql } from 'kysely';
import { type ClusteringStats, clusterGroupedQuotes, groupNewQuotes } from '../clusters/assign-clusters.ts';
import type { Database } from '../db/database.ts';
import { unnestInsert } from '../db/unnest-insert.ts';
import type { ExtractedStatement, ExtractionResult } from '../extraction/index.ts';
import { codePointSlicer } from '../text/code-points.ts';
import { isNamedSpeaker, normalizeAlias } from '../speakers/speakers.ts';
import { resolveSpeakers, type SpeakerCandidate } from '../speakers/speakers.queries.ts';
import { upsertRoles } from '../speakers/roles.queries.ts';
import { normalizeStatementText, statementFingerprint } from '../statements/normalize.ts';
import { splitQuoteLinks } from '../statements/split-quotes.ts';
import { countStatementWords } from '../statements/statement-words.queries.ts';
import { linkSplitQuotes } from '../statements/split-utterances.queries.ts';

export interface PersistedExtraction {
  statementCount: number;
  speakerCount: number;
  /** What clustering the new quotes cost (null: no statements). */
  clustering: ClusteringStats | null;
}

function speakerKey(s: NonNullable<ExtractedStatement['speaker']>): string {
  return `${s.kind}:${normalizeAlias(s.name)}`;
}

// Sentence-initial pronouns are capitalized but name nobody.
const PRONOUN = /^(he|she|they|it|we|i|you|his|her|their)$/i;

/** The words that carry the attribution: the speaker's mention, or an unresolved pronoun kept as evidence. */
function mentionOf(s: ExtractedStatement): ExtractedStatement['mention'] {
  return s.speaker?.mention ?? s.mention ?? null;
}

function spanKey(s: { kind: string; start: number; end: number }): string {
  return `${s.kind}:${s.start}:${s.end}`;
}

/** Groups the article's speakers so each one is resolved (and created) once. */
export function collectSpeakers(statements: ExtractedStatement[]): Map<string, SpeakerCandidate> {
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
 * roles, statements and their first attribution version, and links the parts of quotations
 * split by their attribution (splitQuoteLinks, in the INSERT; linkSplitQuotes after it
 * when the article keeps statements). Runs inside the caller's transaction, with a fixed
 * number of queries whatever the statement count.
 */
export async function persistExtraction(
  trx: Kysely<Database>,
  /** keepsStatements: it already holds statements that stay (re-extraction keeps reviewed ones). */
  article: { id: number; bodyText: string; publishedAt: Date | null; keepsStatements?: boolean },
  result: ExtractionResult,
  /**
   * Runs once every row is written and before the word counters and the cluster lock are
   * taken (both held to the commit, so the store's other writes go here: its audit entry,
   * an import's record mark). Given the statement count.
   */
  beforeClustering?: (statementCount: number) => Promise<void>,
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
  const roleIdOf = new Map(statements.map((s, i) => [s, roleIds[i]]));

  await trx
    .updateTable('articles')
    .set({ extractor_version: result.extractorVersion, extracted_at: new Date() })
    .where('id', '=', article.id)
    .execute();
  let clustering: ClusteringStats | null = null;
  if (statements.length > 0) {
    const slice = codePointSlicer(article.bodyText);
    // Ids from the sequence first, in text order, so a split quotation's parts can name each
    // other in the INSERT itself: an UPDATE after it would write every index of both rows again.
    const ids = (
      await sql<{ id: number }>`select nextval(pg_get_serial_sequence('statements', 'id'))::int as id from generate_series(1, ${statements.length})`.execute(trx)
    ).rows.map((r) => r.id).sort((a, b) => a - b);
    const rows = [...statements]
      .sort((a, b) => a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
      .map((s, i) => {
        const text = slice(s.start, s.end);
        const normalized = normalizeStatementText(text);
        return { s, id: ids[i]!, text, normalized, fingerprint: statementFingerprint(normalized) };
      });
    // With kept statements (re-extraction) a kept quote may lie between two new parts:
    // linkSplitQuotes links them all once they are stored.
    const continuesOf = new Map(
      article.keepsStatements
        ? []
        : splitQuoteLinks(
            rows
              .filter((r) => r.s.kind === 'quote')
              .map((r) => ({
                id: r.id,
                start: r.s.start,
                end: r.s.end,
                paragraphIndex: r.s.paragraphIndex,
                cueStart: r.s.cue?.start ?? null,
                mentionStart: mentionOf(r.s)?.start ?? null,
                mentionEnd: mentionOf(r.s)?.end ?? null,
                continues: false,
                continued: false,
              })),
          ).map((l) => [l.id, l.continuesId] as const),
    );
    // One INSERT for all of them: its statement-level triggers (search rows, postings) run once.
    await unnestInsert(
      'statements',
      {
        id: ['int', rows.map((r) => r.id)],
        article_id: ['int', rows.map(() => article.id)],
        kind: ['text', rows.map((r) => r.s.kind)],
        text: ['text', rows.map((r) => r.text)],
        start_offset: ['int', rows.map((r) => r.s.start)],
        end_offset: ['int', rows.map((r) => r.s.end)],
        paragraph_index: ['int', rows.map((r) => r.s.paragraphIndex)],
        cue_text: ['text', rows.map((r) => r.s.cue?.text ?? null)],
        cue_start: ['int', rows.map((r) => r.s.cue?.start ?? null)],
        cue_end: ['int', rows.map((r) => r.s.cue?.end ?? null)],
        quote_type: ['text', rows.map((r) => r.s.quoteType)],
        normalized_text: ['text', rows.map((r) => r.normalized)],
        fingerprint: ['text', rows.map((r) => r.fingerprint)],
        extractor_version: ['text', rows.map(() => result.extractorVersion)],
        continues_statement_id: ['int', rows.map((r) => continuesOf.get(r.id) ?? null)],
      },
      { overridingSystemValue: true },
    ).execute(trx);
    await unnestInsert('attributions', {
      statement_id: ['int', rows.map((r) => r.id)],
      version: ['int', rows.map(() => 1)],
      speaker_id: ['int', rows.map((r) => speakerIdOf(r.s))],
      role_text: ['text', rows.map((r) => r.s.role?.text ?? null)],
      role_id: ['int', rows.map((r) => roleIdOf.get(r.s) ?? null)],
      mention_text: ['text', rows.map((r) => mentionOf(r.s)?.text ?? null)],
      mention_start: ['int', rows.map((r) => mentionOf(r.s)?.start ?? null)],
      mention_end: ['int', rows.map((r) => mentionOf(r.s)?.end ?? null)],
      confidence: ['real', rows.map((r) => r.s.confidence)],
      evidence: ['text', rows.map((r) => r.s.evidence)],
      extractor_version: ['text', rows.map(() => result.extractorVersion)],
    }).execute(trx);
    const grouped = await groupNewQuotes(
      trx,
      article.id,
      rows.filter((r) => r.s.kind === 'quote').map((r) => ({ id: r.id, normalizedText: r.normalized, fingerprint: r.fingerprint })),
      ids[0],
    );
    await beforeClustering?.(statements.length);
    // The word counters and then the cluster lock are held to the commit, so they come last.
    await countStatementWords(trx, ids);
    clustering = await clusterGroupedQuotes(trx, grouped);
  }
  else await beforeClustering?.(0);
  // After every statement of the article is stored (re-extraction keeps some, and may add
  // none), so a split quotation links its parts whichever of them is new.
  if (article.keepsStatements) await linkSplitQuotes(trx, article.id);
  return { statementCount: statements.length, speakerCount: candidates.size, clustering };
}
