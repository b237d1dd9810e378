import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Role } from '../../src/auth/auth.ts';
import type { Database } from '../../src/db/database.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { loggedIn, type TestApp } from '../helpers/app.ts';

// What the annotation tests share: an article with a quote and a claim, users of each
// role, and a zod schema of the W3C Web Annotation model's required shape.

/** An emoji before the quote: offsets count code points, not UTF-16 units. */
export const BODY = '🙂 "We will never pay the ransom," the minister said on Monday.\n\nThe ministry denied that talks had taken place. Analysts said the denial was not credible.';

export async function annotatedArticle(db: Kysely<Database>) {
  const article = await storedArticle(db, { title: 'Ransom talks', text: BODY });
  await storeStatements(db, article, [
    statementOn(BODY, 'We will never pay the ransom'),
    statementOn(BODY, 'denied that talks had taken place', { kind: 'claim', quoteType: 'indirect', paragraphIndex: 1, speaker: { name: 'The ministry', kind: 'organization', mention: null, aliases: [] } }),
  ]);
  const rows = await db.selectFrom('statements').select(['id', 'kind']).where('article_id', '=', article.id).orderBy('start_offset').execute();
  return { article, quoteId: rows[0]!.id, claimId: rows[1]!.id };
}

export type Client = Awaited<ReturnType<typeof loggedIn>> & { role: Role };

/** supertest calls of one logged-in user on the JSON API, CSRF header set. */
export function api(c: Client) {
  return {
    get: (path: string) => c.agent.get(path),
    post: (path: string, body: unknown = {}) => c.agent.post(path).set('x-csrf-token', c.csrfToken).send(body as object),
    patch: (path: string, body: unknown) => c.agent.patch(path).set('x-csrf-token', c.csrfToken).send(body as object),
    delete: (path: string, body: unknown) => c.agent.delete(path).set('x-csrf-token', c.csrfToken).send(body as object),
  };
}

/** One logged-in client per role given, in order. */
export async function users<R extends Role[]>(t: TestApp, ...roles: R): Promise<{ [K in keyof R]: Client }> {
  return Promise.all(roles.map(async (role) => ({ ...(await loggedIn(t, role)), role }))) as Promise<{ [K in keyof R]: Client }>;
}

/** A passage selector of `words` in BODY (code points), as the page's script computes it. */
export function passageOf(words: string) {
  const points = Array.from(BODY);
  const unit = BODY.indexOf(words);
  const start = Array.from(BODY.slice(0, unit)).length;
  const end = start + Array.from(words).length;
  return { exact: words, prefix: points.slice(Math.max(0, start - 32), start).join(''), suffix: points.slice(end, end + 32).join(''), start, end };
}

const iri = z.string().regex(/^(https?:\/\/|acct:)\S+$/);
const textualBody = z.strictObject({
  type: z.literal('TextualBody'),
  value: z.string(),
  format: z.enum(['text/markdown', 'text/plain']),
  purpose: z.enum(['commenting', 'tagging', 'assessing']),
});
const linkBody = z.strictObject({ id: z.url({ protocol: /^https?$/ }), purpose: z.literal('linking') });

/** The W3C Web Annotation model (https://www.w3.org/TR/annotation-model/) as this API emits it. */
export const webAnnotationShape = z.object({
  '@context': z.literal('http://www.w3.org/ns/anno.jsonld'),
  id: z.url(),
  type: z.literal('Annotation'),
  motivation: z.enum(['commenting', 'tagging', 'assessing']),
  created: z.iso.datetime(),
  modified: z.iso.datetime(),
  creator: z.object({ id: iri, type: z.literal('Person'), nickname: z.string().min(1) }),
  body: z.array(z.union([textualBody, linkBody])),
  target: z.strictObject({
    source: z.url(),
    selector: z.tuple([
      z.strictObject({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: z.string(), suffix: z.string() }),
      z.strictObject({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(1) }),
    ]),
  }),
  verbatim: z.object({ version: z.number().int().min(1), visibility: z.enum(['private', 'shared']), hidden: z.boolean() }).passthrough(),
});

export const annotationPageShape = z.object({
  '@context': z.literal('http://www.w3.org/ns/anno.jsonld'),
  id: z.url(),
  type: z.literal('AnnotationPage'),
  next: z.url().optional(),
  items: z.array(webAnnotationShape),
});
