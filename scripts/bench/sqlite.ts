// The same corpus and query mix in SQLite FTS5 (better-sqlite3), for comparison. Near-verbatim
// uses the same idea as the app: the quote's rarest words (counted at load) paired in an FTS5
// query, then a pg_trgm-style trigram similarity computed in JS.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FACET_SAMPLE } from '../../src/search/search.facets.ts';
import { RELEVANCE_CANDIDATES } from '../../src/search/search.queries.ts';
import { normalizeStatementText } from '../../src/statements/normalize.ts';
import { article, normalizeAlias, OUTLETS, outletName, SPEAKERS, speaker } from './corpus.ts';
import type { Params } from './query-mix.ts';

// The app's caps (RELEVANCE_CANDIDATES, FACET_SAMPLE): relevance ranks, and facets count,
// the newest 500 matches.
const CAP = RELEVANCE_CANDIDATES;
const FACETS = FACET_SAMPLE;
const LIMIT = 20;

export function openSqlite(dir: string, articles: number, log: (m: string) => void): Database.Database {
  const file = path.join(dir, `verbatim-bench-${articles}-v3.sqlite`);
  if (fs.existsSync(file)) {
    const db = new Database(file);
    const done = db.prepare(`select 1 from sqlite_master where name = 'bench_done'`).get();
    if (done) return db;
    db.close();
    fs.rmSync(file);
  }
  fs.mkdirSync(dir, { recursive: true });
  const t = Date.now();
  const db = new Database(file);
  db.pragma('journal_mode = off');
  db.pragma('synchronous = off');
  db.exec(`
    create table outlets (id integer primary key, name text not null);
    create table speakers (id integer primary key, name text not null, normalized text not null);
    create table statements (id integer primary key, article_id integer not null, speaker_id integer not null, outlet_id integer not null,
      published integer not null, kind text not null, text text not null, normalized text not null);
    create table words (word text primary key, docs integer not null) without rowid;`);
  const counts = new Map<string, number>();
  db.transaction(() => {
    const o = db.prepare(`insert into outlets values (?, ?)`);
    for (let id = 1; id <= OUTLETS; id++) o.run(id, outletName(id));
    const sp = db.prepare(`insert into speakers values (?, ?, ?)`);
    for (let id = 1; id <= SPEAKERS; id++) sp.run(id, speaker(id).name, normalizeAlias(speaker(id).name));
    const st = db.prepare(`insert into statements values (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let id = 1; id <= articles; id++) {
      const a = article(id);
      for (const s of a.statements) {
        st.run(s.id, id, s.speakerId, a.outletId, Math.floor(a.published.getTime() / 1000), s.kind, s.text, s.normalized);
        for (const w of new Set(s.normalized.split(' '))) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
    const w = db.prepare(`insert into words values (?, ?)`);
    for (const [word, n] of counts) w.run(word, n);
  })();
  db.exec(`
    create index statements_speaker on statements (speaker_id);
    create index statements_outlet on statements (outlet_id, published);
    create virtual table statements_fts using fts5 (text, content = 'statements', content_rowid = 'id', tokenize = 'porter unicode61');
    insert into statements_fts (statements_fts) values ('rebuild');
    create table bench_done (x);`);
  log(`built SQLite FTS5 corpus in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return db;
}

/** websearch syntax (as the mix uses it) to FTS5 syntax. */
function ftsQuery(q: string): string {
  return q.replace(/\bor\b/g, 'OR');
}

function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.split(' ')) {
    if (!w) continue;
    const padded = `  ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's similarity(): shared trigrams over all distinct trigrams. */
export function similarity(a: Set<string>, b: string): number {
  const tb = trigrams(b);
  let common = 0;
  for (const t of tb) if (a.has(t)) common++;
  const union = a.size + tb.size - common;
  return union === 0 ? 0 : common / union;
}

export function sqliteRunner(db: Database.Database) {
  // Like Postgres' shared buffers: the whole database in memory.
  db.pragma('mmap_size = 4294967296');
  db.pragma('cache_size = -1048576');
  const dayStart = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 1000);
  const show = db.prepare(`
    select s.id, s.text, sp.name as speaker, o.name as outlet, s.published from statements s
    join speakers sp on sp.id = s.speaker_id join outlets o on o.id = s.outlet_id where s.id = ?`);
  const facetSql = (where: string) => `
    with hits as (select s.id, s.kind, s.outlet_id, s.speaker_id, strftime('%Y', s.published, 'unixepoch') as year
                  from statements_fts f join statements s on s.id = f.rowid where ${where} order by f.rowid desc limit ${FACETS})
    select 'total', null, count(*) from hits
    union all select * from (select 'speaker', sp.name, count(*) n from hits h join speakers sp on sp.id = h.speaker_id group by sp.id order by n desc limit 10)
    union all select * from (select 'outlet', o.name, count(*) n from hits h join outlets o on o.id = h.outlet_id group by o.id order by n desc limit 10)
    union all select * from (select 'year', year, count(*) n from hits group by year order by year desc limit 10)
    union all select 'kind', kind, count(*) from hits group by kind`;
  const cache = new Map<string, Database.Statement>();
  const prepared = (text: string) => cache.get(text) ?? cache.set(text, db.prepare(text)).get(text)!;
  const highlight = db.prepare(`select highlight(statements_fts, 0, char(57344), char(57345)) as h from statements_fts where statements_fts match ? and rowid = ?`);
  const wordCount = db.prepare(`select docs from words where word = ?`);

  return function sqliteSearch(p: Params): number {
    if (p.mode === 'similar') {
      const normalized = normalizeStatementText(p.q!);
      const rare = [...new Set(normalized.split(' '))]
        .map((w) => ({ w, n: (wordCount.get(w) as { docs: number } | undefined)?.docs ?? 0 }))
        .filter((x) => x.n > 0).sort((a, b) => a.n - b.n).slice(0, 6).map((x) => `"${x.w}"`);
      const pairs = rare.flatMap((a, i) => rare.slice(i + 1).map((b) => `(${a} AND ${b})`)).join(' OR ');
      const rows = prepared(`select s.id, s.normalized from statements_fts f join statements s on s.id = f.rowid where statements_fts match ? limit 1000`).all(pairs) as { id: number; normalized: string }[];
      const q = trigrams(normalized);
      const scored = rows.map((r) => ({ id: r.id, score: similarity(q, r.normalized) })).filter((r) => r.score >= 0.3).sort((a, b) => b.score - a.score || b.id - a.id);
      for (const r of scored.slice(0, LIMIT)) show.get(r.id);
      return Math.min(scored.length, LIMIT);
    }
    const where = ['statements_fts match ?'];
    const args: unknown[] = [ftsQuery(p.q!)];
    if (p.speaker) (where.push('s.speaker_id in (select id from speakers where normalized = ?)'), args.push(normalizeAlias(p.speaker)));
    if (p.outlet) (where.push('s.outlet_id in (select id from outlets where name = ?)'), args.push(p.outlet));
    if (p.from) (where.push('s.published >= ?'), args.push(dayStart(p.from)));
    if (p.to) (where.push('s.published < ?'), args.push(dayStart(p.to) + 86_400));
    const w = where.join(' and ');
    const page = prepared(`
      select c.id from (select s.id, f.rank from statements_fts f join statements s on s.id = f.rowid where ${w} order by f.rowid desc limit ${CAP}) c
      order by c.rank, c.id desc limit ${LIMIT + 1}`).all(...args) as { id: number }[];
    for (const hit of page.slice(0, LIMIT)) {
      highlight.get(args[0], hit.id);
      show.get(hit.id);
    }
    if (p.facets === 'true') prepared(facetSql(w)).all(...args);
    return page.length;
  };
}
