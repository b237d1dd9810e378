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
  const multi = runs.filter((r) => r.length >= 2);
  if (multi.length) return multi[multi.length - 1]!.at(-1)!.toLowerCase();
  if (runs.length) return runs[runs.length - 1]!.at(-1)!.toLowerCase();
  return toks[toks.length - 1]!.toLowerCase();
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

/** Rule 4: is the predicted speaker right for this matched gold quote? */
export function speakerOk(g: GoldQuote, p: PredQuote, strict: boolean): boolean {
  const gs = g.speaker;
  const ps = p.speaker;
  if (isNullSpeaker(gs)) return isNullSpeaker(ps);
  if (isNullSpeaker(ps)) return false;
  const ms = p.speaker_mention_start, me = p.speaker_mention_end;
  const gms = g.speaker_mention_start, gme = g.speaker_mention_end;
  if (ms != null && me != null && gms != null && gme != null && Math.min(me, gme) > Math.max(ms, gms)) return true;
  const kp = nameKey(ps);
  if (kp !== null && kp === nameKey(gs)) return true;
  if (kp !== null && (g.speaker_aliases ?? []).some((a) => kp === nameKey(a))) return true;
  if (!strict && g.speaker_type === 'pronoun' && g.speaker_resolved) return kp !== null && kp === nameKey(g.speaker_resolved);
  return false;
}
