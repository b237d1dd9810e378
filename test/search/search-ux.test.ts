import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { type TestApp, testApp } from '../helpers/app.ts';
import { buildUxCorpus, HARBOUR_COUNT, SYNDICATED, SYNDICATING_OUTLETS } from './ux-corpus.ts';

interface Body {
  hits: { id: number; text: string; html: string; outlet: string | null; copies: { count: number; outlets: string[]; clusterUrl: string } | null }[];
  range: { from: number; to: number } | null;
  total: { count: number; atLeast: boolean } | null;
  next: string | null;
  prev: string | null;
  notes: string[];
  sort: string;
  groupsCopies: boolean;
}

/** Every href of a page, unescaped. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&').replaceAll('&#x3D;', '='));
const selectedSort = (html: string) => /<select id="field-sort"[\s\S]*?<option value="([^"]*)" selected>/.exec(html)?.[1];

describe('search paging, sort, words and syndicated copies', () => {
  let t: TestApp;
  const api = async (path: string) => (await request(t.app).get(path).expect(200)).body as Body;
  const search = (query: Record<string, string>) => api(`/api/search?${new URLSearchParams(query)}`);
  const ids = (b: Body) => b.hits.map((h) => h.id);
  before(async () => {
    t = await testApp();
    await buildUxCorpus(t.handle.db);
  });

  for (const sort of ['relevance', 'newest', 'oldest']) {
    it(`says where each page sits and goes back exactly (sorted by ${sort})`, async () => {
      const page1 = await search({ q: 'harbour', sort, limit: '20' });
      assert.deepEqual(page1.range, { from: 1, to: 20 });
      assert.deepEqual(page1.total, { count: HARBOUR_COUNT, atLeast: false });
      assert.equal(page1.prev, null);
      const page2 = await api(page1.next!);
      assert.deepEqual(page2.range, { from: 21, to: 40 });
      assert.equal(page2.prev, `/api/search?q=harbour&sort=${sort}&limit=20`, 'back to page 1 is the search without a cursor');
      assert.deepEqual(ids(await api(page2.prev!)), ids(page1));
      const page3 = await api(page2.next!);
      assert.deepEqual(page3.range, { from: 41, to: 45 });
      assert.equal(page3.next, null);
      const back2 = await api(page3.prev!);
      assert.deepEqual(ids(back2), ids(page2), 'back from page 3 is exactly page 2');
      assert.deepEqual(back2.range, { from: 21, to: 40 });
      assert.deepEqual(ids(await api(back2.next!)), ids(page3));
      assert.deepEqual(ids(await api(back2.prev!)), ids(page1));
      assert.equal(new Set([...ids(page1), ...ids(page2), ...ids(page3)]).size, HARBOUR_COUNT);
    });
  }

  it('pages near-verbatim results both ways too', async () => {
    const q = 'harbour dredging item holds';
    const all = ids(await search({ q, mode: 'similar', limit: '100' }));
    assert.ok(all.length > 6, `${all.length} similar statements`);
    const p1 = await search({ q, mode: 'similar', limit: '3' });
    const p2 = await api(p1.next!);
    const p3 = await api(p2.next!);
    assert.deepEqual(p3.range, { from: 7, to: 9 });
    assert.deepEqual([...ids(p1), ...ids(p2), ...ids(p3)], all.slice(0, 9));
    assert.deepEqual(ids(await api(p3.prev!)), ids(p2));
  });

  it('shows "21–40 of 45" and both links on the page', async () => {
    const first = await request(t.app).get('/search?q=harbour&limit=20').expect(200);
    assert.match(first.text, /1–20 of 45/);
    assert.doesNotMatch(first.text, /rel="prev"/);
    const next = hrefs(first.text).find((h) => h.includes('cursor='))!;
    const second = await request(t.app).get(next).expect(200);
    assert.match(second.text, /21–40 of 45/);
    assert.ok(hrefs(second.text).includes('/search?q=harbour&limit=20'), 'Previous results leads to page 1');
    assert.match(second.text, /<a rel="prev" href="[^"]+">Previous results<\/a>/);
  });

  it('lists a syndicated statement once, says where else it ran and links its cluster; copies=all lists every copy', async () => {
    const grouped = await search({ q: 'allied territory' });
    assert.equal(grouped.groupsCopies, true);
    assert.equal(grouped.hits.length, 2, 'the four copies once, and the same words credited to someone else');
    assert.deepEqual(grouped.total, { count: 2, atLeast: false }, 'the total counts what is listed');
    const shown = grouped.hits.find((h) => h.copies?.count === 3)!;
    assert.equal(shown.outlet, SYNDICATING_OUTLETS[0], 'the earliest copy is shown');
    assert.deepEqual(shown.copies!.outlets, SYNDICATING_OUTLETS.slice(1).sort());
    assert.match(shown.copies!.clusterUrl, /^\/clusters\/\d+$/);
    const cluster = await request(t.app).get(shown.copies!.clusterUrl).expect(200);
    assert.ok(cluster.text.includes(SYNDICATED));
    const other = grouped.hits.find((h) => h !== shown)!;
    assert.equal(other.outlet, 'Other Gazette');
    assert.equal(other.copies, null, 'another speaker: not a copy of the same statement');

    const all = await search({ q: 'allied territory', copies: 'all' });
    assert.equal(all.groupsCopies, false);
    assert.equal(all.hits.length, 5);
    assert.deepEqual(all.total, { count: 5, atLeast: false });
    assert.deepEqual(all.hits.filter((h) => h.copies?.count === 3).map((h) => h.outlet).sort(), [...SYNDICATING_OUTLETS].sort());

    // Filtered to a later outlet, that copy is the one shown.
    const later = await search({ q: 'allied territory', outlet: 'Northern Post' });
    assert.deepEqual(later.hits.map((h) => h.outlet), ['Northern Post']);
    // Listings of one cluster show every member; the page says what it does and links the switch.
    assert.equal((await search({ cluster: shown.copies!.clusterUrl.split('/')[2]! })).hits.length, 5);
    const page = await request(t.app).get('/search?q=allied+territory').expect(200);
    assert.match(page.text, /also in 3 outlets/);
    assert.match(page.text, /listed once, as its earliest copy, and counted once/);
    assert.ok(hrefs(page.text).includes('/search?q=allied+territory&copies=all'));
    const near = await search({ q: SYNDICATED, mode: 'similar' });
    assert.equal(near.hits.length, 2, 'near-verbatim results are grouped the same way');
  });

  it('finds words by prefix with a trailing *, alone, in a phrase, or beside other words, and marks them', async () => {
    const cyber = await search({ q: 'cyber*' });
    assert.deepEqual(cyber.hits.map((h) => h.text).sort(), ['Cyber attacks rose', 'Cybercrime pays too well', 'Cyberspace is contested']);
    assert.ok(cyber.hits.some((h) => h.html.includes('<mark>Cyberspace</mark>')), cyber.hits.map((h) => h.html).join(' | '));
    assert.ok(cyber.hits.some((h) => h.html.includes('<mark>Cybercrime</mark>')));
    assert.deepEqual((await search({ q: 'cyberspace*' })).hits.map((h) => h.text), ['Cyberspace is contested'], 'a stemmed word still finds itself');
    assert.deepEqual((await search({ q: '"cyber* pays"' })).hits.map((h) => h.text), ['Cybercrime pays too well']);
    assert.deepEqual((await search({ q: 'cyber* -cybercrime contested' })).hits.map((h) => h.text), ['Cyberspace is contested']);
    assert.deepEqual((await search({ q: 'cyber*' })).notes, []);
    const lone = await search({ q: 'cyberspace *' });
    assert.deepEqual(lone.hits.map((h) => h.text), ['Cyberspace is contested']);
    assert.match(lone.notes[0]!, /A \* on its own matches nothing/);
    const inner = await search({ q: 'cyber*space' });
    assert.deepEqual(inner.hits.map((h) => h.text), ['Cyberspace is contested']);
    assert.match(inner.notes[0]!, /only works at the end of a word/);
  });

  it('says that a query of stop words only is ignored, on the page and in the API', async () => {
    const body = await search({ q: 'the of and' });
    assert.deepEqual(body.hits, []);
    assert.match(body.notes[0]!, /ignored in searches/);
    const page = await request(t.app).get('/search?q=the+of+and').expect(200);
    assert.match(page.text, /ignored in searches/);
    // With a filter the words are dropped and the filter lists its statements, newest first.
    const filtered = await search({ q: 'the of and', outlet: 'Tech Weekly' });
    assert.equal(filtered.hits.length, 3);
    assert.equal(filtered.sort, 'newest');
    assert.match(filtered.notes[0]!, /ignored/);
    assert.deepEqual((await search({ q: 'the harbour' })).notes, [], 'a stop word beside a real word is not worth a note');
  });

  it('says that punctuation alone is not searched, on the page and in the API', async () => {
    for (const q of ['!!!', '-', '"', '(((((', '—']) {
      const body = await search({ q });
      assert.deepEqual(body.hits, [], q);
      assert.equal(body.notes.length, 1, q);
      assert.match(body.notes[0]!, /No letters or digits were given/, q);
    }
    const page = await request(t.app).get('/search').query({ q: '!!!' }).expect(200);
    assert.match(page.text, /No letters or digits were given/);
  });

  it('shows the sort in force in the sort box and in the API', async () => {
    const cases: [string, string][] = [
      ['/search?q=harbour', 'relevance'],
      ['/search?q=harbour&sort=oldest', 'oldest'],
      ['/search?outlet=Tech+Weekly', 'newest'],
      ['/search?outlet=Tech+Weekly&sort=relevance', 'newest'],
      ['/search?q=the+of+and&outlet=Tech+Weekly', 'newest'],
      ['/search', 'newest'],
    ];
    for (const [path, sort] of cases) {
      const page = await request(t.app).get(path).expect(200);
      assert.equal(selectedSort(page.text), sort, path);
      if (path !== '/search') assert.equal((await api(path.replace('/search', '/api/search'))).sort, sort, path);
    }
    const similar = await request(t.app).get('/search?q=harbour+ferry&mode=similar').expect(200);
    assert.match(similar.text, /<option value="" selected>similarity \(near-verbatim\)<\/option>/);
    assert.equal((await api('/api/search?q=harbour+ferry&mode=similar')).sort, 'similarity');
    const bad = await request(t.app).get('/search?q=harbour&from=2021-13-45').expect(400);
    assert.equal(selectedSort(bad.text), 'relevance');
  });

  it('builds every link without empty parameters', async () => {
    const page = await request(t.app).get('/search?q=harbour&speaker=&outlet=&role=&limit=20&from=&kind=').expect(200);
    const links = hrefs(page.text).filter((h) => h.startsWith('/search') || h.startsWith('/api/'));
    assert.ok(links.length > 8, links.join('\n'));
    assert.ok(links.some((h) => h.includes('cursor=')), 'the next page');
    assert.ok(links.some((h) => h.includes('outlet=Harbour')), 'a facet');
    for (const link of links) {
      const params = new URL(link, 'http://x').searchParams;
      for (const [k, v] of params) assert.notEqual(v, '', `${link}: ${k} is empty`);
    }
    const body = await search({ q: 'harbour', speaker: '', outlet: '', limit: '20' });
    assert.equal(body.next!.includes('speaker='), false);
    assert.equal(body.next!.includes('outlet='), false);
  });
});
