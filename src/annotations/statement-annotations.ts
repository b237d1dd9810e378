import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/auth.ts';
import type { Database } from '../db/database.ts';

// PLACEHOLDER (issue #10, in progress): the annotations helper implements this; the
// statement page already calls it and renders views/partials/statement-annotations.hbs.

/** What the statement page shows of one annotation (filled in by the annotations work). */
export interface StatementAnnotationView {
  id: number;
}

/** The annotations on statement `statementId` that `viewer` may see, oldest first. */
export async function loadStatementAnnotations(
  _db: Kysely<Database>,
  _statementId: number,
  _viewer: SessionUser | undefined,
): Promise<StatementAnnotationView[]> {
  return [];
}
