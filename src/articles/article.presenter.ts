import type { OtherAttribution } from '../clusters/clusters.queries.ts';
import { makeCodePointMapper, unitIndexOfCodePoints } from '../text/code-points.ts';
import type { ArticleWithOutlet } from './articles.queries.ts';
import type { StatementWithAttribution } from '../statements/statements.queries.ts';
import { presentStatement, type StatementView } from '../statements/statement.presenter.ts';

export interface Segment {
  text: string;
  /** Where the piece starts in the body, in code points (the page's selection script reads it). */
  start: number;
  /** Statements covering this piece of text; empty for plain text. */
  statementIds: number[];
  classes: string;
  /** Set on the first piece of a statement, so /articles/1#s-12 lands on it. */
  anchor: string | null;
  title: string | null;
  /** The ids of the covering statements' "who said it" notes (`who-<id>`), for aria-describedby. */
  describedBy: string;
  /** The first piece of a later part of a split quotation: marked "continued" on the page. */
  continues: boolean;
}

export interface ArticleView {
  id: number;
  title: string;
  subtitle: string | null;
  outlet: string | null;
  agency: string | null;
  byline: string | null;
  url: string | null;
  publishedAt: Date | null;
  /** When the page was fetched (a WARC record's date, or the API's `accessed`), if known. */
  accessedAt: Date | null;
  ingestedAt: Date;
  language: string;
  extractorVersion: string | null;
  paragraphs: Segment[][];
  statements: StatementView[];
  quoteCount: number;
  claimCount: number;
}

/** A part of a quotation split by its attribution. */
const isSplit = (s: StatementView) => s.continuesStatementId !== null || s.continuedByStatementId !== null;

/** Cuts the body into paragraphs, and each paragraph into pieces covered by the same statements. */
export function segmentBody(body: string, statements: StatementView[]): Segment[][] {
  const units = unitIndexOfCodePoints(body);
  const codePointAt = makeCodePointMapper(body);
  const spans = statements.map((s) => ({ s, from: units[s.start] ?? body.length, to: units[s.end] ?? body.length }));
  const cuts = new Set<number>([0, body.length]);
  for (const { from, to } of spans) cuts.add(from).add(to);
  for (const m of body.matchAll(/\n\s*\n/g)) cuts.add(m.index).add(m.index + m[0].length);
  const points = [...cuts].sort((a, b) => a - b);
  const paragraphs: Segment[][] = [[]];
  const anchored = new Set<number>();
  // A sweep over the cuts keeps the spans open at each one (in statement order), so an
  // article with 5,000 statements costs 5,000 steps, not 5,000 scans of every statement.
  const byStart = spans.map((sp, index) => ({ ...sp, index })).sort((a, b) => a.from - b.from || a.index - b.index);
  const open: typeof byStart = [];
  let next = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k]!;
    while (next < byStart.length && byStart[next]!.from <= from) open.push(byStart[next++]!);
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.to <= from) open.splice(i, 1);
    const text = body.slice(from, points[k + 1]);
    if (/^\n\s*\n/.test(text) && text.trim() === '') {
      paragraphs.push([]);
      continue;
    }
    const covering = [...open].sort((a, b) => a.index - b.index).map((sp) => sp.s);
    const first = covering.find((s) => !anchored.has(s.id));
    if (first) anchored.add(first.id);
    paragraphs.at(-1)!.push({
      text,
      start: codePointAt(from),
      statementIds: covering.map((s) => s.id),
      classes: [...new Set(covering.map((s) => `stmt-${s.kind}`)), ...(covering.some(isSplit) ? ['stmt-split'] : [])].join(' '),
      anchor: first ? `s-${first.id}` : null,
      title: covering.length ? covering.map((s) => s.summary).join('\n') : null,
      describedBy: covering.map((s) => `who-${s.id}`).join(' '),
      continues: first?.continuesStatementId != null,
    });
  }
  return paragraphs.filter((p) => p.length > 0);
}

export function presentArticle(
  article: ArticleWithOutlet,
  rows: StatementWithAttribution[],
  others: OtherAttribution[] = [],
): ArticleView {
  const othersOf = new Map<number, OtherAttribution[]>();
  for (const o of others) {
    const list = othersOf.get(o.statement_id);
    if (list) list.push(o);
    else othersOf.set(o.statement_id, [o]);
  }
  const statements = rows.map((row) =>
    presentStatement(row, (othersOf.get(row.id) ?? []).map((o) => ({ id: o.speaker_id, name: o.speaker_name }))),
  );
  const byId = new Map(statements.map((s) => [s.id, s]));
  for (const s of statements) {
    const head = s.continuesStatementId === null ? undefined : byId.get(s.continuesStatementId);
    if (head) head.continuedByStatementId = s.id;
  }
  return {
    id: article.id,
    title: article.title,
    subtitle: article.subtitle,
    outlet: article.outlet_name,
    agency: article.agency,
    byline: article.byline,
    url: article.url,
    publishedAt: article.published_at,
    accessedAt: article.accessed_at,
    ingestedAt: article.ingested_at,
    language: article.language,
    extractorVersion: article.extractor_version,
    paragraphs: segmentBody(article.body_text, statements),
    statements,
    quoteCount: statements.filter((s) => s.kind === 'quote').length,
    claimCount: statements.filter((s) => s.kind === 'claim').length,
  };
}
