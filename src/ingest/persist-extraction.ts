import { type Kysely, sql } from 'kysely';
import { type ClusteringStats, clusterGroupedQuotes, groupNewQuotes, lockClusterChanges } from '../clusters/assign-clusters.ts';
import { addClusterMembers } from '../clusters/clusters.queries.ts';
import type { Database } from '../db/database.ts';
import { unnestInsert } from '../db/unnest-insert.ts';
import type { ExtractedStatement, ExtractionResult } from '../extraction/index.ts';
import { codePointSlicer } from '../text/code-points.ts';
import { isNamedSpeaker, normalizeAlias } from '../speakers/speakers.ts';
import { resolveSpeakerGroups, type SpeakerCandidate } from '../speakers/speakers.queries.ts';
import { attachRoles, widenRoleDates } from '../speakers/roles.queries.ts';
import { normalizeStatementText, statementFingerprint } from '../statements/normalize.ts';
import { splitQuoteLinks } from '../statements/split-quotes.ts';
import { countStatementWords, markWordsPending } from '../statements/statement-words.queries.ts';
import { linkSplitQuotes } from '../statements/split-utterances.queries.ts';

export interface PersistedExtraction {
  statementCount: number;
  /** The new statements' ids. */
  statementIds: number[];
  speakerCount: number;
  /** What clustering the new quotes cost (null: no statements). */
  clustering: ClusteringStats | null;
}

/** An article to store an extraction for, and the extraction. */
export interface ExtractionToPersist {
  /** keepsStatements: it already holds statements that stay (re-extraction keeps reviewed ones). */
  article: { id: number; bodyText: string; publishedAt: Date | null; keepsStatements?: boolean };
  result: ExtractionResult;
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

/** One statement row to insert: the extracted statement, its id, text and keys. */
interface StatementRow {
  s: ExtractedStatement;
  id: number;
  text: string;
  normalized: string;
  fingerprint: string;
  speakerId: number | null;
  roleId: number | null;
  continuesId: number | null;
}

/** One article's part of a store: its statements (one per kind and span) and speakers. */
interface ArticleWork {
  item: ExtractionToPersist;
  statements: ExtractedStatement[];
  candidates: Map<string, SpeakerCandidate>;
  rows: StatementRow[];
}

/**
 * The article's statement rows in text order with the given ids (ascending), split
 * quotations linked (splitQuoteLinks) unless the article keeps statements: a kept quote
 * may then lie between two new parts, and linkSplitQuotes links them once all are stored.
 */
function statementRows(
  work: ArticleWork,
  ids: number[],
  speakerIdOf: (s: ExtractedStatement) => number | null,
  roleIdOf: (s: ExtractedStatement) => number | null,
): StatementRow[] {
  const slice = codePointSlicer(work.item.article.bodyText);
  const rows = [...work.statements]
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
    .map((s, i): StatementRow => {
      const text = slice(s.start, s.end);
      const normalized = normalizeStatementText(text);
      return { s, id: ids[i]!, text, normalized, fingerprint: statementFingerprint(normalized), speakerId: speakerIdOf(s), roleId: roleIdOf(s), continuesId: null };
    });
  if (work.item.article.keepsStatements) return rows;
  const continuesOf = new Map(
    splitQuoteLinks(
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
  for (const r of rows) r.continuesId = continuesOf.get(r.id) ?? null;
  return rows;
}

/**
 * Inserts the statements and their first attribution versions: one SQL statement for any
 * number of rows, so the statement-level triggers (search rows, postings) run once, after
 * both inserts: each search row is inserted with its speaker (migration 20261130150000).
 */
async function insertStatementRows(trx: Kysely<Database>, rows: { row: StatementRow; articleId: number; extractorVersion: string }[]): Promise<void> {
  const statements = unnestInsert(
    'statements',
    {
      id: ['int', rows.map((r) => r.row.id)],
      article_id: ['int', rows.map((r) => r.articleId)],
      kind: ['text', rows.map((r) => r.row.s.kind)],
      text: ['text', rows.map((r) => r.row.text)],
      start_offset: ['int', rows.map((r) => r.row.s.start)],
      end_offset: ['int', rows.map((r) => r.row.s.end)],
      paragraph_index: ['int', rows.map((r) => r.row.s.paragraphIndex)],
      cue_text: ['text', rows.map((r) => r.row.s.cue?.text ?? null)],
      cue_start: ['int', rows.map((r) => r.row.s.cue?.start ?? null)],
      cue_end: ['int', rows.map((r) => r.row.s.cue?.end ?? null)],
      quote_type: ['text', rows.map((r) => r.row.s.quoteType)],
      normalized_text: ['text', rows.map((r) => r.row.normalized)],
      fingerprint: ['text', rows.map((r) => r.row.fingerprint)],
      extractor_version: ['text', rows.map((r) => r.extractorVersion)],
      continues_statement_id: ['int', rows.map((r) => r.row.continuesId)],
    },
    { overridingSystemValue: true },
  );
  const attributions = unnestInsert('attributions', {
    statement_id: ['int', rows.map((r) => r.row.id)],
    version: ['int', rows.map(() => 1)],
    speaker_id: ['int', rows.map((r) => r.row.speakerId)],
    role_text: ['text', rows.map((r) => r.row.s.role?.text ?? null)],
    role_id: ['int', rows.map((r) => r.row.roleId)],
    mention_text: ['text', rows.map((r) => mentionOf(r.row.s)?.text ?? null)],
    mention_start: ['int', rows.map((r) => mentionOf(r.row.s)?.start ?? null)],
    mention_end: ['int', rows.map((r) => mentionOf(r.row.s)?.end ?? null)],
    confidence: ['real', rows.map((r) => r.row.s.confidence)],
    evidence: ['text', rows.map((r) => r.row.s.evidence)],
    extractor_version: ['text', rows.map((r) => r.extractorVersion)],
  });
  // The attributions' foreign key is checked at the end of the statement, once both are in.
  await sql`with inserted_statements as (${statements}) ${attributions}`.execute(trx);
}

/**
 * Stores extraction results for several articles in the caller's transaction, as if each
 * were stored after the one before it: speakers (resolved against existing ones, and
 * against those an earlier article of the list created), roles (new ones created first,
 * stored ones' seen dates widened last: attachRoles, widenRoleDates), statements and their
 * first attribution version (one SQL statement), split quotations linked (splitQuoteLinks, in the INSERT;
 * linkSplitQuotes after it when the article keeps statements), word counts (or their
 * pending list), and clusters
 * (each article's quotes see the earlier articles' ones, not the later ones'). A fixed
 * number of queries for the list, plus a few per article for speakers when some are new
 * (resolveSpeakerGroups) and for split quotations when it keeps statements. Returns one
 * PersistedExtraction per item, in order.
 */
export async function persistExtractions(
  trx: Kysely<Database>,
  items: ExtractionToPersist[],
  /**
   * Runs once every row is written and before the word counters and the cluster lock are
   * taken (both held to the commit, so the store's other writes go here: its audit entries,
   * an import's record marks). Given each item's statement count.
   */
  beforeClustering?: (statementCounts: number[]) => Promise<void>,
  /**
   * deferWordCounts: list the new statements as pending (markWordsPending) instead of
   * counting their words, for the caller to count after the commit
   * (countPendingStatementWords), so the store holds no counter row locks.
   */
  { deferWordCounts = false }: { deferWordCounts?: boolean } = {},
): Promise<PersistedExtraction[]> {
  const work: ArticleWork[] = items.map((item) => {
    // One row per (kind, span): the database holds that unique, so a repeat would abort the ingest.
    const statements = [...new Map(item.result.statements.map((s) => [spanKey(s), s])).values()];
    return { item, statements, candidates: collectSpeakers(statements), rows: [] };
  });
  const speakerIds = await resolveSpeakerGroups(trx, work.map((w) => [...w.candidates.values()]));
  const speakerIdOfs = work.map((w, k) => {
    const idByKey = new Map([...w.candidates.keys()].map((key, i) => [key, speakerIds[k]![i]!]));
    return (s: ExtractedStatement) => (s.speaker ? idByKey.get(speakerKey(s.speaker)) ?? null : null);
  });
  const roles = await attachRoles(
    trx,
    work.flatMap((w, k) =>
      w.statements.map((s) => {
        const speakerId = speakerIdOfs[k]!(s);
        return s.role && speakerId !== null ? { speakerId, title: s.role.text, organization: s.role.organization, seenOn: w.item.article.publishedAt } : null;
      }),
    ),
  );
  const roleIdOf = new Map(work.flatMap((w) => w.statements).map((s, i) => [s, roles.ids[i] ?? null]));

  await sql`update articles set extractor_version = v.version, extracted_at = now()
    from unnest(${items.map((i) => i.article.id)}::int[], ${items.map((i) => i.result.extractorVersion)}::text[]) as v(id, version)
    where articles.id = v.id`.execute(trx);
  const total = work.reduce((n, w) => n + w.statements.length, 0);
  if (total === 0) {
    await beforeClustering?.(work.map(() => 0));
    for (const w of work) if (w.item.article.keepsStatements) await linkSplitQuotes(trx, w.item.article.id);
    return work.map((w) => ({ statementCount: 0, statementIds: [], speakerCount: w.candidates.size, clustering: null }));
  }
  // Ids from the sequence first, in article and text order, so a split quotation's parts can
  // name each other in the INSERT itself: an UPDATE after it would write every index of both rows again.
  const ids = (
    await sql<{ id: number }>`select nextval(pg_get_serial_sequence('statements', 'id'))::int as id from generate_series(1, ${total})`.execute(trx)
  ).rows.map((r) => r.id).sort((a, b) => a - b);
  let taken = 0;
  for (const [k, w] of work.entries()) {
    w.rows = statementRows(w, ids.slice(taken, taken + w.statements.length), speakerIdOfs[k]!, (s) => roleIdOf.get(s) ?? null);
    taken += w.statements.length;
  }
  await insertStatementRows(trx, work.flatMap((w) => w.rows.map((row) => ({ row, articleId: w.item.article.id, extractorVersion: w.item.result.extractorVersion }))));
  const grouped = await groupNewQuotes(
    trx,
    work.map((w) => ({
      articleId: w.item.article.id,
      newQuotes: w.rows.filter((r) => r.s.kind === 'quote').map((r) => ({ id: r.id, normalizedText: r.normalized, fingerprint: r.fingerprint })),
      firstNewId: w.rows[0]?.id ?? Infinity,
    })),
  );
  await beforeClustering?.(work.map((w) => w.statements.length));
  // The word counters and then the cluster lock are held to the commit, so they come last.
  if (deferWordCounts) await markWordsPending(trx, ids);
  else await countStatementWords(trx, ids);
  if (grouped.some((g) => g.quotes.length > 0)) await lockClusterChanges(trx);
  const clustered = await clusterGroupedQuotes(trx, grouped);
  const clustering = work.map((w, k) => (w.statements.length > 0 ? clustered.stats[k]! : null));
  await addClusterMembers(trx, clustered.added);
  // Last, as the roles' row locks are held to the commit (attachRoles).
  await widenRoleDates(trx, roles.widen);
  // After every statement of the article is stored (re-extraction keeps some, and may add
  // none), so a split quotation links its parts whichever of them is new.
  for (const w of work) if (w.item.article.keepsStatements) await linkSplitQuotes(trx, w.item.article.id);
  return work.map((w, k) => ({ statementCount: w.statements.length, statementIds: w.rows.map((r) => r.id), speakerCount: w.candidates.size, clustering: clustering[k] ?? null }));
}

/** persistExtractions for one article (see there). */
export async function persistExtraction(
  trx: Kysely<Database>,
  article: ExtractionToPersist['article'],
  result: ExtractionResult,
  beforeClustering?: (statementCount: number) => Promise<void>,
): Promise<PersistedExtraction> {
  const [persisted] = await persistExtractions(trx, [{ article, result }], beforeClustering && (([n]) => beforeClustering(n!)));
  return persisted!;
}
