// Speakers whose phrase opens with lowercase title words, which no mention starts with:
// "<Q>," super PAC spokeswoman Kellyanne Conway said / said 9/11 widow Terry Strada.
import { cueAt, type CueMatch } from './cue-words.ts';
import type { FrameToken } from './frame.ts';
import { mentionStartingAt, type Mention } from './mentions.ts';
import { subjectOf } from './subjects.ts';
import { indexAtOrAfter } from './tokens.ts';

/**
 * "<Q>," super PAC spokeswoman Kellyanne Conway said: a lowercase title opens the speaker's
 * phrase, so no mention starts right after the quotation; read the name back from the verb.
 */
export function titledSubjectAfter(toks: FrameToken[], qi: number, j: number): CueMatch | null {
  for (let c = j + 1; c < toks.length && c - j < 10; c++) {
    const t = toks[c]!;
    if (!t.isWord) return null;
    const verb = cueAt(toks, c);
    if (!verb) continue;
    if (verb.form === 'gerund') return null;
    const subject = subjectOf(toks, c);
    const start = subject ? indexAtOrAfter(toks, subject.start) : -1;
    if (!subject || subject.kind !== 'name' || start <= j || start - j > 4) return null;
    // Only title words may come first: not "the role of Assad in Syria once agreed".
    const title = toks.slice(j, start);
    // "a beaming Lorna said": an article may open the phrase, nothing else of the closed class.
    if (title.some((x, n) => NOT_TITLE_WORDS.test(x.text) && !(n === 0 && ARTICLES.test(x.text)))) return null;
    const mention = { ...subject, tokens: [...title, ...subject.tokens], start: title[0]?.start ?? subject.start };
    return { mention, cue: t, cueEnd: t.end, cueWord: verb, position: 'after', distance: c - qi - 1 };
  }
  return null;
}

const ARTICLES = /^(a|an|the)$/i;
const NOT_TITLE_WORDS = /^(that|which|who|whom|when|where|while|as|if|because|the|a|an|this|these|those|of|in|on|at|to|for|from|by|with|and|or|but|once|then|so)$/i;

/** "said 9/11 widow Terry Strada": a name behind a few title words that open in lowercase. */
export function titledNameStartingAt(toks: FrameToken[], k: number): Mention | null {
  for (let n = k; n < toks.length && n - k < 6; n++) {
    const t = toks[n]!;
    if (!(t.isWord || /^[/-]$/.test(t.text)) || NOT_TITLE_WORDS.test(t.text)) return null;
    const m = n > k ? mentionStartingAt(toks, n) : null;
    if (m?.kind === 'name' && /^\p{Lu}/u.test(m.tokens[0]!.text)) {
      let from = k;
      while (from > 0 && toks[from - 1]!.isWord === false && /^[/-]$/.test(toks[from - 1]!.text)) from--;
      while (from > 0 && /^\p{N}+$/u.test(toks[from - 1]!.text)) from--; // "9/11 widow"
      return { ...m, tokens: [...toks.slice(from, n), ...m.tokens], start: toks[from]!.start };
    }
  }
  return null;
}
