import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
// @ts-expect-error citation-js ships no types
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import request from 'supertest';
import type { ExtractedStatement } from '../../src/extraction/index.ts';
import { statementOn, storedArticle, storeStatements } from '../factories.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';
import { searchIds } from './search-ids.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const FORMATS = [
  { ext: 'csljson', type: /^application\/vnd\.citationstyles\.csl\+json/ },
  { ext: 'ris', type: /^application\/x-research-info-systems; charset=utf-8/ },
  { ext: 'bib', type: /^application\/x-bibtex; charset=utf-8/ },
] as const;
type Ext = (typeof FORMATS)[number]['ext'];

// Everything a reference file must not mangle: quote marks, braces and backslashes (BibTeX's
// syntax), LaTeX's special characters and ligatures, citation-js markup, a forged RIS tag after a
// line end, emoji, right-to-left and CJK text, and a line break inside the quote.
const NASTY_QUOTE = 'It\'s "fine" {really} } \\end{x} %&#$_^~ -- --- `` \'\' !` <i>no</i> 😀 שלום مرحبا 中文,\n\nER  - \nTY  - JOUR and more';
const NASTY_TITLE = 'Nasty "values" {braces} \\back — 😀 שלום ' + 'and a title longer than seventy characters, to see it kept whole';

/** What RIS and BibTeX keep of a text: line breaks and runs of blanks as one space (a line end ends a RIS field; TeX reads blanks as one). */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A CSL item as citation-js reads it back (its parse of the exported text). */
interface ReadItem { id: string; 'citation-key'?: string; title: string; URL: string; note: string; issued?: { 'date-parts': number[][] }; author?: { family?: string; literal?: string }[] }
interface Stored { id: number; kind: string; text: string; speaker: string | null; role: string | null; title: string; published: Date; articleUrl: string }

describe('reference-manager exports: CSL-JSON, RIS, BibTeX', () => {
  let t: TestApp;
  const stored = new Map<number, Stored>();
  const download = (path: string) => request(t.app).get(path).buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
  const readBack = (text: string): ReadItem[] => new Cite(text).data;

  before(async () => {
    t = await testApp();
    const article = async (fields: Record<string, unknown>, text: string, statements: [string, Partial<ExtractedStatement>][]) => {
      const a = await storedArticle(t.handle.db, { ...fields, text });
      await storeStatements(t.handle.db, a, statements.map(([words, extra]) => statementOn(a.bodyText, words, extra)));
    };
    await article(
      { title: 'Minister vows action on floods', outlet: 'The Daily Test', agency: 'Agence France-Presse', byline: 'Jane Roe', url: 'https://news.example/floods', published: '2024-03-01T08:20:00Z' },
      '"We will act on the floods," the minister said.\n\nShe denied that the dams had failed.\n\n"Floods come every spring," a farmer said.',
      [
        ['We will act on the floods,', { speaker: { name: 'Ann Example', kind: 'person', mention: null, aliases: [] }, role: { text: 'Minister of Water', organization: null } }],
        ['She denied that the dams had failed.', { kind: 'claim', quoteType: 'indirect', speaker: { name: 'Ann Example', kind: 'person', mention: null, aliases: [] }, role: { text: 'Minister of Water', organization: null } }],
        ['Floods come every spring,', { speaker: null }],
      ],
    );
    await article(
      { title: 'Floods return to the valley', outlet: 'Other Outlet', published: '2023-11-05' },
      '"The floods are back," the mayor said.',
      [['The floods are back,', { role: { text: 'Mayor', organization: null } }]],
    );
    await article(
      { title: NASTY_TITLE, outlet: 'Out{let} & Co', byline: 'Zoë "Z" Ng {Jr} \\ Co', published: '2022-02-02' },
      `"${NASTY_QUOTE}," she said.`,
      [[NASTY_QUOTE, { speaker: { name: 'O\'Brien {the} "Third" \\ 😀', kind: 'person', mention: null, aliases: [] }, role: { text: 'Chief \\ Officer {acting} -- שלום', organization: null } }]],
    );
    const { rows } = await t.handle.pool.query(`
      select s.id, s.kind, s.text, sp.canonical_name as speaker, at.role_text as role, a.title, a.published_at as published,
             coalesce(a.url, '${ORIGIN}/articles/' || a.id) as "articleUrl"
      from statements s join articles a on a.id = s.article_id
      join attributions at on at.statement_id = s.id and at.is_current left join speakers sp on sp.id = at.speaker_id`);
    for (const r of rows) stored.set(r.id, r);
    // One reviewed statement: its note names the reviewer.
    const editor = await loggedIn(t, 'editor');
    const floods = rows.find((r) => r.text.startsWith('We will act'))!;
    await editor.agent.post(`/api/statements/${floods.id}/verify`).set('x-csrf-token', editor.csrfToken).send({ version: 1 }).expect(201);
  });

  /** The statement ids an export holds, in its order, as citation-js reads them back. */
  const idsOf = (ext: Ext, items: ReadItem[]) => items.map((i) => Number((ext === 'bib' ? i['citation-key']! : i.id).replace(/^(statement-|verbatim)/, '')));

  for (const { ext, type } of FORMATS) {
    it(`${ext}: 200, its content type, one item per statement in the search's order`, async () => {
      for (const query of ['?q=floods', '?q=floods&sort=oldest', '?outlet=The+Daily+Test&kind=quote', '?from=2022-01-01&sort=oldest']) {
        const res = await download(`/api/export.${ext}${query}`).expect(200);
        assert.match(res.headers['content-type']!, type);
        assert.match(res.headers['content-disposition']!, new RegExp(`filename="verbatim-export-\\d{4}-\\d\\d-\\d\\d\\.${ext === 'csljson' ? 'json' : ext}"`));
        const searched = await searchIds(t.app, query);
        assert.ok(searched.length > 0, query);
        assert.deepEqual(idsOf(ext, readBack(res.body)), searched, `${ext}${query}`);
      }
    });
  }

  it('CSL-JSON items carry the statement exactly: title, date, permalink, the quote, speaker and role in the note', async () => {
    const items = JSON.parse((await download('/api/export.csljson').expect(200)).body) as (ReadItem & Record<string, unknown>)[];
    assert.equal(items.length, stored.size);
    for (const item of readBack(JSON.stringify(items))) {
      const s = stored.get(Number(item.id.replace('statement-', '')))!;
      const d = s.published;
      assert.equal(item.title, s.title);
      assert.deepEqual(item.issued, { 'date-parts': [[d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]] });
      assert.equal(item.URL, `${ORIGIN}/statements/${s.id}`);
      assert.equal(item['citation-key'], `verbatim${s.id}`);
      assert.ok(item.note.startsWith(s.kind === 'quote' ? `“${s.text}” — ` : `${s.text} — `), item.note);
      assert.ok(item.note.includes(` — ${[s.speaker ?? 'speaker unknown', s.role].filter(Boolean).join(', ')}`), item.note);
      assert.ok(item.note.endsWith(`Source article: ${s.articleUrl}`), item.note);
    }
    const [first] = items;
    assert.equal(first!.type, 'article-newspaper');
    const minister = items.find((i) => i.title === 'Minister vows action on floods' && i.note.includes('We will act'))!;
    assert.deepEqual(minister.author, [{ literal: 'Jane Roe' }]);
    assert.equal(minister['container-title'], 'The Daily Test');
    assert.match(minister.note, /Review status: verified by editor_\d+ on \d{4}-\d\d-\d\d\. Source article: https:\/\/news\.example\/floods$/);
    const nasty = items.find((i) => i.title === NASTY_TITLE)!;
    assert.equal(nasty.note.split('” — ')[0], `“${NASTY_QUOTE}`, 'the quote exactly, line breaks included');
    assert.equal(nasty['container-title'], 'Out{let} & Co');
  });

  it('RIS records parse back through citation-js: NEWS, titles, dates, permalinks, authors, the note on one line', async () => {
    const text = (await download('/api/export.ris').expect(200)).body;
    const items = readBack(text);
    const records = plugins.input.data(text, '@ris/file') as Record<string, string | string[]>[];
    assert.equal(items.length, stored.size);
    assert.equal(records.length, stored.size);
    items.forEach((item, i) => {
      const s = stored.get(Number(item.id.replace('statement-', '')))!;
      const d = s.published;
      const record = records[i]!;
      assert.equal(record.TY, 'NEWS');
      assert.equal(item.title, s.title, 'a long title comes back whole');
      assert.equal(item.URL, `${ORIGIN}/statements/${s.id}`);
      // citation-js reads a NEWS record's year (PY); the full date is DA, as Zotero and EndNote read it.
      assert.deepEqual(item.issued, { 'date-parts': [[d.getUTCFullYear()]] });
      // YYYY/MM/DD/, two-digit month and day, as the RIS specification writes DA.
      assert.equal(record.DA, `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/`);
      const said = flat(s.text);
      assert.equal(item.note.split(' — ')[0], s.kind === 'quote' ? `“${said}”` : said);
      assert.ok(item.note.includes(` — ${[s.speaker ?? 'speaker unknown', s.role].filter(Boolean).join(', ')}. Review status: `), item.note);
    });
    const minister = records.find((r) => r.TI === 'Minister vows action on floods')!;
    assert.deepEqual(minister.AU, 'Jane Roe');
    assert.equal(minister.T2, 'The Daily Test');
    assert.equal(minister.DB, 'Verbatim');
    // The forged "ER  - " / "TY  - JOUR" after the quote's line break stayed inside the note.
    assert.equal(records.filter((r) => r.TY === 'JOUR').length, 0);
    assert.match(text, /^TY {2}- NEWS\r\n/);
  });

  it('BibTeX entries parse back through citation-js: @article, keys, titles, dates, permalinks, every character of the note', async () => {
    const text = (await download('/api/export.bib').expect(200)).body;
    const items = readBack(text);
    assert.equal(items.length, stored.size);
    assert.equal(text.match(/^@article\{verbatim\d+,$/gm)?.length, stored.size);
    for (const item of items) {
      const s = stored.get(Number(item['citation-key']!.replace('verbatim', '')))!;
      const d = s.published;
      assert.equal(item.title, s.title);
      assert.equal(item.URL, `${ORIGIN}/statements/${s.id}`);
      assert.deepEqual(item.issued, { 'date-parts': [[d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]] });
      const said = flat(s.text);
      assert.equal(item.note.split(' — ')[0], s.kind === 'quote' ? `“${said}”` : said);
      assert.ok(item.note.includes(` — ${[s.speaker ?? 'speaker unknown', s.role].filter(Boolean).join(', ')}. Review status: `), item.note);
      assert.ok(item.note.endsWith(`Source article: ${s.articleUrl}`), item.note);
    }
    const nasty = items.find((i) => i.title === NASTY_TITLE)!;
    assert.deepEqual(nasty.author, [{ family: 'Zoë "Z" Ng {Jr} \\ Co' }]);
  });

  it('an empty selection is a valid empty file', async () => {
    assert.deepEqual(JSON.parse((await download('/api/export.csljson?q=zzzznothing').expect(200)).body), []);
    assert.equal((await download('/api/export.ris?q=zzzznothing').expect(200)).body, '');
    assert.equal((await download('/api/export.bib?q=zzzznothing').expect(200)).body, '');
  });

  it('refuses bad parameters with 400 naming them; BOM and meta lines are CSV\'s only', async () => {
    const cases = [['ris', '?bom=1', 'bom'], ['bib', '?meta=1', 'meta'], ['csljson', '?bom=0', 'bom'], ['csljson', '?style=nope', 'style'], ['bib', '?style=apa', 'style'], ['ris', '?kind=poem', 'kind'], ['bib', '?color=red', 'color']] as const;
    for (const [ext, query, field] of cases) {
      const res = await request(t.app).get(`/api/export.${ext}${query}`).expect(400);
      assert.equal(res.body.issues[0].field, field, `${ext}${query}`);
    }
  });
});
