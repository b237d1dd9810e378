import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';
import { anchorSelector, codePointsOf } from './anchoring.ts';
import { type AnnotationView, passageSelector, presentAnnotation, storedSelector } from './annotation.presenter.ts';
import { type AnnotationRecord, articleBodyText, listPassageAnnotations, listStatementAnnotations } from './annotations.queries.ts';

/** What the statement page shows of one annotation (see presentAnnotation). */
export type StatementAnnotationView = AnnotationView;

/**
 * The annotations on statement `statementId` that `viewer` may see, oldest first: their
 * own, and the shared ones of others (hidden ones only to editors, marked); a visitor who
 * is not logged in sees the shared ones nobody hid. Rendered by views/partials/statement-annotations.hbs.
 * One made before an editor corrected the statement's span shows the words it was made on
 * (`passage`, anchored in the body as passages are; `passage.earlierSpan` set).
 */
export async function loadStatementAnnotations(
  db: Kysely<Database>,
  statementId: number,
  viewer: SessionUser | undefined,
): Promise<StatementAnnotationView[]> {
  const rows = await listStatementAnnotations(db, statementId, viewer);
  const moved = (r: AnnotationRecord) => {
    const s = storedSelector(r);
    return s !== null && (s.start !== r.statement_start || s.end !== r.statement_end);
  };
  const first = rows.find(moved);
  if (!first) return rows.map((r) => presentAnnotation(r, viewer));
  const body = codePointsOf(await articleBodyText(db, first.article_id));
  return rows.map((r) => {
    if (!moved(r)) return presentAnnotation(r, viewer);
    const view = presentAnnotation(r, viewer, anchorSelector(body, storedSelector(r)!));
    return { ...view, passage: { ...view.passage!, earlierSpan: true } };
  });
}

/**
 * The passage annotations on an article that `viewer` may see, in text order, each anchored
 * in `bodyText` (its position checked against its quote, re-anchored or orphaned).
 */
export async function loadPassageAnnotations(
  db: Kysely<Database>,
  articleId: number,
  bodyText: string,
  viewer: SessionUser | undefined,
): Promise<AnnotationView[]> {
  const rows = await listPassageAnnotations(db, articleId, viewer);
  if (rows.length === 0) return [];
  const body = codePointsOf(bodyText);
  return rows.map((r) => presentAnnotation(r, viewer, anchorSelector(body, passageSelector(r)!)));
}
