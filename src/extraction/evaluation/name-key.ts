// Speaker comparison rules of the reference scorer (score_quotes.py, rule 4), ported
// line by line so both report identical numbers.

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** Surname-level key: last token of the last run of >= 2 capitalised tokens (rule 4c). */
export function nameKey(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  let s = input.replace(/\([^)]*\)/g, ' ');
  s = s.split(',')[0]!;
  s = s.split(/\s(?:at|for|from|with|who|which|in)\s/)[0]!;
  s = s.replace(/['\u2019]s\b/g, '');
  let toks: string[] = s.match(/[A-Za-z][A-Za-z.\-']*/g) ?? [];
  toks = toks.map((t) => t.replace(/\.+$/, '')).filter((t) => t && !SUFFIXES.has(t.toLowerCase()));
  if (!toks.length) return pyStrip(s).toLowerCase() || null;
  const runs = capitalisedRuns(toks);
  const multi = runs.filter((r) => r.length >= 2);
  if (multi.length) return multi[multi.length - 1]!.at(-1)!.toLowerCase();
  if (runs.length) return runs[runs.length - 1]!.at(-1)!.toLowerCase();
  return toks[toks.length - 1]!.toLowerCase();
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord',
  'lady', 'rev', 'reverend', 'father', 'president', 'vice', 'senator', 'sen', 'rep',
  'representative', 'gov', 'governor', 'mayor', 'minister', 'prime', 'secretary',
  'judge', 'justice', 'general', 'gen', 'col', 'colonel', 'captain', 'capt', 'chief',
  'executive', 'director', 'chairman', 'chairwoman', 'chair', 'king', 'queen',
  'prince', 'princess', 'pope', 'saint', 'st', 'coach', 'councillor', 'councilman',
  'councilwoman', 'speaker', 'leader', 'officer', 'inspector', 'sergeant', 'sgt',
  'detective', 'commissioner', 'chancellor', 'premier', 'deputy', 'attorney',
  'ambassador', 'state', 'of', 'the', 'former', 'acting', 'head', 'spokesman',
  'spokeswoman', 'spokesperson', 'ceo', 'us', 'u.s', 'uk']);

/**
 * The token just before the surname in the last run of >= 2 capitalised tokens, if it looks
 * like a given name (not a title, not an initial), lowercased; else null (score_quotes.py
 * given_name, rule 4d).
 */
export function givenName(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const s = input.replace(/\([^)]*\)/g, ' ').split(',')[0]!;
  const toks = (s.match(/[A-Za-z][A-Za-z.\-']*/g) ?? [])
    .map((t) => t.replace(/\.+$/, ''))
    .filter((t) => t && !SUFFIXES.has(t.toLowerCase()));
  const runs = capitalisedRuns(toks);
  const multi = runs.filter((r) => r.length >= 2);
  if (!multi.length) return null;
  const g = multi[multi.length - 1]!.at(-2)!;
  if (TITLES.has(g.toLowerCase()) || g.length <= 1) return null;
  return g.toLowerCase();
}

/**
 * Rule 4d: the same surname key with different given names ("Omar Fell" vs "Tariq Fell",
 * "Hunter Biden" vs "Joe Biden") is a different person; a title or initial gives none.
 */
export function givenNamesDiffer(a: string | null | undefined, b: string | null | undefined): boolean {
  const ga = givenName(a), gb = givenName(b);
  return ga !== null && gb !== null && ga !== gb;
}

/** Maximal runs of consecutive tokens starting with an ASCII capital (both rules' loop). */
function capitalisedRuns(toks: string[]): string[][] {
  const runs: string[][] = [];
  let cur: string[] = [];
  for (const t of toks) {
    if (isUpper(t[0]!)) cur.push(t);
    else {
      if (cur.length) runs.push(cur);
      cur = [];
    }
  }
  if (cur.length) runs.push(cur);
  return runs;
}

function isUpper(ch: string): boolean {
  return ch >= 'A' && ch <= 'Z';
}

/** Python str.strip(): Unicode whitespace on both ends. */
export function pyStrip(s: string): string {
  return s.replace(/^[\s\u001c-\u001f\u0085]+|[\s\u001c-\u001f\u0085]+$/gu, '');
}

export function isNullSpeaker(s: unknown): boolean {
  return s === null || s === undefined || !pyStrip(String(s));
}

export interface GoldQuote {
  start: number;
  end: number;
  kind?: string;
  speaker?: string | null;
  speaker_aliases?: string[] | null;
  speaker_type?: string | null;
  speaker_resolved?: string | null;
  speaker_mention_start?: number | null;
  speaker_mention_end?: number | null;
}

export interface PredQuote {
  start?: number | null;
  end?: number | null;
  text?: string | null;
  speaker?: string | null;
  speaker_mention_start?: number | null;
  speaker_mention_end?: number | null;
}

/** Rule 4 (a-d): is the predicted speaker right for this matched gold quote? */
export function speakerOk(g: GoldQuote, p: PredQuote, strict: boolean): boolean {
  const gs = g.speaker;
  const ps = p.speaker;
  if (isNullSpeaker(gs)) return isNullSpeaker(ps);
  if (isNullSpeaker(ps)) return false;
  const ms = p.speaker_mention_start, me = p.speaker_mention_end;
  const gms = g.speaker_mention_start, gme = g.speaker_mention_end;
  if (ms != null && me != null && gms != null && gme != null && Math.min(me, gme) > Math.max(ms, gms)) return true;
  const kp = nameKey(ps);
  if (kp !== null && kp === nameKey(gs) && !givenNamesDiffer(ps, gs)) return true;
  if (kp !== null && (g.speaker_aliases ?? []).some((a) => kp === nameKey(a) && !givenNamesDiffer(ps, a))) return true;
  if (!strict && g.speaker_type === 'pronoun' && g.speaker_resolved) return kp !== null && kp === nameKey(g.speaker_resolved);
  return false;
}
