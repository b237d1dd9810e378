import { type RawBuilder, sql } from 'kysely';
import { agencyNamesMatching, outletIdsMatching, speakerIdsMatching } from './name-match.ts';
import { hasFilters, type SearchFilters, type SearchParams } from './search.ts';
import { groupsCopies, shownCopyCondition } from './search.copies.ts';
import { prefixTsQuery } from './search.words.ts';

// SQL pieces shared by every search query. The aliases are fixed: s = statement_search (one
// row per statement: id, article_id, kind, published_at, outlet_id, speaker_id,
// search_vector), a = articles and at = the current attribution, joined only when needed.

/** Published-date sort keys with undated articles last (indexed on statement_search). */
export const NEWEST_KEY = sql`coalesce(s.published_at, '-infinity'::timestamptz)`;
export const OLDEST_KEY = sql`coalesce(s.published_at, 'infinity'::timestamptz)`;

/** The words as a tsquery: web search syntax, and a trailing * for a prefix (search.words.ts). */
export function tsQuery(q: string): RawBuilder<unknown> {
  return prefixTsQuery(q);
}

/**
 * statement_search plus only the joins the filters need: joining articles and attributions
 * for every candidate of a common word costs more than ranking it.
 */
export function fromFor(f: SearchFilters, withArticle = false, withAttribution = false): RawBuilder<unknown> {
  const article = withArticle || Boolean(f.agency);
  const attribution = withAttribution || Boolean(f.role || f.organization || f.status);
  return sql`statement_search s
    ${article ? sql`join articles a on a.id = s.article_id` : sql``}
    ${attribution ? sql`join attributions at on at.statement_id = s.id and at.is_current` : sql``}`;
}

/** `%text%` for ILIKE with the user's % and _ taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The filters as SQL conditions (parameterized), to be and-ed together. */
export function filterConditions(f: SearchFilters): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (f.speakerIds) c.push(sql`s.speaker_id = any(${f.speakerIds}::int[])`);
  else if (f.speaker) c.push(sql`s.speaker_id in (${speakerIdsMatching(f.speaker)})`);
  if (f.speakerId !== undefined) c.push(sql`s.speaker_id = ${f.speakerId}`);
  if (f.article !== undefined) c.push(sql`s.article_id = ${f.article}`);
  if (f.cluster !== undefined) c.push(sql`s.id in (select cs.id from statements cs where cs.cluster_id = ${f.cluster})`);
  if (f.speakerKind) c.push(sql`exists (select 1 from speakers sk where sk.id = s.speaker_id and sk.kind = ${f.speakerKind})`);
  if (f.role) c.push(sql`at.role_text ilike ${containsPattern(f.role)}`);
  if (f.organization) {
    c.push(sql`at.role_id in (select r.id from roles r where r.organization ilike ${containsPattern(f.organization)})`);
  }
  if (f.outletIds) c.push(sql`s.outlet_id = any(${f.outletIds}::int[])`);
  else if (f.outlet) c.push(sql`s.outlet_id in (${outletIdsMatching(f.outlet)})`);
  if (f.agencyNames) c.push(sql`a.agency = any(${f.agencyNames}::text[])`);
  else if (f.agency) c.push(sql`a.agency in (${agencyNamesMatching(f.agency)})`);
  if (f.from) c.push(sql`s.published_at >= ${dayStart(f.from)}`);
  if (f.to) c.push(sql`s.published_at < ${new Date(dayStart(f.to).getTime() + 86_400_000)}`);
  if (f.kind) c.push(sql`s.kind = ${f.kind}`);
  if (f.quoteType) c.push(sql`exists (select 1 from statements qt where qt.id = s.id and qt.quote_type = ${f.quoteType})`);
  if (f.status) c.push(sql`at.status = ${f.status}`);
  // Annotations filter only by what everyone may see: shared (or public) ones an editor has
  // not hidden; tags are stored lowercased (src/annotations/annotations.ts).
  if (f.tag) {
    c.push(sql`exists (select 1 from annotations an where an.statement_id = s.id and an.tags @> array[${f.tag.replace(/\s+/g, ' ').toLowerCase()}]::text[] and an.visibility <> 'private' and an.hidden_at is null)`);
  }
  if (f.verdict) {
    c.push(sql`exists (select 1 from annotations an where an.statement_id = s.id and an.verdict = ${f.verdict} and an.visibility <> 'private' and an.hidden_at is null)`);
  }
  return c;
}

/** What a match of the search is (its words and filters), as conditions on `s`. */
export function matchConditions(p: SearchParams): RawBuilder<unknown>[] {
  const conditions = filterConditions(p.filters);
  if (p.q) conditions.unshift(sql`s.search_vector @@ ${tsQuery(p.q)}`);
  return conditions;
}

/** matchConditions, and when the search lists copies once, that the row is its group's shown copy (search.copies.ts). */
export function shownMatchConditions(p: SearchParams): RawBuilder<unknown>[] {
  const conditions = matchConditions(p);
  if (groupsCopies(p)) conditions.push(shownCopyCondition(sql`s.id`, fromFor(p.filters), matchConditions(p)));
  return conditions;
}

export function whereAll(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

/**
 * A search for one plain word: ASCII letters and digits, which Postgres' parser always reads
 * as one token (one lexeme, or none for a stop word), with no operators and no filters.
 */
export function plainWord(p: SearchParams): string | null {
  const word = p.q.trim();
  return /^[A-Za-z0-9]+$/.test(word) && !hasFilters(p.filters) ? word : null;
}

/**
 * The newest `limit` matches of a search (q and filters), with the given columns of s.
 * Given the lexeme of a common plain word (search.resolve.ts), they are the first entries of
 * its posting list (search_postings), read newest first from the index; otherwise the GIN
 * index and the filters' indexes find them.
 */
export function newestMatches(p: SearchParams, limit: number, columns: RawBuilder<unknown>, postingsLexeme: string | null): RawBuilder<unknown> {
  if (postingsLexeme !== null) {
    return sql`
      select ${columns}
      from (select statement_id from search_postings where lexeme = ${postingsLexeme}
              ${groupsCopies(p) ? sql`and ${shownCopyCondition(sql`search_postings.statement_id`, fromFor(p.filters), matchConditions(p))}` : sql``}
            order by statement_id desc limit ${limit}) np
      join statement_search s on s.id = np.statement_id`;
  }
  return sql`select ${columns} from ${fromFor(p.filters)} ${whereAll(shownMatchConditions(p))} order by s.id desc limit ${limit}`;
}
