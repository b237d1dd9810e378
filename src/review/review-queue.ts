import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { normalizeOutletName } from '../articles/articles.ts';
import type { Database } from '../db/database.ts';
import { InputError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { idParam, pageLimit, typedText } from '../http/schema.ts';

// The review queue: current machine attributions, lowest confidence first (unscored ones
// before all), filtered by article, outlet, speaker and confidence range, in keyset pages.

export const QUEUE_PAGE = 50;
const blankAsUnset = (v: unknown) => (v === '' ? undefined : v);
const confidence = z
  .string()
  .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})$/, 'must be a number from 0 to 1')
  .transform(Number);

const queueSchema = z.strictObject({
  article: z.preprocess(blankAsUnset, idParam('must be an article id').optional()),
  outlet: z.preprocess(blankAsUnset, typedText(200).optional()),
  speaker: z.preprocess(blankAsUnset, idParam('must be a speaker id').optional()),
  minConfidence: z.preprocess(blankAsUnset, confidence.optional()),
  maxConfidence: z.preprocess(blankAsUnset, confidence.optional()),
  after: z.preprocess(blankAsUnset, z.string().regex(/^(null|\d(\.\d+)?(e-\d+)?):\d{1,10}$/, 'is not a cursor from this queue').optional()),
  limit: z.preprocess(blankAsUnset, pageLimit(200).optional()),
});

export interface QueueQuery {
  article?: number;
  outlet?: string;
  speaker?: number;
  minConfidence?: number;
  maxConfidence?: number;
  after?: { confidence: number | null; statementId: number };
  limit: number;
}

/** Parses the queue's query string; 400 naming the parameter otherwise. `values` go back into the form. */
export function parseQueueQuery(query: unknown): { q: QueueQuery; values: Record<string, string> } {
  const p = parseInput(queueSchema, query);
  if (p.minConfidence !== undefined && p.maxConfidence !== undefined && p.minConfidence > p.maxConfidence) {
    throw new InputError([{ field: 'maxConfidence', message: 'must not be below minConfidence' }], 400);
  }
  let after: QueueQuery['after'];
  if (p.after) {
    const [c, id] = p.after.split(':') as [string, string];
    after = { confidence: c === 'null' ? null : Number(c), statementId: Number(id) };
  }
  const values = Object.fromEntries(Object.entries(query as Record<string, unknown>).filter(([k, v]) => k !== 'after' && typeof v === 'string' && v !== '')) as Record<string, string>;
  return { q: { article: p.article, outlet: p.outlet, speaker: p.speaker, minConfidence: p.minConfidence, maxConfidence: p.maxConfidence, after, limit: p.limit ?? QUEUE_PAGE }, values };
}

export interface QueueRow {
  statement_id: number;
  article_id: number;
  kind: 'quote' | 'claim';
  text: string;
  version: number;
  confidence: number | null;
  speaker_id: number | null;
  speaker_name: string | null;
  mention_text: string | null;
  role_text: string | null;
  cue_text: string | null;
  article_title: string;
  outlet_name: string | null;
}

/** One page of the queue (and the cursor of the next, null on the last page). */
export async function listReviewQueue(db: Kysely<Database>, q: QueueQuery): Promise<{ rows: QueueRow[]; next: string | null }> {
  const c = [sql`at.is_current`, sql`at.status = 'machine'`];
  if (q.article !== undefined) c.push(sql`s.article_id = ${q.article}`);
  if (q.outlet !== undefined) {
    c.push(/^\d{1,10}$/.test(q.outlet)
      ? sql`a.outlet_id = ${Number(q.outlet)}`
      : sql`a.outlet_id in (select o2.id from outlets o2 where o2.normalized_name = ${normalizeOutletName(q.outlet)})`);
  }
  if (q.speaker !== undefined) c.push(sql`at.speaker_id = ${q.speaker}`);
  // ::real: compared as stored (a float4), so 0.3 from a cursor matches the stored 0.3.
  if (q.minConfidence !== undefined) c.push(sql`at.confidence >= ${q.minConfidence}::real`);
  if (q.maxConfidence !== undefined) c.push(sql`at.confidence <= ${q.maxConfidence}::real`);
  if (q.after) {
    const { confidence: ac, statementId } = q.after;
    c.push(ac === null
      ? sql`(at.confidence is not null or at.statement_id > ${statementId})`
      : sql`(at.confidence > ${ac}::real or (at.confidence = ${ac}::real and at.statement_id > ${statementId}))`);
  }
  const rows = await sql<QueueRow>`
    select at.statement_id, s.article_id, s.kind, s.text, at.version, at.confidence, at.speaker_id, sp.canonical_name as speaker_name,
           at.mention_text, at.role_text, s.cue_text, a.title as article_title, o.name as outlet_name
    from attributions at
    join statements s on s.id = at.statement_id
    join articles a on a.id = s.article_id
    left join outlets o on o.id = a.outlet_id
    left join speakers sp on sp.id = at.speaker_id
    where ${sql.join(c, sql` and `)}
    order by at.confidence asc nulls first, at.statement_id
    limit ${q.limit}`.execute(db);
  const last = rows.rows.at(-1);
  const next = rows.rows.length === q.limit && last ? `${last.confidence === null ? 'null' : last.confidence}:${last.statement_id}` : null;
  return { rows: rows.rows, next };
}
