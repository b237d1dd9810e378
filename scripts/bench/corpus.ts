// A deterministic synthetic corpus: the same seed gives the same articles, in any order or
// range, so Postgres and SQLite get identical data and a run can reuse what an earlier one
// loaded. Words follow Zipf's law (rank k drawn with probability ~ 1/k), as in real text.
import { createHash } from 'node:crypto';
import { normalizeAlias } from '../../src/speakers/speakers.ts';
import { normalizeStatementText, statementFingerprint } from '../../src/statements/normalize.ts';

export const ARTICLES = 100_000;
export const STATEMENTS_PER_ARTICLE = 10;
export const SPEAKERS = 20_000;
export const OUTLETS = 60;
export const VOCABULARY = 50_000;
/** The first statements of the first POPULAR articles get repeated, reworded, by others. */
export const POPULAR = 2000;
const REPEATS = 0.2;

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rank 1..n with P(k) ~ 1/k. */
export const zipf = (r: () => number, n: number) => Math.min(n, Math.floor(Math.pow(n + 1, r())));

// The most frequent English words lead the vocabulary (many are stop words to Postgres).
const COMMON = `the of and to a in that is was he for it with as his on be at by i this had not are but from or have an they which
one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can
only other new some could time these two may then do first any my now such like our over man me even most made after also did many
before must through back years where much your way well down should because each just those people government how too little state
good very make world still own see men work long get here between both life being under never day same another know while last might
us great old year off come since against go came right used take three security minister police country president war public
support military economy border trade talks election court health report power law energy market forces attack crisis`.split(/\s+/);

const SYLLABLES = ['ba', 'ko', 'ri', 'tu', 'me', 'sa', 'li', 'no', 'da', 've', 'gu', 'pe', 'zo', 'fi', 'ha', 'ju', 'ny', 'qa', 'wi', 'xo'];
const CODAS = ['', 'n', 'r', 'l', 'm', 'st', 'nd', 'k'];

let cachedVocabulary: string[] | undefined;
/** vocabulary()[k - 1] is the word of rank k. */
export function vocabulary(): string[] {
  if (cachedVocabulary) return cachedVocabulary;
  const words = [...new Set(COMMON)];
  const seen = new Set(words);
  for (let k = 0; words.length < VOCABULARY; k++) {
    let n = k;
    let w = '';
    do {
      w += SYLLABLES[n % SYLLABLES.length];
      n = Math.floor(n / SYLLABLES.length);
    } while (n > 0 || w.length < 4);
    w += CODAS[k % CODAS.length];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  cachedVocabulary = words;
  return words;
}

const FIRST = 'Ana Ben Chen Dara Elif Femi Gita Hugo Ines Jonas Kemal Lena Mateo Nadia Omar Priya Quinn Rosa Sami Tariq Uma Vera Wen Xavier Yara Zane Amal Boris Carla Dmitri'.split(' ');
const LAST = 'Abbott Bauer Costa Dubois Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Larsen Moreau Nakamura Okafor Petrov Quint Rossi Silva Tanaka Umar Varga Weber Xu Yilmaz Zhou'.split(' ');
const ORG_KINDS = ['Ministry of', 'Office of', 'Council for', 'Agency for', 'Institute of'];
const TITLES = ['spokesperson', 'minister', 'director', 'senator', 'chief executive', 'ambassador', 'analyst', 'professor', 'general', 'mayor'];
const AGENCIES = ['AFP', 'Reuters', 'AP', 'dpa', 'EFE'];

export interface Speaker {
  id: number;
  name: string;
  kind: 'person' | 'organization';
  roleTitle: string;
  organization: string;
}

export function speaker(id: number): Speaker {
  const r = rng(id * 7919 + 17);
  const words = vocabulary();
  const org = `${ORG_KINDS[id % ORG_KINDS.length]} ${cap(words[200 + (id % 3000)]!)}`;
  if (id % 7 === 0) return { id, name: `${org} ${id}`, kind: 'organization', roleTitle: 'statement', organization: org };
  const name = `${FIRST[Math.floor(r() * FIRST.length)]} ${cap(words[3200 + Math.floor(id / 7)]!)} ${LAST[id % LAST.length]}`;
  return { id, name, kind: 'person', roleTitle: `${TITLES[id % TITLES.length]}`, organization: org };
}

export const outletName = (id: number) => `The ${cap(vocabulary()[400 + id]!)} ${['Times', 'Post', 'Herald', 'Daily', 'News'][id % 5]}`;
export const normalizedOutlet = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
export { normalizeAlias };

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

export interface Statement {
  id: number;
  kind: 'quote' | 'claim';
  quoteType: 'direct' | 'partial' | 'indirect';
  text: string;
  normalized: string;
  fingerprint: string;
  start: number;
  end: number;
  paragraph: number;
  speakerId: number;
  status: 'machine' | 'verified' | 'corrected' | 'rejected';
  confidence: number;
}

export interface Article {
  id: number;
  outletId: number;
  agency: string | null;
  published: Date;
  title: string;
  body: string;
  sha256: string;
  statements: Statement[];
}

const START = Date.UTC(2015, 0, 1);
const SPAN_DAYS = 11 * 365;

export function sentence(r: () => number): string {
  const words = vocabulary();
  const length = 6 + Math.floor(r() * 24);
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(words[zipf(r, words.length) - 1]!);
  out[0] = cap(out[0]!);
  return out.join(' ');
}

const popularCache = new Map<number, string>();
/** The quote that article `id` (<= POPULAR) made famous. */
export function popularQuote(id: number): string {
  let text = popularCache.get(id);
  if (text === undefined) popularCache.set(id, (text = article(id).statements[0]!.text));
  return text;
}

/** A quote as another outlet printed it: a word or two changed or dropped, or cut short. */
function variant(text: string, r: () => number): string {
  const words = text.split(' ');
  const vocab = vocabulary();
  if (r() < 0.3 && words.length > 12) words.splice(0, Math.floor(r() * 3) + 1);
  for (let k = Math.floor(r() * 3); k > 0; k--) words[Math.floor(r() * words.length)] = vocab[zipf(r, 2000) - 1]!;
  if (r() < 0.5 && words.length > 8) words.splice(Math.floor(r() * words.length), 1);
  words[0] = cap(words[0]!);
  return words.join(' ');
}

export function article(id: number): Article {
  const r = rng(id * 2654435761);
  const outletId = zipf(r, OUTLETS);
  const agency = r() < 0.4 ? AGENCIES[Math.floor(r() * AGENCIES.length)]! : null;
  const published = new Date(START + Math.floor(r() * SPAN_DAYS) * 86_400_000 + Math.floor(r() * 86_400) * 1000);
  const paragraphs: string[] = [];
  const statements: Statement[] = [];
  let offset = 0;
  for (let j = 0; j < STATEMENTS_PER_ARTICLE; j++) {
    const speakerId = zipf(r, SPEAKERS);
    const who = speaker(speakerId).name;
    const repeated = j === 1 && id > POPULAR && r() < REPEATS;
    const text = repeated ? variant(popularQuote(1 + Math.floor(r() * POPULAR)), r) : sentence(r);
    const claim = r() < 0.2;
    const paragraph = claim ? `${who} said that ${text}.` : `"${text}," ${who} said.`;
    const start = offset + paragraph.indexOf(text);
    const normalized = normalizeStatementText(text);
    const u = r();
    statements.push({
      id: (id - 1) * STATEMENTS_PER_ARTICLE + j + 1,
      kind: claim ? 'claim' : 'quote',
      quoteType: claim ? 'indirect' : u < 0.1 ? 'partial' : 'direct',
      text,
      normalized,
      fingerprint: statementFingerprint(normalized),
      start,
      end: start + text.length,
      paragraph: j,
      speakerId,
      status: u < 0.9 ? 'machine' : u < 0.97 ? 'verified' : u < 0.99 ? 'corrected' : 'rejected',
      confidence: Math.round(r() * 100) / 100,
    });
    paragraphs.push(paragraph);
    offset += paragraph.length + 2;
  }
  const body = paragraphs.join('\n\n');
  return {
    id,
    outletId,
    agency,
    published,
    title: `${statements[0]!.text.split(' ').slice(0, 6).join(' ')} (${id})`,
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    statements,
  };
}
