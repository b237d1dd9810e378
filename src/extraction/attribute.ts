// Decides who speaks each quotation, most reliable route first: a transcript label
// ("PENCE: ...") or a cue in its own sentence; for a quotation that is a sentence of its own,
// the paragraph's nearest cued quotation; for a fragment, a colon intro or its sentence's
// subject; then a neighbouring sentence's cue; finally the previous paragraph when this one
// opens with a quotation and names nobody ("Caddell continued:" / a run of quote paragraphs).
import { clauseSubject, cueAfter, cueAt, cueBefore, cueInSentence, cueLater, subjectOf, type CueMatch } from './cue-scan.ts';
import { FRENCH, GERMAN, reportingCue, reportingCueInSentence, type ReportingLexicon } from './cues-fr-de.ts';
import type { CueLanguage } from './language.ts';
import { isInnerSpeech, isOuterSource, nameBeforeUnknownVerb, quotedAsSaying } from './cue-scan.ts';
import type { FrameSentence, FrameToken } from './frame.ts';
import type { Mention } from './mentions.ts';
import { pronounAntecedent, questionAddressee, type ParagraphContext } from './paragraph-antecedents.ts';
import { CAPITALIZED_STOPWORDS } from './lexicon.ts';
import type { QuoteSpan } from './quotes.ts';
import type { Token } from './tokens.ts';
import { mentionEndingAt, mentionStartingAt } from './mentions.ts';
import { isCapitalizedToken, isPossessive, stripPossessive, tokenize } from './tokens.ts';

export type AttributionVia = 'cue' | 'unknown-verb' | 'label' | 'paragraph' | 'neighbour' | 'colon' | 'intro' | 'reported' | 'continuation' | 'possessive' | 'subject' | 'prior-subject';

export interface QuoteAttribution {
  mention: Mention;
  cue: Token | null;
  cueEnd: number;
  via: AttributionVia;
  match: CueMatch | null;
}

/** How cues are read in one language: in a quotation's own sentence, and anywhere in a sentence. */
interface CueReader {
  own(toks: FrameToken[], qi: number): CueMatch | null;
  sentence(toks: FrameToken[]): CueMatch | null;
  /** English subject and possessive rules apply (they read English syntax only). */
  english: boolean;
}

const ENGLISH_READER: CueReader = { own: cueInOwnSentence, sentence: cueInSentence, english: true };
const readerFor = (lex: ReportingLexicon): CueReader => ({
  own: (toks, qi) => reportingCue(lex, toks, qi), sentence: (toks) => reportingCueInSentence(lex, toks), english: false,
});
const READERS: Record<CueLanguage, CueReader> = { en: ENGLISH_READER, fr: readerFor(FRENCH), de: readerFor(GERMAN) };

/** The speaker a quotation paragraph opening the next paragraph would continue. */
interface Previous { paragraph: number; attribution: QuoteAttribution; endedWithQuote: boolean; skipped?: number }

/** Paragraphs naming no one else (captions, asides) that a continuation may step over. */
const MAX_SKIPPED_PARAGRAPHS = 2;

/**
 * Attributions keyed by quotation region start (UTF-16 offset), for every region in the
 * article; cues are read in `language` (English, French or German).
 */
export function attributeQuotes(text: string, quotes: QuoteSpan[], sentencesByParagraph: FrameSentence[][], language: CueLanguage = 'en'): Map<number, QuoteAttribution> {
  const reader = READERS[language];
  const result = new Map<number, QuoteAttribution>();
  let previous: Previous | null = null;
  let context: (ParagraphContext & { paragraph: number }) | null = null;
  const midSentenceNames = capitalizedMidSentence(sentencesByParagraph);
  const byRegion = new Map<number, QuoteSpan>();
  for (const q of quotes) if (!byRegion.has(q.regionStart)) byRegion.set(q.regionStart, q);

  for (const sentences of sentencesByParagraph) {
    const regions: number[] = [];
    const standalone = new Set<number>();
    for (const s of sentences) {
      const alone = !s.tokens.some((t) => t.isWord);
      s.tokens.forEach((t, i) => {
        if (t.region === undefined) return;
        regions.push(t.region);
        if (alone) standalone.add(t.region);
        const match = reader.own(s.tokens, i);
        const label = labelOf(text, byRegion.get(t.region)!);
        const unknown = label || match || !reader.english ? null : nameBeforeUnknownVerb(s.tokens, i);
        if (label) result.set(t.region, { mention: label, cue: null, cueEnd: -1, via: 'label', match: null });
        else if (match) result.set(t.region, { mention: match.mention, cue: match.cue, cueEnd: match.cueEnd, via: 'cue', match });
        else if (unknown) result.set(t.region, { mention: unknown.mention, cue: unknown.cue, cueEnd: unknown.cueEnd, via: 'unknown-verb', match: null });
      });
    }
    if (!sentences.length) continue;
    const paragraphIndex = sentences[0]!.paragraph;
    // "<Q>," she replied / he said, opening the paragraph: who the paragraph before points to.
    const head = sentences[0]!.tokens[0]?.region;
    const headAttribution = head === undefined ? undefined : result.get(head);
    if (reader.english && headAttribution?.via === 'cue' && context?.paragraph === paragraphIndex - 1) {
      const antecedent = pronounAntecedent(headAttribution.mention, headAttribution.match?.cueWord?.lemma, context);
      if (antecedent) result.set(head!, { ...headAttribution, mention: antecedent });
    }
    // A quotation that is a sentence of its own shares the paragraph's nearest cued quotation;
    // a fragment inside another sentence looks at that sentence and its neighbours first.
    shareWithinParagraph(regions, result, standalone);
    attributeFromNeighbours(sentences, result, midSentenceNames, reader);
    shareWithinParagraph(regions, result, null);
    const first = sentences[0]!.tokens[0];
    if (first?.region !== undefined && !result.has(first.region) && previous && previous.paragraph === paragraphIndex - 1) {
      // A paragraph that opens with a quotation and names nobody continues the previous speaker.
      const via: AttributionVia = previous.endedWithQuote ? 'continuation' : previous.attribution.via === 'reported' ? 'reported' : 'intro';
      for (const r of regions) if (!result.has(r)) result.set(r, { ...previous.attribution, via });
    }
    const intro = introAttribution(sentences);
    const lastRegion = regions[regions.length - 1];
    const lastAttributed = lastRegion === undefined ? undefined : result.get(lastRegion);
    const reported = regions.length ? null : reportedSpeech(sentences, reader);
    if (intro) previous = { paragraph: paragraphIndex, attribution: intro, endedWithQuote: false };
    else if (lastAttributed) previous = { paragraph: paragraphIndex, attribution: lastAttributed, endedWithQuote: true };
    else if (reported) previous = { paragraph: paragraphIndex, attribution: reported, endedWithQuote: false };
    else if (canStepOver(previous, regions, sentences)) previous = { ...previous!, paragraph: paragraphIndex, skipped: (previous!.skipped ?? 0) + 1 };
    else previous = null;
    const reporter = reported ?? (lastAttributed?.via === 'cue' ? lastAttributed : null);
    context = { paragraph: paragraphIndex, reporter: reporter?.mention ?? null, addressee: questionAddressee(sentences), tokens: sentences.flatMap((x) => x.tokens) };
  }
  return result;
}

/**
 * "Mayor Dan Hale also admitted that ...": the speaker of the paragraph's latest reported
 * speech (a speech cue with its subject), which a quotation paragraph right after continues.
 */
function reportedSpeech(sentences: FrameSentence[], reader: CueReader): QuoteAttribution | null {
  for (let si = sentences.length - 1; si >= 0; si--) {
    const found = reader.sentence(sentences[si]!.tokens);
    if (found) return { mention: found.mention, cue: found.cue, cueEnd: found.cueEnd, via: 'reported', match: found };
  }
  return null;
}

/** An intro ("... the following:") introduces only the paragraph right after it. */
function canStepOver(previous: Previous | null, regions: number[], sentences: FrameSentence[]): boolean {
  if (!previous || regions.length || previous.attribution.via === 'intro' || (previous.skipped ?? 0) >= MAX_SKIPPED_PARAGRAPHS) return false;
  return namesOnly(sentences, previous.attribution.mention);
}

/**
 * A paragraph with no quotation and no cue whose only names are the current speaker's
 * ("Ana Ruiz at her farm", a caption) or that names nobody: the speaker stays current, so a
 * quotation paragraph after it still continues them. Every run of name words must end in the
 * last name word of the speaker's mention (a pronoun mention allows no names at all).
 */
function namesOnly(sentences: FrameSentence[], speaker: Mention): boolean {
  const named = speaker.kind === 'name' ? speaker.tokens.filter((t) => isCapitalizedToken(t)).at(-1)?.text : undefined;
  for (const s of sentences) {
    if (ENGLISH_READER.sentence(s.tokens)) return false;
    const nameWord = (t: FrameToken | undefined) => !!t && isCapitalizedToken(t) && !CAPITALIZED_STOPWORDS.has(t.text);
    for (let i = 0; i < s.tokens.length; i++) {
      // The last word of each run of name words must be the speaker's.
      if (nameWord(s.tokens[i]) && !nameWord(s.tokens[i + 1]) && stripPossessive(s.tokens[i]!.text) !== named) return false;
    }
  }
  return true;
}

/**
 * The cue of the quotation at toks[qi] in its own sentence: "X was quoted as saying" first;
 * then after it, later in the sentence, before it. A report's publisher after the quotation
 * ("X said in a memo that <Q>, Reuters reported") yields to a speaker cued before it.
 */
function cueInOwnSentence(toks: FrameToken[], qi: number): CueMatch | null {
  const quoted = quotedAsSaying(toks, qi);
  if (quoted) return quoted;
  const after = cueAfter(toks, qi) ?? cueLater(toks, qi);
  if (!after) return cueBefore(toks, qi);
  if (!isOuterSource(after)) return after;
  const before = cueBefore(toks, qi);
  return before && isInnerSpeech(before) ? before : after;
}

/** A quotation with no cue of its own: "Subject ...: <Q>", its sentence's subject, a neighbouring cue. */
function attributeFromNeighbours(sentences: FrameSentence[], result: Map<number, QuoteAttribution>, names: Set<string>, reader: CueReader): void {
  const cache = new Map<number, CueMatch | null>();
  const cueOf = (i: number) => {
    if (!cache.has(i)) cache.set(i, reader.sentence(sentences[i]!.tokens));
    return cache.get(i)!;
  };
  sentences.forEach((s, si) => {
    s.tokens.forEach((t, i) => {
      if (t.region === undefined || result.has(t.region)) return;
      if (!reader.english) {
        const found = (si > 0 ? cueOf(si - 1) : null) ?? (si + 1 < sentences.length ? cueOf(si + 1) : null);
        if (found) result.set(t.region, { mention: found.mention, cue: found.cue, cueEnd: found.cueEnd, via: 'neighbour', match: found });
        return;
      }
      if (s.tokens[i - 1]?.text === ':') {
        const subject = clauseSubject(s.tokens, i - 1);
        if (subject) { result.set(t.region, { mention: subject, cue: null, cueEnd: -1, via: 'colon', match: null }); return; }
      }
      // "Politifact seized on Trump's claim that there were <Q>": the owner of the words.
      const owner = speechOwner(s.tokens, i);
      if (owner) { result.set(t.region, { mention: owner, cue: null, cueEnd: -1, via: 'possessive', match: null }); return; }
      // A fragment inside a sentence belongs to whoever the sentence is about ("Cruz exhorted
      // Republicans to <Q>"); a quotation standing alone takes a neighbouring sentence's cue.
      const subject = i > 0 ? clauseSubject(s.tokens, i) : null;
      if (subject && subject.kind !== 'nominal' && isKnownName(subject, names)) { result.set(t.region, { mention: subject, cue: null, cueEnd: -1, via: 'subject', match: null }); return; }
      const prev = si > 0 ? cueOf(si - 1) : null;
      const next = !prev && si + 1 < sentences.length ? cueOf(si + 1) : null;
      const found = prev ?? next;
      if (found) { result.set(t.region, { mention: found.mention, cue: found.cue, cueEnd: found.cueEnd, via: 'neighbour', match: found }); return; }
      // "Sen. Bernie Sanders ... identified young voters' exhaustion ... <Q>": the named subject
      // of the sentence just before a quotation that stands alone.
      const before = i === 0 && si > 0 ? clauseSubject(sentences[si - 1]!.tokens, sentences[si - 1]!.tokens.length) : null;
      if (before && before.kind === 'name' && isKnownName(before, names)) result.set(t.region, { mention: before, cue: null, cueEnd: -1, via: 'prior-subject', match: null });
    });
  });
}

const SPEECH_NOUNS = new Set(('claim claims assertion contention allegation allegations statement remark remarks comment comments ' +
  'call calls promise promises pledge insistence suggestion warning accusation accusations charge argument vow boast ' +
  'declaration denial admission prediction words description').split(' '));
const OWNER_PRONOUNS = new Set(['his', 'her', 'their']);

/**
 * "Trump's claim that <Q>", "his calls to end the <Q>": a possessive before a noun of
 * saying, close before the quotation in its sentence, owns the quoted words.
 */
function speechOwner(toks: FrameToken[], qi: number): Mention | null {
  for (let n = qi - 1; n >= 1 && qi - n <= 12; n--) {
    const noun = toks[n]!;
    if (noun.region !== undefined || /^[.;:!?]$/.test(noun.text)) return null;
    if (!SPEECH_NOUNS.has(noun.text.toLowerCase()) || !/^(that|of|to|about|:|,)$/.test(toks[n + 1]?.text ?? '') && n + 1 !== qi) continue;
    const owner = toks[n - 1]!;
    if (OWNER_PRONOUNS.has(owner.text.toLowerCase())) return { kind: 'pronoun', tokens: [owner], start: owner.start, end: owner.end, apposition: null };
    if (!isPossessive(owner.text) || !/^\p{Lu}/u.test(owner.text)) return null;
    const name = stripPossessive(owner.text);
    const bare = { ...owner, text: name, end: owner.start + name.length };
    const m = mentionEndingAt([...toks.slice(0, n - 1), bare], n - 1);
    return m?.kind === 'name' ? m : null;
  }
  return null;
}

/** Capitalized words seen inside sentences: names, unlike a capitalized first word ("Change comes"). */
function capitalizedMidSentence(sentencesByParagraph: FrameSentence[][]): Set<string> {
  const names = new Set<string>();
  for (const sentences of sentencesByParagraph) {
    for (const s of sentences) {
      for (let i = 1; i < s.tokens.length; i++) {
        const t = s.tokens[i]!;
        if (t.isWord && /^\p{Lu}/u.test(t.text) && s.tokens[i - 1]!.isWord) names.add(t.text);
      }
    }
  }
  return names;
}

function isKnownName(m: Mention, names: Set<string>): boolean {
  return m.kind !== 'name' || m.tokens.length > 1 || names.has(m.tokens[0]!.text);
}

/** Quotations without their own cue take the nearest cued one of the paragraph, previous first. */
function shareWithinParagraph(regions: number[], result: Map<number, QuoteAttribution>, eligible: Set<number> | null): void {
  const cued = regions.map((r) => (result.get(r)?.via === 'cue' ? r : undefined));
  const previous: Array<number | undefined> = [];
  let last: number | undefined;
  for (const r of cued) { previous.push(last); if (r !== undefined) last = r; }
  let next: number | undefined;
  for (let i = regions.length - 1; i >= 0; i--) {
    const r = regions[i]!;
    const source = previous[i] ?? next;
    if (!result.has(r) && source !== undefined && (!eligible || eligible.has(r))) result.set(r, { ...result.get(source)!, via: 'paragraph' });
    if (cued[i] !== undefined) next = cued[i];
  }
}

/** "Caddell continued:" / "The New York Times reports:" at the end of a paragraph. */
function introAttribution(sentences: FrameSentence[]): QuoteAttribution | null {
  const toks = sentences[sentences.length - 1]!.tokens;
  const from = pressReleaseIntro(toks);
  if (from) return { mention: from, cue: null, cueEnd: -1, via: 'intro', match: null };
  const last = toks[toks.length - 1];
  if (!last || last.text !== ':' || toks.some((t) => t.region !== undefined)) return null;
  for (let c = toks.length - 2; c >= 0 && toks.length - c < 8; c--) {
    const cue = cueAt(toks, c);
    if (!cue) continue;
    const m = subjectOf(toks, c) ?? mentionStartingAt(toks, c + 1);
    if (m) return { mention: m, cue: toks[c]!, cueEnd: toks[c]!.end, via: 'intro', match: null };
  }
  // "Trump issued the following statement:" / "From Josh Feldman writing at Mediaite:".
  const m = clauseSubject(toks, toks.length - 1) ?? (toks[0]?.text === 'From' ? mentionStartingAt(toks, 1) : null);
  if (m && m.kind === 'name') return { mention: m, cue: null, cueEnd: -1, via: 'intro', match: null };
  return null;
}

/**
 * Press-release layouts: a paragraph that is only "(And) from [the desk|office of] X(:)"
 * introduces the quotation paragraph after it ("And from Chairwoman Rosa Lind:").
 */
function pressReleaseIntro(toks: FrameToken[]): Mention | null {
  let k = /^(and|also|plus)$/i.test(toks[0]?.text ?? '') ? 1 : 0;
  if (toks[k]?.text.toLowerCase() !== 'from' || toks.some((t) => t.region !== undefined)) return null;
  k++;
  if (toks[k]?.text.toLowerCase() === 'the' && /^(desk|office)$/i.test(toks[k + 1]?.text ?? '') && toks[k + 2]?.text === 'of') k += 3;
  const m = mentionStartingAt(toks, k);
  if (!m || m.kind !== 'name') return null;
  const rest = toks.filter((t) => t.start >= m.end);
  return rest.every((t) => /^[:.—–-]$/.test(t.text)) ? m : null;
}

const LABEL_RE = /^((?:\p{Lu}[\p{Lu}.'\u2019-]+)(?: \p{Lu}[\p{Lu}.'\u2019-]+){0,3}|\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+): /u;

/** Transcript speaker label at the start of a quotation: "WALLACE: If I may ...". */
function labelOf(text: string, q: QuoteSpan): Mention | null {
  const head = text.slice(q.start, Math.min(q.end, q.start + 50));
  const m = LABEL_RE.exec(head);
  if (!m || q.nested) return null;
  const toks = tokenize(text, q.start, q.start + m[1]!.length);
  if (!toks.length) return null;
  return { kind: 'name', tokens: toks, start: toks[0]!.start, end: toks[toks.length - 1]!.end, apposition: null };
}
