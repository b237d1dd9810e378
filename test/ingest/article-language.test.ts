// The article's language reaches the extractor (issue #12 point 6): the language given with
// the article wins, then the page's <html lang>, then detection; re-extraction reads the
// stored one. Through the real ingest path (HTTP, reader pool) on a real database.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { reextractArticle } from '../../src/ingest/reextract-article.ts';
import { loggedIn, type TestApp, testApp } from '../helpers/app.ts';

// Invented French text: a quote whose only cue is French ("a déclaré").
const FRENCH = 'Le musée de la ville fermera ses portes pendant trois mois pour des travaux de toiture.\n\n« Nous rouvrirons au printemps avec une nouvelle salle », a déclaré Camille Roche, la directrice du musée, devant les employés réunis.';
const GERMAN = 'Das Museum der Stadt schließt im Winter für drei Monate, weil das Dach erneuert werden muss.\n\n„Wir öffnen im Frühling mit einem neuen Saal“, sagte Lena Brandt, die Leiterin des Museums.';

describe('the article language and the extractor', () => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof loggedIn>>;
  before(async () => {
    t = await testApp();
    editor = await loggedIn(t, 'editor');
  });

  /** The stored language, and each quote's speaker with the cue it was read from ("Camille Roche ← déclaré"). */
  async function store(body: Record<string, string>): Promise<{ language: string; speakers: string[]; id: number }> {
    const res = await editor.agent.post('/api/articles').set('x-csrf-token', editor.csrfToken).send(body).expect(201);
    return { id: res.body.id, ...(await read(res.body.id)) };
  }
  async function read(id: number): Promise<{ language: string; speakers: string[] }> {
    const got = await request(t.app).get(`/api/articles/${id}`).expect(200);
    const rows = (await t.handle.pool.query(`select sp.canonical_name, s.cue_text from statements s
      join attributions a on a.statement_id = s.id and a.is_current left join speakers sp on sp.id = a.speaker_id
      where s.article_id = $1 and s.kind = 'quote' order by s.start_offset`, [id])).rows;
    return { language: got.body.article.language, speakers: rows.map((r) => `${r.canonical_name} ← ${r.cue_text}`) };
  }

  it('without a language, French text is detected, stored as fr and read with French cues', async () => {
    const got = await store({ title: 'Musée', text: FRENCH });
    assert.equal(got.language, 'fr');
    assert.deepEqual(got.speakers, ['Camille Roche ← déclaré']);
  });

  it('the language given wins over detection: the same text given as English is read with English cues', async () => {
    // Another text: the same one would be the same article (stored once, by its content hash).
    const got = await store({ title: 'Musée (en)', text: `${FRENCH}\n\nLes travaux commencent lundi.`, language: 'en' });
    assert.equal(got.language, 'en');
    assert.equal(got.speakers.filter((s) => s.endsWith('← déclaré')).length, 0, got.speakers.join());
  });

  it('a page\'s <html lang> (a region subtag too) sets the language when none is given', async () => {
    const html = `<!doctype html><html lang="de-AT"><head><title>Museum</title></head><body><article>${GERMAN.split('\n\n').map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const got = await store({ title: 'Museum', html });
    assert.equal(got.language, 'de');
    assert.deepEqual(got.speakers, ['Lena Brandt ← sagte']);
  });

  it('re-extraction reads the article in its stored language', async () => {
    const stored = await store({ title: 'Musée (fr)', text: `${FRENCH}\n\nLes travaux commencent mardi.`, language: 'fr' });
    assert.deepEqual(stored.speakers, ['Camille Roche ← déclaré']);
    await t.handle.pool.query(`update articles set language = 'en' where id = $1`, [stored.id]);
    await reextractArticle({ db: t.handle.db, statementTimeoutMs: 60_000 }, stored.id, t.readers);
    const again = (await read(stored.id)).speakers;
    assert.equal(again.filter((s) => s.endsWith('← déclaré')).length, 0, again.join());
  });
});
