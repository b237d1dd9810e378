import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { SessionUser } from '../auth/auth.ts';
import { hasRole } from '../auth/auth.ts';
import type { AnnotationsTable, Database } from '../db/database.ts';
import { type AnnotationContent, type ClaimRating, CONTEXT_CHARS, type StoredSelector, type Verdict } from './annotations.ts';

// Annotation rows. Every function takes db first and opens no transaction of its own.

/** An annotation with what its views need: author, and the article (and statement) it is on. */
export interface AnnotationRecord {
  id: number;
  user_id: number;
  author: string;
  statement_id: number | null;
  /** The article it is on: the passage's article, or the statement's. */
  article_id: number;
  statement_kind: 'quote' | 'claim' | null;
  statement_start: number | null;
  statement_end: number | null;
  /**
   * A statement's current span and TextQuoteSelector, read from its article's body (null for
   * passages): the target of an annotation stored before annotations kept their own selector.
   */
  statement_exact: string | null;
  statement_prefix: string | null;
  statement_suffix: string | null;
  selector_exact: string | null;
  selector_prefix: string | null;
  selector_suffix: string | null;
  position_start: number | null;
  position_end: number | null;
  body: string;
  tags: string[];
  verdict: AnnotationsTable['verdict'];
  claim_rating: AnnotationsTable['claim_rating'];
  rating_explanation: string | null;
  evidence_urls: string[];
  visibility: 'private' | 'shared' | 'public';
  version: number;
  hidden_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function selectRecords(db: Kysely<Database>) {
  return db
    .selectFrom('annotations as an')
    .innerJoin('users as u', 'u.id', 'an.user_id')
    .leftJoin('statements as st', 'st.id', 'an.statement_id')
    .leftJoin('articles as sa', 'sa.id', 'st.article_id')
    .select([
      'an.id', 'an.user_id', 'u.username as author', 'an.statement_id',
      sql<number>`coalesce(an.article_id, st.article_id)`.as('article_id'),
      'st.kind as statement_kind', 'st.start_offset as statement_start', 'st.end_offset as statement_end',
      // substring() counts code points from 1, as the offsets (from 0) do: 32 around the span.
      sql<string | null>`substring(sa.body_text from st.start_offset + 1 for st.end_offset - st.start_offset)`.as('statement_exact'),
      sql<string | null>`substring(sa.body_text from greatest(st.start_offset - ${CONTEXT_CHARS}, 0) + 1 for least(st.start_offset, ${CONTEXT_CHARS}))`.as('statement_prefix'),
      sql<string | null>`substring(sa.body_text from st.end_offset + 1 for ${CONTEXT_CHARS})`.as('statement_suffix'),
      'an.selector_exact', 'an.selector_prefix', 'an.selector_suffix', 'an.position_start', 'an.position_end',
      'an.body', 'an.tags', 'an.verdict', 'an.claim_rating', 'an.rating_explanation', 'an.evidence_urls',
      'an.visibility', 'an.version', 'an.hidden_at', 'an.created_at', 'an.updated_at',
    ]);
}

/**
 * What `viewer` may see: their own annotations, and the shared ones of others unless an
 * editor hid them (editors and admins still see hidden ones). Reading is open on Verbatim
 * (pages and search need no login), so a visitor who is not logged in sees what every
 * reader sees: the shared annotations nobody hid.
 */
export function visibleTo(viewer: SessionUser | undefined): Expression<SqlBool> {
  if (!viewer) return sql<SqlBool>`(an.visibility <> 'private' and an.hidden_at is null)`;
  const hiddenToo = hasRole(viewer, 'editor');
  return sql<SqlBool>`(an.user_id = ${viewer.id} or (an.visibility <> 'private' and ${hiddenToo ? sql`true` : sql`an.hidden_at is null`}))`;
}

/** visibleTo for one loaded annotation. */
export function canSee(viewer: SessionUser | undefined, r: Pick<AnnotationRecord, 'user_id' | 'visibility' | 'hidden_at'>): boolean {
  if (!viewer) return r.visibility !== 'private' && r.hidden_at === null;
  return r.user_id === viewer.id || (r.visibility !== 'private' && (r.hidden_at === null || hasRole(viewer, 'editor')));
}

/** One annotation whatever its visibility (callers check it), or undefined. */
export async function findAnnotation(db: Kysely<Database>, id: number): Promise<AnnotationRecord | undefined> {
  return selectRecords(db).where('an.id', '=', id).executeTakeFirst();
}

/** An article's body text ('' when there is no such article). */
export async function articleBodyText(db: Kysely<Database>, articleId: number): Promise<string> {
  return (await db.selectFrom('articles').select('body_text').where('id', '=', articleId).executeTakeFirst())?.body_text ?? '';
}

/** Locks the annotation's row until the transaction ends (edits check the version under it). */
export async function lockAnnotation(db: Kysely<Database>, id: number): Promise<boolean> {
  const row = await db.selectFrom('annotations').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

function contentColumns(c: AnnotationContent) {
  return {
    body: c.note,
    tags: c.tags,
    verdict: c.verdict,
    claim_rating: c.claimRating,
    rating_explanation: c.ratingExplanation === '' ? null : c.ratingExplanation,
    evidence_urls: c.evidenceUrls,
    visibility: c.visibility,
  };
}

/** Stores a new annotation (version 1) on a statement or on a passage, with the selectors of the words it is on; returns its id. */
export async function insertAnnotation(
  db: Kysely<Database>,
  userId: number,
  target: { statementId: number; selector: StoredSelector } | { articleId: number; selector: StoredSelector },
  content: AnnotationContent,
): Promise<number> {
  const where = {
    ...('statementId' in target ? { statement_id: target.statementId } : { article_id: target.articleId }),
    selector_exact: target.selector.exact,
    selector_prefix: target.selector.prefix,
    selector_suffix: target.selector.suffix,
    position_start: target.selector.start,
    position_end: target.selector.end,
  };
  const row = await db.insertInto('annotations').values({ user_id: userId, ...where, ...contentColumns(content) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Writes new content as `version` (the caller checked the previous one under a lock). */
export async function updateAnnotation(db: Kysely<Database>, id: number, content: AnnotationContent, version: number): Promise<void> {
  await db.updateTable('annotations').set({ ...contentColumns(content), version, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function deleteAnnotation(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('annotations').where('id', '=', id).execute();
}

/** Hides (by `editorId`) or unhides an annotation. */
export async function setAnnotationHidden(db: Kysely<Database>, id: number, editorId: number | null): Promise<void> {
  await db.updateTable('annotations').set({ hidden_by: editorId, hidden_at: editorId === null ? null : new Date() }).where('id', '=', id).execute();
}

/** Keeps one version of an annotation (v1 at create, one per edit). */
export async function insertAnnotationVersion(db: Kysely<Database>, annotationId: number, version: number, editedBy: number, snapshot: unknown): Promise<void> {
  await db.insertInto('annotation_versions').values({ annotation_id: annotationId, version, edited_by: editedBy, snapshot: JSON.stringify(snapshot) }).execute();
}

/** Every version of an annotation, oldest first: {version, editedBy (username), createdAt, snapshot}. */
export async function listAnnotationVersions(db: Kysely<Database>, annotationId: number) {
  return db
    .selectFrom('annotation_versions as v')
    .leftJoin('users as u', 'u.id', 'v.edited_by')
    .select(['v.version', 'u.username as editedBy', 'v.created_at as createdAt', 'v.snapshot'])
    .where('v.annotation_id', '=', annotationId)
    .orderBy('v.version')
    .execute();
}

export interface AnnotationFilters {
  q?: string;
  tag?: string;
  verdict?: Verdict;
  /** A claim rating. */
  rating?: ClaimRating;
  /** A username (any case). */
  author?: string;
  /** Annotations on this article: its passages and its statements. */
  article?: number;
  statement?: number;
  /** Keyset: only ids below this one (newest first). */
  before?: number;
  limit: number;
}

/** The annotations `viewer` may see that match the filters, newest first. */
export async function searchAnnotations(db: Kysely<Database>, viewer: SessionUser | undefined, f: AnnotationFilters): Promise<AnnotationRecord[]> {
  let query = selectRecords(db).where(visibleTo(viewer));
  if (f.q) query = query.where(sql<SqlBool>`an.search_vector @@ (websearch_to_tsquery('english', ${f.q}) || websearch_to_tsquery('simple', ${f.q}))`);
  if (f.tag) query = query.where(sql<SqlBool>`an.tags @> array[${f.tag}]::text[]`);
  if (f.verdict) query = query.where('an.verdict', '=', f.verdict);
  if (f.rating) query = query.where('an.claim_rating', '=', f.rating);
  if (f.author) query = query.where(sql<SqlBool>`lower(u.username) = ${f.author.toLowerCase()}`);
  if (f.article !== undefined) query = query.where(sql<SqlBool>`coalesce(an.article_id, st.article_id) = ${f.article}`);
  if (f.statement !== undefined) query = query.where('an.statement_id', '=', f.statement);
  if (f.before !== undefined) query = query.where('an.id', '<', f.before);
  return query.orderBy('an.id', 'desc').limit(f.limit).execute();
}

/** The annotations on one statement that `viewer` may see, oldest first. */
export async function listStatementAnnotations(db: Kysely<Database>, statementId: number, viewer: SessionUser | undefined): Promise<AnnotationRecord[]> {
  return selectRecords(db).where('an.statement_id', '=', statementId).where(visibleTo(viewer)).orderBy('an.id').execute();
}

/** The passage annotations on one article that `viewer` may see, in text order. */
export async function listPassageAnnotations(db: Kysely<Database>, articleId: number, viewer: SessionUser | undefined): Promise<AnnotationRecord[]> {
  return selectRecords(db).where('an.article_id', '=', articleId).where(visibleTo(viewer)).orderBy('an.position_start').orderBy('an.id').execute();
}
