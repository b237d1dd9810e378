// Reported speech: "X said (that) ...", "X accused Y of ...", "X denied ...",
// "according to X, ...", "..., X said." The content span runs to the end of the clause;
// quotations inside it make it 'mixed'.
import { cueAt, gerundSubject, subjectOf, type CueMatch } from './cue-scan.ts';
import type { FrameSentence, FrameToken } from './frame.ts';
import { indexAtOrAfter } from './tokens.ts';
import { mentionStartingAt, type Mention } from './mentions.ts';

export interface ClaimDraft {
  start: number;
  end: number;
  paragraph: number;
  mention: Mention;
  cue: { start: number; end: number };
  mixed: boolean;
  position: CueMatch['position'];
}

/** Cues whose complement is a proposition worth recording as a claim. */
const CLAIM_LEMMAS = new Set(
  ('say tell add claim argue insist warn note report announce predict acknowledge admit confirm suggest ' +
    'explain write tweet assert contend maintain state declare testify reiterate stress emphasize ' +
    'promise pledge vow concede complain accuse deny allege reveal estimate caution').split(' '),
);
/** Cues whose object comes before the content: "accused Beijing of ...". */
const NP_COMPLEMENT = new Set(['accuse', 'deny', 'admit', 'confirm', 'announce', 'reveal', 'promise', 'pledge', 'vow']);
const CLAUSE_BREAKS = /^(although|though|but|while|whereas|even|because|since|unless|according)$/;
/** A claim longer than this is cut: keeps run-on input linear. */
const MAX_CONTENT_TOKENS = 200;
/** "was told", "is said to": passives report no speaker in subject position. */
const PASSIVE_AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being']);

export function findClaims(sentences: FrameSentence[]): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  for (const s of sentences) {
    const toks = s.tokens;
    for (let c = 0; c < toks.length; c++) {
      const claim = claimAt(toks, c, s.paragraph);
      // "A, X said" after "Y said B": the second content would swallow the first claim.
      if (!claim || claim.start < (out[out.length - 1]?.end ?? -1)) continue;
      out.push(claim);
      // Skip past the content so its words do not start another claim.
      c = Math.max(c, indexAtOrAfter(toks, claim.end) - 1);
    }
  }
  return out;
}

function claimAt(toks: FrameToken[], c: number, paragraph: number): ClaimDraft | null {
  const t = toks[c]!;
  if (t.text.toLowerCase() === 'according' && toks[c + 1]?.text === 'to') return accordingTo(toks, c, paragraph);
  const cue = cueAt(toks, c);
  if (!cue || !CLAIM_LEMMAS.has(cue.lemma)) return null;
  if (PASSIVE_AUXILIARIES.has(toks[c - 1]?.text.toLowerCase() ?? '') && cue.form === 'past') return null;
  const mention = cue.form === 'gerund' ? gerundSubject(toks, c) : subjectOf(toks, c) ?? invertedAfterContent(toks, c);
  if (!mention) return null;
  // "<content>, X said." / "<content>, said X.": the content precedes the attribution.
  const inverted = mention.start > t.start;
  const mStart = indexAtOrAfter(toks, mention.start);
  const commaBefore = inverted ? c - 1 : mStart - 1;
  if (toks[commaBefore]?.text === ',' && (inverted || nothingAfter(toks, c + 1))) {
    return toks[0]!.region === undefined || commaBefore > 2 ? draft(toks, Math.max(0, commaBefore - MAX_CONTENT_TOKENS), commaBefore, mention, t, paragraph, 'after') : null;
  }
  if (inverted) return null;
  let k = c + 1;
  if (cue.lemma === 'tell') k = afterTellObject(toks, k);
  if (/^puts?$/i.test(t.text)) k++; // "as Ridge put it: ...": "it" is part of the cue
  if (nothingAfter(toks, k)) return null; // 'said in a statement.'
  const adjunct = skipAdjuncts(toks, k);
  if (adjunct < 0) return null;
  k = adjunct;
  if (toks[k]?.text === 'that' || toks[k]?.text === ',' || toks[k]?.text === ':') k++;
  if (cueAt(toks, k)) return null; // "said, saying ...": the next cue carries the content
  if (toks[k]?.region !== undefined && isLastContent(toks, k + 1)) return null; // a plain quotation
  const np = NP_COMPLEMENT.has(cue.lemma);
  let e = k;
  for (; e < toks.length && e - k < MAX_CONTENT_TOKENS; e++) {
    const x = toks[e]!;
    if (/^[.;!?]$/.test(x.text)) break;
    if (x.text === ',' && CLAUSE_BREAKS.test(toks[e + 1]?.text ?? '')) break;
    if (x.text === ',' && (toks[e + 1]?.region !== undefined || attributionFollows(toks, e + 1))) break;
    if (np && (x.text === ',' || /^[\u2014\u2013-]$/.test(x.text))) break;
    if (x.text === 'and' && e > k + 2 && isVerbLike(toks[e + 1])) break;
  }
  if (e - k < (np ? 1 : 2)) return null;
  return draft(toks, k, e, mention, t, paragraph, cue.form === 'gerund' ? 'gerund' : 'before');
}

function accordingTo(toks: FrameToken[], c: number, paragraph: number): ClaimDraft | null {
  const m = mentionStartingAt(toks, c + 2);
  if (!m) return null;
  const cue = { ...toks[c]!, end: toks[c + 1]!.end };
  const after = indexAtOrAfter(toks, m.end);
  if (c > 1 && toks[c - 1]?.text === ',') return draft(toks, Math.max(0, c - 1 - MAX_CONTENT_TOKENS), c - 1, m, cue, paragraph, 'according');
  if (toks[after]?.text === ',') {
    let e = after + 1;
    while (e < toks.length && !/^[.;!?]$/.test(toks[e]!.text) && e - after < MAX_CONTENT_TOKENS && !(toks[e]!.text === ',' && attributionFollows(toks, e + 1))) e++;
    return e - after > 3 ? draft(toks, after + 1, e, m, cue, paragraph, 'according') : null;
  }
  return null;
}

function draft(toks: FrameToken[], s: number, e: number, mention: Mention, cue: FrameToken, paragraph: number, position: CueMatch['position']): ClaimDraft | null {
  const content = toks.slice(s, e);
  while (content.length && !content[0]!.isWord && content[0]!.region === undefined) content.shift();
  while (content.length && !content[content.length - 1]!.isWord && content[content.length - 1]!.region === undefined && content[content.length - 1]!.text !== ')') content.pop();
  if (!content.length || (content.length === 1 && content[0]!.region !== undefined)) return null;
  if (content.every((x) => x.region !== undefined || !x.isWord)) return null;
  const first = content[0]!;
  const last = content[content.length - 1]!;
  return {
    start: first.start, end: last.end, paragraph, mention,
    cue: { start: cue.start, end: cue.end }, mixed: content.some((x) => x.region !== undefined), position,
  };
}

function isLastContent(toks: FrameToken[], k: number): boolean {
  for (let i = k; i < toks.length; i++) if (toks[i]!.isWord || toks[i]!.region !== undefined) return false;
  return true;
}

function isVerbLike(t: FrameToken | undefined): boolean {
  return !!t && t.isWord && /^[a-z]+(?:ed|ew|ought|ook|ade|ave|ent|old)$/.test(t.text);
}

function invertedAfterContent(toks: FrameToken[], c: number): Mention | null {
  return /^[,]$/.test(toks[c - 1]?.text ?? '') ? mentionStartingAt(toks, c + 1) : null;
}

/** ", the spokesman said." / ", said Smith" / ", according to": an attribution closes the clause. */
function attributionFollows(toks: FrameToken[], k: number): boolean {
  if (toks[k]?.text.toLowerCase() === 'according') return true;
  for (let j = k; j < toks.length && j - k < 7; j++) {
    if (toks[j]!.region !== undefined || /^[,.;!?]$/.test(toks[j]!.text)) return false;
    const cue = cueAt(toks, j);
    if (cue && cue.form !== 'gerund') return j === k || nothingAfter(toks, j + 1);
  }
  return false;
}

const ADJUNCT_START = /^(in|on|at|during|after|before|from|via|with|through|last|this|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|recently|also|again)$/i;

/**
 * "said Tuesday that ...", "said in a statement that ...": steps over time words and a
 * prepositional phrase up to "that". -1 when only adjuncts follow ("told reporters at the Capitol").
 */
function skipAdjuncts(toks: FrameToken[], k: number): number {
  if (!ADJUNCT_START.test(toks[k]?.text ?? '')) return k;
  for (let j = k; j < toks.length && j - k < 8; j++) {
    const t = toks[j]!;
    if (t.text === 'that') return j;
    if (!t.isWord) return t.text === ',' ? j : -1;
  }
  return -1;
}

/** "told reporters", "told the Associated Press", "told ABC's <Q>": skips the listener. */
function afterTellObject(toks: FrameToken[], k: number): number {
  let i = k;
  if (/^(the|a|an|his|her|their)$/i.test(toks[i]?.text ?? '')) i++;
  const startName = i;
  while (i < toks.length && toks[i]!.isWord && /^\p{Lu}/u.test(toks[i]!.text) && i - startName < 6) i++;
  if (i === startName && toks[i]?.isWord) i++; // one lowercase listener: "reporters", "me"
  // "the newspaper Bild am Sonntag": a name may follow the listener noun.
  const determined = startName > k;
  while (determined && i < toks.length && i - startName < 8 && toks[i]!.isWord && (/^\p{Lu}/u.test(toks[i]!.text) ||
    (/^\p{Ll}{1,3}$/u.test(toks[i]!.text) && /^\p{Lu}/u.test(toks[i - 1]?.text ?? '') && /^\p{Lu}/u.test(toks[i + 1]?.text ?? '')))) i++;
  if (toks[i]?.region !== undefined && /['\u2019]s$/.test(toks[i - 1]?.text ?? '')) i++;
  return i;
}

/** Only time words, "in a statement" and the like follow the cue: it closes the sentence. */
function nothingAfter(toks: FrameToken[], k: number): boolean {
  for (let i = k; i < toks.length && i - k < 12; i++) {
    const x = toks[i]!;
    if (/^[.;!?]$/.test(x.text)) return true;
    if (x.region !== undefined || (x.isWord && !/^(on|in|at|a|an|the|his|her|their|its|statement|interview|tweet|email|post|letter|speech|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|earlier|later|last|this|week|month|year|recently|also|then|again)$/i.test(x.text))) return false;
  }
  return true;
}
