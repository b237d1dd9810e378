// The five HTML field cases (../shared/corpus/field-cases/H*.html) through the whole ingest
// path: POST /api/articles with the page as html, then the stored text and statements. The
// pages are read from the shared corpus beside the repository when it is there (never copied
// into it); elsewhere these tests skip, and html-kinds.test.ts covers each kind on invented HTML.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it, type TestContext } from 'node:test';
import request from 'supertest';
import { LINE_BREAK_IN_PARAGRAPH } from '../../src/ingest/block-text.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

const DIR = path.resolve('../shared/corpus/field-cases');

interface Stored {
  bodyText: string;
  quotes: { text: string; speaker: string | null; role: string | null }[];
}

describe('HTML field cases through the ingest path', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  before(async () => {
    if (!fs.existsSync(DIR)) return;
    t = await testApp();
    editor = await loggedIn(t, 'editor');
  });

  async function ingest(ctx: TestContext, file: string): Promise<Stored | undefined> {
    const page = path.join(DIR, file);
    if (!fs.existsSync(page)) {
      ctx.skip('the shared corpus is not on this machine');
      return undefined;
    }
    const html = fs.readFileSync(page, 'utf8');
    const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send({ title: file, html }).expect(201);
    const got = await request(t.app).get(`/api/articles/${res.body.id}`).expect(200);
    const rows = (await t.handle.pool.query(`
      select s.text, sp.canonical_name, a.role_text from statements s
      join attributions a on a.statement_id = s.id and a.is_current left join speakers sp on sp.id = a.speaker_id
      where s.article_id = $1 and s.kind = 'quote' order by s.start_offset`, [res.body.id])).rows;
    return { bodyText: got.body.article.bodyText, quotes: rows.map((r) => ({ text: r.text, speaker: r.canonical_name, role: r.role_text })) };
  }
  const paragraphs = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
  const quoteStarting = (stored: Stored, start: string) => stored.quotes.find((q) => q.text.startsWith(start));

  it('H1: a caption list after a photo is dropped, so the bare follow-on quote goes to Ana Ruiz', async (ctx) => {
    const stored = await ingest(ctx, 'H1-caption.html');
    if (!stored) return;
    assert.doesNotMatch(stored.bodyText, /at her farm/);
    assert.equal(paragraphs(stored.bodyText).length, 4);
    assert.equal(quoteStarting(stored, 'The sea is sick')?.speaker, 'Ana Ruiz');
    assert.equal(quoteStarting(stored, 'People come to touch')?.speaker, 'Ana Ruiz');
  });

  it('H2b: the body inside an unclosed <aside> is found, not the teaser; the quote goes to Lena Brandt', async (ctx) => {
    const stored = await ingest(ctx, 'H2b-aside.html');
    if (!stored) return;
    assert.match(stored.bodyText, /^Frankfurt \(dpa\) - Author Lena Brandt has won/);
    assert.doesNotMatch(stored.bodyText, /Other story|Imprint|Mail/);
    // The dateline "Frankfurt (dpa) -" is not the subject: the surname joins the full name after it.
    assert.equal(quoteStarting(stored, 'I did not expect this at all')?.speaker, 'Lena Brandt');
  });

  it('H3: <q> gets quote marks; the quote goes to Ann Voss, Mayor', async (ctx) => {
    const stored = await ingest(ctx, 'H3-q.html');
    if (!stored) return;
    assert.match(stored.bodyText, /historic\. “This harbor will feed this city for another hundred years”, she told/);
    const quote = quoteStarting(stored, 'This harbor will feed this city for another hundred years');
    assert.equal(quote?.speaker, 'Ann Voss');
    assert.match(quote?.role ?? '', /^Mayor$/i);
  });

  it('H4: a <br> inside a quote is a line break in its paragraph; one quote, to Raul Ortega, council member', async (ctx) => {
    const stored = await ingest(ctx, 'H4-br.html');
    if (!stored) return;
    assert.equal(paragraphs(stored.bodyText).length, 3);
    assert.ok(stored.bodyText.includes(`tonight,${LINE_BREAK_IN_PARAGRAPH}and we changed`));
    const quote = quoteStarting(stored, 'We listened to every single resident');
    assert.match(quote?.text ?? '', /because of them/);
    assert.equal(quote?.speaker, 'Raul Ortega');
    assert.equal(quote?.role, 'council member');
  });

  it('H5: a blockquote keeps its <footer> attribution after the quote; the quote goes to Lina Park', async (ctx) => {
    const stored = await ingest(ctx, 'H5-bqfooter.html');
    if (!stored) return;
    assert.ok(paragraphs(stored.bodyText).includes('“The harbor is not for sale and never will be, whatever the developers say.” — Lina Park, harbor workers’ union'));
    const quote = quoteStarting(stored, 'The harbor is not for sale');
    assert.equal(quote?.speaker, 'Lina Park');
    assert.equal(quote?.role, 'harbor workers’ union');
  });
});
