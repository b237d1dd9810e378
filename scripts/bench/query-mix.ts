// The fixed query mix: for each type, 20 variants picked from the loaded corpus by word
// frequency (statement_words), so each type means the same at any corpus size.
import type pg from 'pg';
import { POPULAR, rng, speaker, outletName, vocabulary } from './corpus.ts';

export type Params = Record<string, string>;

export interface QueryType {
  name: string;
  fullText: boolean;
  variants: Params[];
}

const VARIANTS = 20;

async function wordsByRank(db: pg.Pool, offset: number, count: number): Promise<string[]> {
  // Lexemes that are their own stem, so typing them finds exactly them.
  const r = await db.query<{ word: string }>(`
    select word from statement_words
    where word ~ '^[a-z]{3,}$' and (tsvector_to_array(to_tsvector('english', word)))[1] = word
    order by doc_count desc, word offset $1 limit $2`, [offset, count]);
  return r.rows.map((x) => x.word);
}

async function wordsWithCount(db: pg.Pool, min: number, max: number, count: number): Promise<string[]> {
  const r = await db.query<{ word: string }>(`
    select word from statement_words
    where doc_count between $1 and $2 and word ~ '^[a-z]{3,}$' and (tsvector_to_array(to_tsvector('english', word)))[1] = word
    order by md5(word) limit $3`, [min, max, count]);
  return r.rows.map((x) => x.word);
}

/** A statement reworded: a word replaced, one dropped, two swapped, case and punctuation changed. */
export function reword(text: string, seed: number): string {
  const r = rng(seed);
  const words = text.split(' ');
  const vocab = vocabulary();
  words[1 + Math.floor(r() * (words.length - 2))] = vocab[100 + Math.floor(r() * 5000)]!;
  words.splice(1 + Math.floor(r() * (words.length - 2)), 1);
  const i = 1 + Math.floor(r() * (words.length - 3));
  [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
  return `${words.join(' ').toLowerCase()}!`;
}

/** A remembered part of a long quote: FRAGMENT_WORDS words from its middle, one of them replaced. */
export const FRAGMENT_WORDS = 8;

export interface Fragment {
  q: string;
  /** The statement the fragment was taken from: recall is finding it in the top k. */
  sourceId: number;
}

export function fragmentOf(text: string, seed: number): string {
  const r = rng(seed);
  const words = text.toLowerCase().split(' ');
  const start = Math.floor((words.length - FRAGMENT_WORDS) / 2);
  const part = words.slice(start, start + FRAGMENT_WORDS);
  part[1 + Math.floor(r() * (FRAGMENT_WORDS - 2))] = vocabulary()[100 + Math.floor(r() * 5000)]!;
  return part.join(' ');
}

export async function queryMix(db: pg.Pool, statements: number): Promise<{ types: QueryType[]; similarQuotes: string[]; fragments: Fragment[] }> {
  const scale = statements / 1_000_000;
  const veryCommon = await wordsByRank(db, 0, VARIANTS);
  const common = await wordsByRank(db, 20, VARIANTS * 2);
  const medium = await wordsByRank(db, 100, VARIANTS);
  const rare = await wordsWithCount(db, Math.max(2, Math.round(50 * scale)), Math.max(5, Math.round(300 * scale)), VARIANTS);
  const uncommon = await wordsWithCount(db, Math.max(2, Math.round(300 * scale)), Math.max(10, Math.round(1000 * scale)), VARIANTS * 2);
  const step = Math.floor(statements / (VARIANTS * 3));
  const sample = (await db.query<{ id: number; text: string }>(
    `select id, text from statements where id = any($1::int[]) order by id`,
    [Array.from({ length: VARIANTS * 3 }, (_, k) => 1 + k * step)],
  )).rows;
  const stop = new Set((await db.query<{ w: string }>(`select w from unnest($1::text[]) w where to_tsvector('english', w) = ''::tsvector`, [[...new Set(sample.flatMap((s) => s.text.toLowerCase().split(' ')))]])).rows.map((x) => x.w));
  const phrases = sample.flatMap((s) => {
    const w = s.text.toLowerCase().split(' ');
    const k = w.findIndex((x, i) => i + 1 < w.length && !stop.has(x) && !stop.has(w[i + 1]!));
    return k >= 0 ? [`"${w[k]} ${w[k + 1]}"`] : [];
  }).slice(0, VARIANTS);
  // Quotes others repeated (reworded) too: recall then counts every near copy, not one.
  const popular = (await db.query<{ id: number; text: string }>(
    `select id, text from statements where id = any($1::int[]) order by id`,
    [Array.from({ length: VARIANTS * 3 }, (_, k) => ((k * 97) % Math.min(POPULAR, statements / 10)) * 10 + 1)],
  )).rows;
  const similarQuotes = popular.filter((s) => s.text.split(' ').length >= 14).slice(0, VARIANTS).map((s) => reword(s.text, s.id));
  // Long statements (24+ words, so a fragment is a third of it or less), spread over the corpus.
  const long = (await db.query<{ id: number; text: string }>(
    `select id, text from statements where id = any($1::int[]) and array_length(string_to_array(text, ' '), 1) >= 24 order by id`,
    [Array.from({ length: VARIANTS * 20 }, (_, k) => 1 + k * Math.floor(statements / (VARIANTS * 20)))],
  )).rows.slice(0, VARIANTS);
  const fragments = long.map((s) => ({ q: fragmentOf(s.text, s.id), sourceId: s.id }));
  const years = (i: number) => ({ from: `${2015 + (i % 9)}-01-01`, to: `${2016 + (i % 9)}-12-31` });
  const off = { facets: 'false' };
  const types: QueryType[] = [
    { name: 'rare word', fullText: true, variants: rare.map((q) => ({ q, ...off })) },
    { name: 'two common words', fullText: true, variants: common.slice(0, VARIANTS).map((q, i) => ({ q: `${q} ${common[VARIANTS + i]}`, ...off })) },
    { name: 'phrase', fullText: true, variants: phrases.map((q) => ({ q, ...off })) },
    { name: 'OR', fullText: true, variants: uncommon.slice(0, VARIANTS).map((q, i) => ({ q: `${q} or ${uncommon[VARIANTS + i]}`, ...off })) },
    { name: 'word + speaker', fullText: true, variants: medium.map((q, i) => ({ q, speaker: speaker(i + 1).name, ...off })) },
    { name: 'word + outlet + dates', fullText: true, variants: common.map((q, i) => ({ q, outlet: outletName(1 + (i % 5)), ...years(i), ...off })).slice(0, VARIANTS) },
    { name: 'very common word, relevance', fullText: true, variants: veryCommon.map((q) => ({ q, sort: 'relevance', ...off })) },
    { name: 'facet counts', fullText: true, variants: veryCommon.map((q) => ({ q, facets: 'true' })) },
    { name: 'near-verbatim', fullText: false, variants: similarQuotes.map((q) => ({ q, mode: 'similar', ...off })) },
    { name: 'near-verbatim fragment', fullText: false, variants: fragments.map(({ q }) => ({ q, mode: 'similar', ...off })) },
  ];
  return { types, similarQuotes, fragments };
}
