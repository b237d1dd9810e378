import type { Kysely } from 'kysely';
import { loadArticleView } from '../articles/article-view.ts';
import type { Database } from '../db/database.ts';
import { splitParagraphs } from '../extraction/paragraphs.ts';
import { NotFoundError } from '../http/errors.ts';
import type { StatementView } from '../statements/statement.presenter.ts';
import { findStatementArticleId, listAttributionHistory } from '../statements/statements.queries.ts';
import { unitIndexOfCodePoints } from '../text/code-points.ts';
import { type AttributionVersionView, presentSuggestion, presentVersion, type SuggestionView } from './review.presenter.ts';
import { listSuggestions } from './review.queries.ts';

export interface StatementDetail {
  statement: StatementView;
  article: { id: number; title: string; outlet: string | null; agency: string | null; publishedAt: Date | null; url: string | null; link: string };
  /** Every attribution version, oldest first; the last one is current. */
  attributions: AttributionVersionView[];
  /** The current version's number: what a review of this statement must send as `version`. */
  version: number;
  suggestions: SuggestionView[];
  cluster: string | null;
  /** The statement's paragraph(s): the text before it, the statement, the text after it. */
  context: { before: string; quote: string; after: string };
  /** Speakers credited in the same article (choices for a correction), by name. */
  articleSpeakers: { id: number; name: string }[];
}

/** The words around a statement: from the start of its first paragraph to the end of its last. */
function contextOf(body: string, start: number, end: number): StatementDetail['context'] {
  const units = unitIndexOfCodePoints(body);
  const from = units[start] ?? body.length;
  const to = units[end] ?? body.length;
  const paragraphs = splitParagraphs(body);
  const first = paragraphs.filter((p) => p.start <= from).at(-1);
  const last = paragraphs.find((p) => p.end >= to);
  const pStart = Math.min(first?.start ?? from, from);
  const pEnd = Math.max(last?.end ?? to, to);
  return { before: body.slice(pStart, from), quote: body.slice(from, to), after: body.slice(to, pEnd) };
}

/**
 * One statement with its article, its full attribution history, its suggestions (pending
 * ones, or all with `allSuggestions`) and its context. NotFoundError: no such statement.
 */
export async function loadStatementDetail(db: Kysely<Database>, id: number, allSuggestions = false): Promise<StatementDetail> {
  const articleId = await findStatementArticleId(db, id);
  if (articleId === undefined) throw new NotFoundError(`Statement ${id}`);
  const [{ view, bodyText }, history, suggestions] = await Promise.all([
    loadArticleView(db, articleId),
    listAttributionHistory(db, id),
    listSuggestions(db, [id], !allSuggestions),
  ]);
  const statement = view.statements.find((s) => s.id === id)!;
  const speakers = new Map<number, string>();
  for (const s of view.statements) if (s.speaker) speakers.set(s.speaker.id, s.speaker.name);
  return {
    statement,
    article: { id: view.id, title: view.title, outlet: view.outlet, agency: view.agency, publishedAt: view.publishedAt, url: view.url, link: `/articles/${view.id}#s-${id}` },
    attributions: history.map(presentVersion),
    version: (history.find((h) => h.is_current) ?? history.at(-1))?.version ?? 1,
    suggestions: suggestions.map(presentSuggestion),
    cluster: statement.clusterId ? `/api/clusters/${statement.clusterId}` : null,
    context: contextOf(bodyText, statement.start, statement.end),
    articleSpeakers: [...speakers].map(([sid, name]) => ({ id: sid, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The JSON of GET /api/statements/:id and of every review answer. */
export function statementJson(d: StatementDetail) {
  return { statement: d.statement, article: d.article, version: d.version, attributions: d.attributions, suggestions: d.suggestions, cluster: d.cluster };
}
