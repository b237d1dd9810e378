import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { createTestUser, type TestApp, testApp } from '../helpers/app.ts';

// One payload through every field issue #10 added that a person types (review reasons, role
// as printed, new and renamed speaker names, suggestion and decline reasons, annotation notes,
// tags, rating explanations and evidence URLs, token names), then every page that shows them:
// the payload must appear escaped, never as markup.
const PAYLOAD = `<script>alert(1)</script><img src=x onerror=alert(2)>"'`;
const MARKUP = [/<script>alert/, /<img[^>]*onerror/i, /href="javascript:/i, /onerror=alert\(2\)>/];

describe('script in every new field renders inert', () => {
  let t: TestApp;
  let token: string;
  const pages: string[] = [];

  const send = (method: 'post' | 'patch', path: string, body: Record<string, unknown>, status: number) =>
    request(t.app)[method](path).set('Authorization', `Bearer ${token}`).send(body).expect(status);

  before(async () => {
    t = await testApp();
    const admin = await createTestUser(t, 'admin');
    const { id: adminId } = await t.handle.db.selectFrom('users').select('id').where('username', '=', admin).executeTakeFirstOrThrow();
    token = (await createApiToken(t.handle.db, adminId, `token ${PAYLOAD}`)).secret;

    const text = '"We will not pay any ransom," the minister said on Tuesday.\n\nThe ministry denied that talks had taken place.';
    const stored = await send('post', '/api/articles', { title: 'Ransom', outlet: 'The Daily Test', text }, 201);
    const articleId = stored.body.id as number;
    const statements = (await request(t.app).get(`/api/articles/${articleId}`).expect(200)).body.article.statements as { id: number; kind: string }[];
    const quote = statements.find((s) => s.kind === 'quote')!;
    const claim = statements.find((s) => s.kind === 'claim') ?? quote;

    const suggestion = await send('post', `/api/statements/${quote.id}/suggestions`, { version: 1, roleText: `role ${PAYLOAD}`, reason: `suggested ${PAYLOAD}` }, 201);
    const corrected = await send('post', `/api/statements/${quote.id}/correct`, { version: 1, newSpeaker: { name: `Ann ${PAYLOAD}`, kind: 'person' }, roleText: `Minister ${PAYLOAD}`, reason: `because ${PAYLOAD}` }, 201);
    await send('post', `/api/suggestions/${suggestion.body.suggestion.id}/decline`, { reason: `declined ${PAYLOAD}` }, 200);
    const speakerId = (corrected.body.statement.speaker?.id ?? corrected.body.attributions.at(-1).speakerId) as number;
    const speaker = (await request(t.app).get(`/api/speakers/${speakerId}`).expect(200)).body;
    await send('patch', `/api/speakers/${speakerId}`, { version: speaker.speaker?.version ?? speaker.version, name: `Ann Renamed ${PAYLOAD}` }, 200);

    await send('post', '/api/annotations', {
      statementId: quote.id,
      note: `${PAYLOAD} [click](javascript:alert(3)) <b onmouseover=alert(4)>x</b>`,
      tags: [`tag <script>alert(5)</script>`],
      verdict: 'misquoted',
      visibility: 'shared',
    }, 201);
    const exact = 'talks had taken place';
    const start = [...text.slice(0, text.indexOf(exact))].length;
    await send('post', '/api/annotations', {
      articleId,
      selector: { exact, start, end: start + [...exact].length },
      note: PAYLOAD,
      claimRating: 'false',
      ratingExplanation: `explained ${PAYLOAD}`,
      evidenceUrls: [`https://example.org/"><script>alert(6)</script>`],
      visibility: 'shared',
    }, 201);

    for (const path of [
      `/articles/${articleId}`, `/statements/${quote.id}`, `/statements/${claim.id}`, `/speakers/${speakerId}`,
      '/annotations', '/review', '/account', '/admin/audit', '/admin/users', '/search?q=ransom', `/speakers?q=Ann`,
    ]) {
      const res = await request(t.app).get(path).set('Authorization', `Bearer ${token}`).expect(200);
      pages.push(`${path}\n${res.text}`);
    }
  });

  it('shows the payload escaped and never as markup on any page', () => {
    for (const page of pages) {
      const path = page.slice(0, page.indexOf('\n'));
      for (const markup of MARKUP) assert.doesNotMatch(page, markup, `${path} renders ${markup}`);
    }
    const all = pages.join('\n');
    for (const shown of ['because', 'declined', 'suggested', 'Minister', 'Ann Renamed', 'explained', 'token']) {
      assert.match(all, new RegExp(`${shown} &lt;script&gt;alert\\(1\\)&lt;/script&gt;`), `${shown} … is shown, escaped`);
    }
    assert.match(all, /tag &lt;script&gt;alert\(5\)&lt;\/script&gt;/, 'the tag is shown, escaped');
  });
});
