import { hasRole, type SessionUser } from '../auth/auth.ts';
import type { Anchor } from './anchoring.ts';
import type { AnnotationContent, StoredSelector } from './annotations.ts';
import type { AnnotationRecord } from './annotations.queries.ts';
import { renderNote } from './markdown.ts';

// Annotation rows mapped to what the pages, the audit log and the conflict page show.

/** 'out_of_context' → 'out of context', 'mostly_true' → 'mostly true'. */
export const label = (value: string) => value.replace(/_/g, ' ');

/** The editable content of a stored annotation ('public', unused, reads as shared). */
export function contentOf(r: AnnotationRecord): AnnotationContent {
  return {
    note: r.body,
    tags: r.tags,
    verdict: r.verdict,
    claimRating: r.claim_rating,
    ratingExplanation: r.rating_explanation ?? '',
    evidenceUrls: r.evidence_urls,
    visibility: r.visibility === 'private' ? 'private' : 'shared',
  };
}

/**
 * The selectors stored with an annotation: a passage's, or the words of a statement when it
 * was annotated (null for an annotation on a statement stored before those were kept).
 */
export function storedSelector(r: AnnotationRecord): StoredSelector | null {
  if (r.selector_exact === null || r.position_start === null || r.position_end === null) return null;
  return { exact: r.selector_exact, prefix: r.selector_prefix ?? '', suffix: r.selector_suffix ?? '', start: r.position_start, end: r.position_end };
}

/** A passage's stored selectors, or null for an annotation on a statement. */
export function passageSelector(r: AnnotationRecord): StoredSelector | null {
  return r.statement_id === null ? storedSelector(r) : null;
}

/**
 * What an annotation is on: its stored selectors, or (a statement annotation stored before
 * they were kept) the statement's span as it is now.
 */
export function targetSelector(r: AnnotationRecord): StoredSelector {
  return storedSelector(r) ?? {
    exact: r.statement_exact ?? '',
    prefix: r.statement_prefix ?? '',
    suffix: r.statement_suffix ?? '',
    start: r.statement_start ?? 0,
    end: r.statement_end ?? 0,
  };
}

/**
 * The plain camelCase view of an annotation: what the audit log's before/after, each kept
 * version and the conflict page hold. Never anything secret.
 */
export function annotationJson(r: AnnotationRecord) {
  return {
    id: r.id,
    version: r.version,
    author: r.author,
    statementId: r.statement_id,
    articleId: r.article_id,
    selector: passageSelector(r),
    ...contentOf(r),
    hidden: r.hidden_at !== null,
  };
}
export type AnnotationJson = ReturnType<typeof annotationJson>;

/** What a page shows of one annotation to `viewer` (the note as safe HTML). */
export function presentAnnotation(r: AnnotationRecord, viewer: SessionUser | undefined, anchor?: Anchor) {
  const mine = viewer?.id === r.user_id;
  const content = contentOf(r);
  return {
    id: r.id,
    author: r.author,
    statementId: r.statement_id,
    articleId: r.article_id,
    noteHtml: renderNote(content.note),
    note: content.note,
    tags: content.tags,
    verdict: content.verdict,
    verdictLabel: content.verdict ? label(content.verdict) : null,
    claimRating: content.claimRating,
    claimRatingLabel: content.claimRating ? label(content.claimRating) : null,
    ratingExplanation: content.ratingExplanation,
    evidenceUrls: content.evidenceUrls,
    visibility: content.visibility,
    private: content.visibility === 'private',
    hidden: r.hidden_at !== null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    edited: r.version > 1,
    /** A claim rating fits: a claim or a passage (never a quote). */
    ratable: r.statement_kind !== 'quote',
    canEdit: mine && hasRole(viewer, 'annotator'),
    canHide: content.visibility === 'shared' && hasRole(viewer, 'editor'),
    passage: anchor
      ? { exact: r.selector_exact, ...anchor, orphaned: anchor.state === 'orphaned', reanchored: anchor.state === 'reanchored' }
      : null,
  };
}
export type AnnotationView = ReturnType<typeof presentAnnotation>;
