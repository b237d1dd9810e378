import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Row types for Kysely, one interface per table in migrations/.

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** Postgres `date`, kept as 'YYYY-MM-DD' text (see connect.ts type parsers). */
type DateOnly = ColumnType<string, string, string>;

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: Generated<'reader' | 'annotator' | 'editor' | 'admin'>;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  last_login_at: Date | null;
  version: Generated<number>;
}

/** Personal API tokens, stored as a SHA-256 of the secret (migration 20261129130000). */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_prefix: string;
  token_sha256: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SessionsTable {
  sid: string;
  sess: unknown;
  expire: Date;
}

/** express-rate-limit hit counters (migration 20261129110000). */
export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: Date;
}

export interface OutletsTable {
  id: Generated<number>;
  name: string;
  normalized_name: string;
  /** source_name_key(name), set by a trigger (migrations/20261130030000_source_name_aliases.ts). */
  name_key: Generated<string>;
  created_at: CreatedAt;
}

/** Every agency text stored on an article, with its source_name_key (kept by a trigger on articles). */
export interface AgencyNamesTable {
  name: string;
  name_key: string;
}

/** Names one outlet or agency is known by, grouped by its canonical name. */
export interface SourceAliasesTable {
  id: Generated<number>;
  kind: 'outlet' | 'agency';
  canonical: string;
  alias: string;
  /** source_name_key(alias), set by a trigger. */
  alias_key: Generated<string>;
}

export interface ArticlesTable {
  id: Generated<number>;
  outlet_id: number | null;
  title: string;
  subtitle: string | null;
  byline: string | null;
  agency: string | null;
  url: string | null;
  canonical_url: string | null;
  published_at: Date | null;
  /** When the page was fetched (migration 20261130050100); null: ingested_at stands in. */
  accessed_at: Generated<Date | null>;
  language: Generated<string>;
  body_text: string;
  content_sha256: string;
  source_format: 'text' | 'html' | 'json';
  ingested_at: CreatedAt;
  extractor_version: string | null;
  extracted_at: Date | null;
}

export interface SpeakersTable {
  id: Generated<number>;
  canonical_name: string;
  kind: 'person' | 'organization';
  wikidata_id: string | null;
  description: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
  /** Set when an editor merged this speaker into another (undoable: speaker_merges). */
  merged_into: number | null;
}

export interface SpeakerAliasesTable {
  id: Generated<number>;
  speaker_id: number;
  alias: string;
  normalized_alias: string;
}

export interface RolesTable {
  id: Generated<number>;
  speaker_id: number;
  title: string;
  organization: string | null;
  valid_from: DateOnly | null;
  valid_to: DateOnly | null;
}

export interface StatementsTable {
  id: Generated<number>;
  article_id: number;
  kind: 'quote' | 'claim';
  text: string;
  start_offset: number;
  end_offset: number;
  paragraph_index: number;
  cue_text: string | null;
  cue_start: number | null;
  cue_end: number | null;
  quote_type: 'direct' | 'partial' | 'mixed' | 'indirect';
  normalized_text: string;
  fingerprint: string;
  search_vector: ColumnType<string, never, never>;
  extractor_version: string;
  created_at: CreatedAt;
  cluster_id: number | null;
  /** The earlier part of the same utterance, when a quotation is split by its attribution (linkSplitQuotes). */
  continues_statement_id: Generated<number | null>;
}

export interface QuoteClustersTable {
  id: Generated<number>;
  member_count: Generated<number>;
  speaker_count: Generated<number>;
  conflicting: Generated<boolean>;
  first_statement_id: number | null;
  longest_statement_id: number | null;
  updated_at: Generated<Date>;
}

export type AttributionStatus = 'machine' | 'verified' | 'corrected' | 'rejected';

export interface AttributionsTable {
  id: Generated<number>;
  statement_id: number;
  version: number;
  is_current: Generated<boolean>;
  speaker_id: number | null;
  role_text: string | null;
  role_id: number | null;
  mention_text: string | null;
  mention_start: number | null;
  mention_end: number | null;
  confidence: number | null;
  /** How the extractor found the speaker; null for a person's correction. */
  evidence: string | null;
  status: Generated<AttributionStatus>;
  extractor_version: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  /** A person's reason for this version (verify, correct, reject); null for the machine's. */
  reason: string | null;
  /** The quote span this version set (code points), when a correction fixed it; else null. */
  quote_start: number | null;
  quote_end: number | null;
  /** Why a rejected version was rejected (migration 20261129140200); null otherwise. */
  reject_kind: 'not_a_statement' | 'not_attributable' | null;
}

export interface AttributionSuggestionsTable {
  id: Generated<number>;
  statement_id: number;
  base_version: number;
  suggested_by: number | null;
  speaker_id: number | null;
  new_speaker_name: string | null;
  new_speaker_kind: 'person' | 'organization' | null;
  role_text: string | null;
  quote_start: number | null;
  quote_end: number | null;
  reason: string | null;
  status: Generated<'pending' | 'accepted' | 'declined'>;
  decided_by: number | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: CreatedAt;
}

export interface SpeakerMergesTable {
  id: Generated<number>;
  kept_speaker_id: number;
  merged_speaker_id: number;
  moved_alias_ids: Generated<number[]>;
  moved_role_ids: Generated<number[]>;
  moved_attribution_ids: Generated<number[]>;
  merged_by: number | null;
  merged_at: CreatedAt;
  undone_by: number | null;
  undone_at: Date | null;
  /** The alias the merge added to the kept speaker (migration 20261129140300); null: none. */
  added_alias_id: number | null;
  /** The merged speaker's aliases and roles the kept one already had: not moved. */
  left_alias_ids: Generated<number[]>;
  left_role_ids: Generated<number[]>;
}

export interface AnnotationsTable {
  id: Generated<number>;
  user_id: number;
  statement_id: number | null;
  article_id: number | null;
  selector_exact: string | null;
  selector_prefix: string | null;
  selector_suffix: string | null;
  position_start: number | null;
  position_end: number | null;
  body: Generated<string>;
  tags: Generated<string[]>;
  verdict: 'accurate' | 'misattributed' | 'misquoted' | 'out_of_context' | 'unverifiable' | null;
  visibility: Generated<'private' | 'shared' | 'public'>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  claim_rating: 'true' | 'mostly_true' | 'mixed' | 'mostly_false' | 'false' | 'unverifiable' | null;
  rating_explanation: string | null;
  evidence_urls: Generated<string[]>;
  hidden_by: number | null;
  hidden_at: Date | null;
  /** Kept by a trigger from note, tags, verdict, rating and author (migration 20261129130000). */
  search_vector: ColumnType<string, never, never>;
}

export interface AnnotationVersionsTable {
  annotation_id: number;
  version: number;
  edited_by: number | null;
  snapshot: unknown;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: number | null;
  before: unknown;
  after: unknown;
  created_at: CreatedAt;
}

/** One narrow row per statement for search, kept by triggers (migration 20261126153000). */
export interface StatementSearchTable {
  id: number;
  article_id: number;
  kind: 'quote' | 'claim';
  published_at: Date | null;
  outlet_id: number | null;
  speaker_id: number | null;
  search_vector: ColumnType<string, never, never>;
}

/** A formatted citation of an article in one style (src/export/citation-cache.ts). */
export interface ArticleCitationsTable {
  article_id: number;
  style: string;
  /** A hash of everything the citation is made from: a different one means the row is stale. */
  source_key: string;
  citation: string;
}

/** One run of `npm run import` or `npm run reextract` (migration 20261130050000). */
export interface ImportsTable {
  id: Generated<number>;
  kind: 'import' | 'reextract';
  /** What was imported, for people: the inputs as given, or the re-extraction's selection. */
  label: string;
  /** A hash of the inputs (paths, sizes, mtimes, options): an unfinished import with the same one is resumed. */
  fingerprint: string | null;
  options: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_by: number | null;
  created_at: CreatedAt;
  /** When the importer had read every input (null: still reading, or killed while reading). */
  read_finished_at: Date | null;
  /** When every record had its outcome (set by whoever finished the last one). */
  finished_at: Date | null;
}

export type ImportRecordState = 'queued' | 'stored' | 'duplicate' | 'failed' | 'rejected';

/** One record an import read: its raw article, or the article a re-extraction re-reads. */
export interface ImportRecordsTable {
  id: Generated<number>;
  import_id: number;
  /** The input it came from (file path, or '-' for stdin). */
  source: string;
  /** Its place in the input: 'line 12', 'record at byte 3412', or '' for a whole file. */
  position: string;
  state: Generated<ImportRecordState>;
  /** The RawArticle as read (null for a re-extraction, and once stored: the article holds it). */
  raw: ColumnType<unknown, string | null | undefined, string | null>;
  article_id: number | null;
  statement_count: Generated<number>;
  attempts: Generated<number>;
  error_field: string | null;
  error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  api_tokens: ApiTokensTable;
  outlets: OutletsTable;
  agency_names: AgencyNamesTable;
  source_aliases: SourceAliasesTable;
  articles: ArticlesTable;
  speakers: SpeakersTable;
  speaker_aliases: SpeakerAliasesTable;
  roles: RolesTable;
  statements: StatementsTable;
  quote_clusters: QuoteClustersTable;
  statement_search: StatementSearchTable;
  attributions: AttributionsTable;
  attribution_suggestions: AttributionSuggestionsTable;
  speaker_merges: SpeakerMergesTable;
  annotations: AnnotationsTable;
  annotation_versions: AnnotationVersionsTable;
  audit_log: AuditLogTable;
  article_citations: ArticleCitationsTable;
  imports: ImportsTable;
  import_records: ImportRecordsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
