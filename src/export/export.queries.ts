import { type Kysely, type RawBuilder, sql } from 'kysely';
import { visibleTo } from '../annotations/annotations.queries.ts';
import type { SessionUser } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';
import type { Cursor } from '../search/search.cursor.ts';
import { fromFor, whereAll } from '../search/search.filters.ts';
import { DATE_KEY, dateConditions, dateOrder } from '../search/search.queries.ts';
import type { SearchParams } from '../search/search.ts';

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
  /** When the page was fetched (articles.accessed_at), else when Verbatim stored it (ingested_at). */
  accessed_at: Date;
  extractor_version: string;
  annotation_count: number;
  tags: string[];
  verdicts: string[];
  ratings: string[];
}

// An export row is read in three parts: the statement's (one row each, from a cursor or by
// ids), its article's (once per article on a page: an article's quotes come together) and its
// annotations' (one grouped query per page; most statements have none). Reading the article
// columns on every statement row cost Postgres and the app twice as much per row, and a
// lateral aggregate per row cost Postgres half the time of the whole query (1M statements).

/** The statement's part of an export row, with its date sort key when a keyset needs it (DATE_KEY; else null). */
export type StatementPart = Pick<ExportRow, 'id' | 'kind' | 'quote_type' | 'text' | 'start_offset' | 'end_offset' | 'paragraph_index'
  | 'cue_text' | 'extractor_version' | 'speaker_name' | 'speaker_kind' | 'role_text' | 'organization' | 'status' | 'confidence'
  | 'reviewed_by' | 'reviewed_at' | 'article_id'> & { date_key: string | null };

type ArticlePart = Pick<ExportRow, 'article_title' | 'outlet_name' | 'agency' | 'byline' | 'published_at' | 'url' | 'accessed_at'>;
type AnnotationPart = Pick<ExportRow, 'annotation_count' | 'tags' | 'verdicts' | 'ratings'>;

/** What annotations `an` (grouped by statement) say: tags, verdicts and ratings joined by U+001F, which none holds (typedText). */
const ANNOTATION_SUMMARY = sql`count(*)::int as annotation_count,
  coalesce(string_agg(array_to_string(an.tags, chr(31)), chr(31)), '') as tags,
  coalesce(string_agg(distinct an.verdict, chr(31)), '') as verdicts,
  coalesce(string_agg(distinct an.claim_rating, chr(31)), '') as ratings`;

/** Statement `st` with its current attribution `at`: the columns of StatementPart but date_key. */
const STATEMENT_COLUMNS = sql`st.id, st.kind, st.quote_type, st.text, st.start_offset, st.end_offset, st.paragraph_index, st.cue_text,
  st.extractor_version, sp.canonical_name as speaker_name, sp.kind as speaker_kind, at.role_text, r.organization, at.status,
  at.confidence, case when at.status <> 'machine' then (select u.username from users u where u.id = at.created_by) end as reviewed_by,
  case when at.status <> 'machine' then at.created_at end as reviewed_at, st.article_id`;
const SPEAKER_AND_ROLE = sql`left join speakers sp on sp.id = at.speaker_id left join roles r on r.id = at.role_id`;

/**
 * The statement parts of a search (q and filters, speaker and outlet names resolved) in its
 * date order (p.sort newest or oldest), after `cursor`'s row, `limit` rows (null: all, for a
 * server-side cursor), with their date keys when `withKeys` (for the next page's cursor). The search's own conditions and order (search.queries.ts), so the same
 * statements in the same order as its pages; statements without a current attribution are left
 * out, as export rows need one.
 */
export function dateOrderedStatements(p: SearchParams, cursor: Cursor | undefined, limit: number | null, withKeys: boolean): RawBuilder<StatementPart> {
  return sql<StatementPart>`
    select ${STATEMENT_COLUMNS}, ${withKeys ? DATE_KEY : sql`null`} as date_key
    from ${fromFor(p.filters, false, true)}
    join statements st on st.id = s.id
    ${SPEAKER_AND_ROLE}
    ${whereAll(dateConditions(p, cursor))}
    ${dateOrder(p)}
    ${limit === null ? sql`` : sql`limit ${limit}`}`;
}

/**
 * Every column of the export rows of search `p` (as dateOrderedStatements: date order, filters
 * resolved) as one joined query, annotations as `viewer` may see them: what the export reads
 * in three parts, as Postgres alone would make it. For `COPY (...) TO STDOUT` in
 * scripts/bench-export.ts, the floor the export is measured against.
 */
export function joinedExportQuery(p: SearchParams, viewer: SessionUser | undefined): RawBuilder<unknown> {
  return sql`
    select ${STATEMENT_COLUMNS}, a.title as article_title, o.name as outlet_name, a.agency, a.byline, a.published_at, a.url,
           coalesce(a.accessed_at, a.ingested_at) as accessed_at, n.annotation_count, n.tags, n.verdicts, n.ratings
    from ${fromFor(p.filters, true, true)}
    join statements st on st.id = s.id
    ${SPEAKER_AND_ROLE}
    left join outlets o on o.id = a.outlet_id
    left join lateral (select ${ANNOTATION_SUMMARY} from annotations an where an.statement_id = s.id and ${visibleTo(viewer)}) n on true
    ${whereAll(dateConditions(p, undefined))}
    ${dateOrder(p)}`;
}

/** The statement parts of statements `ids`, in the order of `ids`; those without a current attribution are left out. */
function statementsByIds(ids: number[]): RawBuilder<StatementPart> {
  return sql<StatementPart>`
    select ${STATEMENT_COLUMNS}, null as date_key
    from unnest(${ids}::int[]) with ordinality as x(id, ord)
    join statements st on st.id = x.id
    join attributions at on at.statement_id = st.id and at.is_current
    ${SPEAKER_AND_ROLE}
    order by x.ord`;
}

/** Articles `ids` with their outlet's name, by id. */
async function articleParts(db: Kysely<Database>, ids: number[]): Promise<Map<number, ArticlePart>> {
  const rows = await sql<ArticlePart & { id: number }>`
    select a.id, a.title as article_title, o.name as outlet_name, a.agency, a.byline, a.published_at, a.url, coalesce(a.accessed_at, a.ingested_at) as accessed_at
    from articles a left join outlets o on o.id = a.outlet_id
    where a.id = any(${ids}::int[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

const NO_ANNOTATIONS: AnnotationPart = Object.freeze({ annotation_count: 0, tags: [], verdicts: [], ratings: [] });

/**
 * What the annotations `viewer` may see (their own and shared, unhidden ones; a visitor not
 * logged in: shared ones) say of statements `ids`, by statement id; statements without any are
 * missing. Tags: each once, sorted; verdicts and claim ratings: each once.
 */
async function annotationParts(db: Kysely<Database>, ids: number[], viewer: SessionUser | undefined): Promise<Map<number, AnnotationPart>> {
  const rows = await sql<{ statement_id: number; annotation_count: number; tags: string; verdicts: string; ratings: string }>`
    select an.statement_id, ${ANNOTATION_SUMMARY}
    from annotations an
    where an.statement_id = any(${ids}::int[]) and ${visibleTo(viewer)}
    group by an.statement_id`.execute(db);
  const list = (joined: string) => (joined ? joined.split('\u001f') : []);
  return new Map(rows.rows.map((r) => [r.statement_id, {
    annotation_count: r.annotation_count,
    tags: [...new Set(list(r.tags))].sort(),
    verdicts: list(r.verdicts),
    ratings: list(r.ratings),
  }]));
}

/**
 * Whole export rows from statement parts, in their order: their articles read once each (those
 * not in `articles`, which keeps the page's articles for the next page: an article's statements
 * may straddle two), their annotations as `viewer` may see them. Two queries at most.
 */
export async function completeRows(db: Kysely<Database>, statements: StatementPart[], viewer: SessionUser | undefined, articles = new Map<number, ArticlePart>()): Promise<ExportRow[]> {
  if (statements.length === 0) return [];
  const missing = [...new Set(statements.map((s) => s.article_id))].filter((id) => !articles.has(id));
  const [fetched, annotations] = await Promise.all([
    missing.length ? articleParts(db, missing) : new Map<number, ArticlePart>(),
    annotationParts(db, statements.map((s) => s.id), viewer),
  ]);
  const onPage = new Map<number, ArticlePart>();
  // Each statement part becomes its row in place: a new object per row cost the export
  // allocation and collection time (a CPU profile of 1M rows).
  const rows = statements.map((s) => {
    const a = (articles.get(s.article_id) ?? fetched.get(s.article_id))!;
    onPage.set(s.article_id, a);
    const n = annotations.get(s.id) ?? NO_ANNOTATIONS;
    const row = s as StatementPart & Partial<ExportRow>;
    row.article_title = a.article_title;
    row.outlet_name = a.outlet_name;
    row.agency = a.agency;
    row.byline = a.byline;
    row.published_at = a.published_at;
    row.url = a.url;
    row.accessed_at = a.accessed_at;
    row.annotation_count = n.annotation_count;
    row.tags = n.tags;
    row.verdicts = n.verdicts;
    row.ratings = n.ratings;
    return row as ExportRow;
  });
  articles.clear();
  for (const [id, a] of onPage) articles.set(id, a);
  return rows;
}

/**
 * The export rows of statements `ids`, in the order of `ids` (the listing's order). Annotation
 * columns count only what `viewer` may see. Three queries for the whole page of ids.
 */
export async function exportRowsByIds(db: Kysely<Database>, ids: number[], viewer: SessionUser | undefined): Promise<ExportRow[]> {
  if (ids.length === 0) return [];
  return completeRows(db, (await statementsByIds(ids).execute(db)).rows, viewer);
}
