import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.queries.ts';
import type { SessionUser } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';
import { type FieldIssue, HttpError, InputError, NotFoundError, StaleVersionError } from '../http/errors.ts';
import { codePointsOf, selectorAt, verifySelector } from './anchoring.ts';
import { annotationJson, contentOf } from './annotation.presenter.ts';
import type { AnnotationContent, CreateAnnotationInput, EditAnnotationInput } from './annotations.ts';
import {
  type AnnotationRecord, canSee, deleteAnnotation, findAnnotation, insertAnnotation, insertAnnotationVersion,
  lockAnnotation, setAnnotationHidden, updateAnnotation,
} from './annotations.queries.ts';

// The writes on annotations, shared by the pages and the JSON API. Each takes the route's
// transaction: it checks who may write, checks the version under the row's lock, keeps a
// version (annotation_versions) for every change of content and records an audit entry.

/** Says something: a note (not only blanks), a tag, a verdict or a claim rating. */
export function hasContent(c: AnnotationContent): boolean {
  return c.note.trim() !== '' || c.tags.length > 0 || c.verdict !== null || c.claimRating !== null;
}

/**
 * An annotation must say something (else 422 naming `note`); a claim rating rates a claim:
 * refused on a quote (the verdict covers quotes), allowed on passages.
 */
function contentIssues(content: AnnotationContent, statementKind: 'quote' | 'claim' | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!hasContent(content)) issues.push({ field: 'note', message: 'an annotation needs a note, a tag, a verdict or a rating' });
  if (content.claimRating && statementKind === 'quote') issues.push({ field: 'claimRating', message: 'rates claims only; use the attribution verdict for a quote' });
  if (content.ratingExplanation && !content.claimRating) issues.push({ field: 'ratingExplanation', message: 'explains a claim rating: give claimRating too' });
  return issues;
}

function applyEdit(base: AnnotationContent, edit: Omit<EditAnnotationInput, 'version'> | Omit<CreateAnnotationInput, 'statementId' | 'articleId' | 'selector'>): AnnotationContent {
  return {
    note: edit.note ?? base.note,
    tags: edit.tags ?? base.tags,
    verdict: edit.verdict === undefined ? base.verdict : edit.verdict,
    claimRating: edit.claimRating === undefined ? base.claimRating : edit.claimRating,
    ratingExplanation: edit.ratingExplanation ?? base.ratingExplanation,
    evidenceUrls: edit.evidenceUrls ?? base.evidenceUrls,
    visibility: edit.visibility ?? base.visibility,
  };
}

const EMPTY: AnnotationContent = { note: '', tags: [], verdict: null, claimRating: null, ratingExplanation: '', evidenceUrls: [], visibility: 'private' };

/**
 * Stores a new annotation by `user` (version 1) and returns it; one on a statement keeps the
 * statement's span as it is now (both W3C selectors). Throws InputError (422) naming the
 * field for a statement or article that does not exist, a selector that does not match the
 * article's text or lies outside it, an empty annotation (`note`), or a claim rating on a quote.
 */
export async function createAnnotation(trx: Kysely<Database>, user: SessionUser, input: CreateAnnotationInput): Promise<AnnotationRecord> {
  const content = applyEdit(EMPTY, input);
  let target: Parameters<typeof insertAnnotation>[2];
  if (input.statementId !== undefined) {
    const statement = await trx
      .selectFrom('statements as st')
      .innerJoin('articles as a', 'a.id', 'st.article_id')
      .select(['st.id', 'st.kind', 'st.start_offset', 'st.end_offset', 'a.body_text'])
      .where('st.id', '=', input.statementId)
      .executeTakeFirst();
    if (!statement) throw new InputError([{ field: 'statementId', message: `no statement ${input.statementId}` }]);
    const issues = contentIssues(content, statement.kind);
    if (issues.length) throw new InputError(issues);
    // The words annotated, kept as they are now: a later correction of the statement's span
    // must not move the annotation onto other words.
    target = { statementId: statement.id, selector: selectorAt(codePointsOf(statement.body_text), statement.start_offset, statement.end_offset) };
  } else {
    const article = await trx.selectFrom('articles').select(['id', 'body_text']).where('id', '=', input.articleId!).executeTakeFirst();
    if (!article) throw new InputError([{ field: 'articleId', message: `no article ${input.articleId}` }]);
    const checked = verifySelector(codePointsOf(article.body_text), input.selector!);
    const issues = [...('issues' in checked ? checked.issues : []), ...contentIssues(content, null)];
    if (issues.length || !('selector' in checked)) throw new InputError(issues);
    target = { articleId: article.id, selector: checked.selector };
  }
  const id = await insertAnnotation(trx, user.id, target, content);
  const created = (await findAnnotation(trx, id))!;
  const view = annotationJson(created);
  await insertAnnotationVersion(trx, id, 1, user.id, view);
  await recordAudit(trx, { userId: user.id, action: 'create', entityType: 'annotation', entityId: id, before: null, after: view });
  return created;
}

/**
 * The annotation `id`, locked, if `user` may see it; 404 otherwise (a private annotation of
 * someone else, or a hidden one for a non-editor, is not there for them).
 */
async function lockVisible(trx: Kysely<Database>, user: SessionUser, id: number): Promise<AnnotationRecord> {
  const found = (await lockAnnotation(trx, id)) ? await findAnnotation(trx, id) : undefined;
  if (!found || !canSee(user, found)) throw new NotFoundError(`Annotation ${id}`);
  return found;
}

/** Only the author edits or deletes: 403 for anyone else; 409 for a stale version. */
function checkOwn(user: SessionUser, found: AnnotationRecord, version: number, submitted: Record<string, unknown>): void {
  if (found.user_id !== user.id) throw new HttpError(403, 'Only the author may change or delete an annotation');
  if (found.version !== version) throw new StaleVersionError('This annotation', version, annotationJson(found), submitted);
}

/**
 * Applies `input` (the fields given; the others stay) to the author's annotation as a new
 * version, and returns it. Throws 404 / 403 / 409 (StaleVersionError) / 422 (InputError).
 */
export async function editAnnotation(trx: Kysely<Database>, user: SessionUser, id: number, input: EditAnnotationInput): Promise<AnnotationRecord> {
  const { version, ...edit } = input;
  const found = await lockVisible(trx, user, id);
  const before = annotationJson(found);
  const content = applyEdit(contentOf(found), edit);
  checkOwn(user, found, version, { ...before, ...content, version });
  const issues = contentIssues(content, found.statement_kind);
  if (issues.length) throw new InputError(issues);
  await updateAnnotation(trx, id, content, found.version + 1);
  const updated = (await findAnnotation(trx, id))!;
  const after = annotationJson(updated);
  await insertAnnotationVersion(trx, id, updated.version, user.id, after);
  await recordAudit(trx, { userId: user.id, action: 'update', entityType: 'annotation', entityId: id, before, after });
  return updated;
}

/** Deletes the author's annotation (and its versions); the audit entry keeps its last view. */
export async function removeAnnotation(trx: Kysely<Database>, user: SessionUser, id: number, version: number): Promise<AnnotationRecord> {
  const found = await lockVisible(trx, user, id);
  checkOwn(user, found, version, { ...annotationJson(found), version, deleted: true });
  await deleteAnnotation(trx, id);
  await recordAudit(trx, { userId: user.id, action: 'delete', entityType: 'annotation', entityId: id, before: annotationJson(found), after: null });
  return found;
}

/**
 * An editor hides (or shows again) a shared annotation: hidden ones are shown only to their
 * author and to editors. Moderation, not an edit: it keeps the version (so the author's open
 * edit form stays valid) and is recorded in the audit log. 422 for a private annotation.
 */
export async function hideAnnotation(trx: Kysely<Database>, editor: SessionUser, id: number, hidden: boolean): Promise<AnnotationRecord> {
  const found = await lockVisible(trx, editor, id);
  if (found.visibility === 'private') throw new InputError([{ field: 'hidden', message: 'only shared annotations can be hidden' }]);
  const before = annotationJson(found);
  if (before.hidden !== hidden) await setAnnotationHidden(trx, id, hidden ? editor.id : null);
  const updated = (await findAnnotation(trx, id))!;
  await recordAudit(trx, { userId: editor.id, action: hidden ? 'hide' : 'unhide', entityType: 'annotation', entityId: id, before, after: annotationJson(updated) });
  return updated;
}
