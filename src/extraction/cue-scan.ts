// Finds the cue and its speaker mention around a quotation placeholder inside one frame
// sentence: "<Q>, X said", "<Q>, said X", "X said: <Q>", "X said the US <Q>",
// "according to X, <Q>", "... <Q> ..., X said." and the coordinated "X accused ... and described ... <Q>".
import { CONTRACTED_PRONOUN_RE, cueAt, DASHES, INVERTIBLE, isSkippable, type CueMatch } from './cue-words.ts';
import type { FrameToken } from './frame.ts';
import { mentionEndingAt, mentionStartingAt, type Mention } from './mentions.ts';
import { afterMention, dashAsideAt, mainSubject, subjectOf } from './subjects.ts';
import { indexAtOrAfter } from './tokens.ts';
import { titledNameStartingAt, titledSubjectAfter } from './titled-speakers.ts';

export { clauseSubject, subjectOf } from './subjects.ts';
export { cueAt, type CueMatch } from './cue-words.ts';

/** Attribution right after the quotation at toks[qi]. */
export function cueAfter(toks: FrameToken[], qi: number): CueMatch | null {
  let j = qi + 1;
  while (j < toks.length && DASHES.has(toks[j]!.text)) j++;
  const first = toks[j];
  if (!first) return null;
  if (first.text.toLowerCase() === 'according' && toks[j + 1]?.text === 'to') {
    const m = mentionStartingAt(toks, j + 2);
    return m ? { mention: m, cue: first, cueEnd: toks[j + 1]!.end, cueWord: null, position: 'according', distance: j - qi - 1 } : null;
  }
  const cue = cueAt(toks, j);
  // Right after a quotation any speech verb inverts: "<Q>, urged the mayor".
  if (cue && cue.form !== 'gerund') {
    let k = j + 1;
    while (isSkippable(toks[k]) && k < j + 3) k++;
    const m = mentionStartingAt(toks, k) ?? titledNameStartingAt(toks, k);
    if (m) return { mention: m, cue: first, cueEnd: first.end, cueWord: cue, position: 'inverted', distance: j - qi - 1 };
    return null;
  }
  const m = mentionStartingAt(toks, j);
  if (!m) return titledSubjectAfter(toks, qi, j);
  const dashed = toks.slice(qi + 1, j).some((t) => /^[\u2014\u2013\u2015-]$/.test(t.text));
  // "<Q>," Greta Holm - at the time a junior minister - told ...: the aside is an apposition.
  const aside = m.apposition ? null : dashAsideAt(toks, afterMention(toks, m));
  if (aside) {
    const verb = cueAt(toks, aside.after);
    if (verb && verb.form !== 'gerund') {
      const cue = toks[aside.after]!;
      // The aside belongs to the name, so it adds no distance.
      return { mention: { ...m, apposition: aside.inner }, cue, cueEnd: cue.end, cueWord: verb, position: 'after', distance: aside.after - qi - 1 - aside.inner.length - 2 };
    }
  }
  const k = afterMention(toks, m);
  // "<Q>, Name, 30, of Raleigh, who was polled, said": the cue may follow an apposition.
  for (let c = k; c < toks.length && c - k < 25; c++) {
    const t = toks[c]!;
    if (t.region !== undefined || /^[.;!?]$/.test(t.text)) break;
    const verb = cueAt(toks, c);
    if (!verb || verb.form === 'gerund') continue;
    const gap = toks[k];
    const gapOk = c === k || gap?.text === ',' || /^(in|of|at|for|from|with|on|who|whose)$/.test(gap?.text ?? '') ||
      toks.slice(k, c).every((x) => isSkippable(x));
    // "the committee chairmen wrote", "this Trump look-alike declared": one more head word.
    const headWord = c === k + 1 && !!gap?.isWord && /^\p{Ll}/u.test(gap.text) && !NOT_HEAD_WORDS.test(gap.text);
    // "<Q>," Vale running mate Ada Krum told: a capitalised word opens a title run before the name.
    if (!gapOk && !headWord) return titledSubjectAfter(toks, qi, j);
    const mention = headWord && gap ? { ...m, tokens: [...m.tokens, gap], end: gap.end } : m;
    return { mention, cue: t, cueEnd: t.end, cueWord: verb, position: 'after', distance: c - qi - 1 };
  }
  // "<Q> ― Adriana Rodarte": a dash and a bare name sign the quotation.
  const rest = toks[k];
  if (dashed && m.kind === 'name' && (!rest || /^[.,]$/.test(rest.text))) {
    const dash = toks.slice(qi + 1, j).find((t) => /^[\u2014\u2013\u2015-]$/.test(t.text))!;
    return { mention: m, cue: dash, cueEnd: dash.end, cueWord: null, position: 'after', distance: 0 };
  }
  return null;
}

// "the campaign and criticized", "the senator also said": no head noun, a clause goes on.
const NOT_HEAD_WORDS = /^(and|or|but|nor|then|also|later|again|once|still|never|often|recently|previously|has|had|have|was|is|would|will)$/i;
// "his salespersons were told": a cue after one of these is passive.
const PASSIVE_AUXILIARIES = /^(was|were|been|being|is|are|be|get|got)$/i;

/** "A cashier who <Q> is held accountable, Warren said.": the attribution closes the sentence. */
export function cueLater(toks: FrameToken[], qi: number): CueMatch | null {
  // After another quotation only a sentence-closing ", said X." still attributes this one.
  let crossed = false;
  for (let c = qi + 2; c < toks.length && c - qi < 60; c++) {
    const t = toks[c]!;
    if (t.region !== undefined) { crossed = true; continue; }
    if (crossed) {
      const closing = closingInvertedCue(toks, c);
      if (closing) return { ...closing, distance: c - qi - 1 };
      continue;
    }
    if (t.text.toLowerCase() === 'according' && toks[c + 1]?.text === 'to' && toks[c - 1]?.text === ',') {
      const m = mentionStartingAt(toks, c + 2);
      return m ? { mention: m, cue: t, cueEnd: toks[c + 1]!.end, cueWord: null, position: 'according', distance: c - qi - 1 } : null;
    }
    const cue = cueAt(toks, c);
    if (!cue || cue.form === 'gerund') continue;
    const subject = subjectOf(toks, c);
    const subjectStart = subject ? indexAtOrAfter(toks, subject.start) : -1;
    // "the race <Q>, as Cruz said on Monday, ...": an "as" clause attributes wherever it sits.
    if (subject && toks[subjectStart - 1]?.text.toLowerCase() === 'as') return { mention: subject, cue: t, cueEnd: t.end, cueWord: cue, position: 'after', distance: c - qi - 1 };
    // "..., said Geert Wilders, founder of the right-wing Party for Freedom, which ...": the
    // name and its apposition may run long before the sentence ends.
    if (toks[c - 1]?.text === ',' && INVERTIBLE.has(cue.lemma)) {
      const m = mentionStartingAt(toks, c + 1);
      if (m?.kind === 'name' && m.apposition) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'inverted', distance: c - qi - 1 };
      // "..., said the bureau's director, James Comey, on Monday.": a nominal subject with a
      // name in apposition; the sentence closes soon after the nominal, not after the cue.
      if (m && m.kind !== 'pronoun' && toks[afterMention(toks, m)]?.text === ',' && closesSentence(toks, afterMention(toks, m))) {
        return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'inverted', distance: c - qi - 1 };
      }
    }
    if (!closesSentence(toks, c + 1)) continue;
    // "<Q>, Scott Pruitt, the attorney general, one of ..., said": the subject may follow the quotation itself.
    if (subject && (toks[subjectStart - 1]?.text === ',' || toks[subjectStart - 1]?.region !== undefined)) return { mention: subject, cue: t, cueEnd: t.end, cueWord: cue, position: 'after', distance: c - qi - 1 };
    if (toks[c - 1]?.text === ',' && INVERTIBLE.has(cue.lemma)) {
      const m = mentionStartingAt(toks, c + 1);
      if (m) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'inverted', distance: c - qi - 1 };
    }
    return null;
  }
  return null;
}

/**
 * "..., said the bureau's director, Jo Reyes, on Monday.": a cue after a comma, its subject
 * after it and the sentence closing right after that subject (and its apposition) report the
 * whole sentence, every quotation in it.
 */
function closingInvertedCue(toks: FrameToken[], c: number): CueMatch | null {
  const cue = toks[c - 1]?.text === ',' ? cueAt(toks, c) : null;
  if (!cue || cue.form === 'gerund' || !INVERTIBLE.has(cue.lemma)) return null;
  const m = mentionStartingAt(toks, c + 1);
  if (!m || m.kind === 'pronoun') return null;
  const end = afterMention(toks, m);
  if (!closesSentence(toks, end) || toks.slice(end, end + 8).some((x) => x.region !== undefined)) return null;
  return { mention: m, cue: toks[c]!, cueEnd: toks[c]!.end, cueWord: cue, position: 'inverted', distance: 0 };
}

function closesSentence(toks: FrameToken[], k: number): boolean {
  for (let i = k; i < toks.length && i - k < 8; i++) {
    if (/^[.!?]$/.test(toks[i]!.text)) return true;
    if (toks[i]!.region !== undefined) return false;
  }
  return k >= toks.length || toks.length - k < 8;
}

/**
 * Subject of a gerund cue: a person named right before it ("with Donald Trump tweeting"),
 * the subject of an earlier gerund it is coordinated with ("tweeting ... and asking"),
 * else the main clause's subject ("Price said, saying ...").
 */
export function gerundSubject(toks: FrameToken[], c: number): Mention | null {
  const prev = toks[c - 1];
  // "He’s claiming that ...": a pronoun with a contracted "is/are" before the gerund.
  const contracted = CONTRACTED_PRONOUN_RE.exec(prev?.text ?? '');
  if (prev && contracted) {
    const pronoun = { ...prev, text: contracted[1]!, end: prev.start + contracted[1]!.length };
    return { kind: 'pronoun', tokens: [pronoun], start: pronoun.start, end: pronoun.end, apposition: null };
  }
  if (prev?.isWord && /^\p{Lu}/u.test(prev.text)) {
    const own = mentionEndingAt(toks, c - 1);
    const lead = own ? toks[indexAtOrAfter(toks, own.start) - 1] : undefined;
    if (own && own.kind === 'name' && /^\p{Lu}/u.test(own.tokens[0]!.text) && (!/^(on|in|at|of|from|to|by)$/.test(lead?.text ?? '') || depicts(toks, own))) return own;
  }
  if (c <= 2) {
    // "After saying her foot was <Q>, she was ...": the subject follows the opening phrase.
    for (let j = c + 1; j < toks.length && j - c < 40; j++) {
      // The comma may sit inside the quotation ("After saying it was “swollen,” she was"), after an
      // opening participle phrase only ("She is noting the <Q> Sanders had" is no such phrase).
      const closedQuote = toks[j]!.region !== undefined && (c === 0 || /^(after|before|since|while|upon|on|in|by|when)$/i.test(toks[c - 1]!.text));
      if (toks[j]!.text === ',' || closedQuote) { const m = mentionStartingAt(toks, j + 1); if (m) return m; break; }
    }
  }
  if (prev?.text === 'and') {
    for (let g = c - 2; g >= 0 && c - g < 30; g--) {
      if (cueAt(toks, g)?.form === 'gerund') return gerundSubject(toks, g);
    }
  }
  return mainSubject(toks, c);
}

/**
 * "when my mother mentioned it, I laughed and said <Q>": the cue is coordinated with the
 * past-tense verb right before "and", whose subject is the mention just before that verb, not
 * the subject of an earlier speech verb in a subordinate clause.
 */
function conjunctSubject(toks: FrameToken[], c: number): Mention | null {
  if (!/^(and|then)$/.test(toks[c - 1]?.text ?? '')) return null;
  const verb = toks[c - 2];
  if (!verb?.isWord || !/^\p{Ll}+ed$/u.test(verb.text) || cueAt(toks, c - 2)) return null;
  const m = mentionEndingAt(toks, c - 3);
  return m;
}

/** Nouns of recorded images and sound: "footage of X saying" shows X saying it. */
const DEPICTION_NOUNS = new Set('footage video videos clip clips recording recordings tape tapes audio film image images photo photos picture pictures'.split(' '));

/** "footage of Hillary Clinton asking": the name is the object of "of" after a depiction noun. */
function depicts(toks: FrameToken[], m: Mention): boolean {
  const at = indexAtOrAfter(toks, m.start);
  return toks[at - 1]?.text === 'of' && DEPICTION_NOUNS.has(toks[at - 2]?.text.toLowerCase() ?? '');
}

/**
 * "the plan, which some have argued was a trick, was an <Q>": a cue inside a non-restrictive
 * relative clause (", which|who ... ,") that closes before the quotation reports only that
 * clause; the quotation belongs to the main clause that resumes after it. The clause must
 * close on a comma followed by words of the main clause, not "who added, <Q>".
 */
function insideClosedRelative(toks: FrameToken[], c: number, qi: number): boolean {
  let open = c - 1;
  while (open > 0 && c - open < 12 && toks[open]!.text !== ',' && toks[open]!.region === undefined && !/^[.;:]$/.test(toks[open]!.text)) open--;
  if (toks[open]?.text !== ',' || !/^(which|who|whom|whose)$/i.test(toks[open + 1]?.text ?? '')) return false;
  if (!toks[c + 1]?.isWord) return false;
  for (let k = c + 1; k < qi - 1; k++) {
    if (toks[k]!.region !== undefined || /^[.;:]$/.test(toks[k]!.text)) return false;
    if (toks[k]!.text === ',') return toks[k + 1]!.isWord;
  }
  return false;
}

/** Attribution before the quotation at toks[qi], in the same sentence. */
export function cueBefore(toks: FrameToken[], qi: number): CueMatch | null {
  for (let c = qi - 1; c >= 0 && qi - c < 40; c--) {
    const t = toks[c]!;
    if (t.text.toLowerCase() === 'according' && toks[c + 1]?.text.toLowerCase() === 'to') {
      const m = mentionStartingAt(toks, c + 2);
      if (m) return { mention: m, cue: t, cueEnd: toks[c + 1]!.end, cueWord: null, position: 'according', distance: qi - c - 1 };
      continue;
    }
    const cue = cueAt(toks, c);
    if (!cue) continue;
    if (insideClosedRelative(toks, c, qi)) continue;
    // "his salespersons were told, <Q>": the subject of a passive is who heard it.
    if (cue.form === 'past' && PASSIVE_AUXILIARIES.test(toks[c - 1]?.text ?? '')) continue;
    const distance = qi - c - 1;
    if (cue.form === 'gerund') {
      const m = gerundSubject(toks, c);
      if (m) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'gerund', distance };
      continue;
    }
    const subject = subjectOf(toks, c);
    if (subject) return { mention: subject, cue: t, cueEnd: t.end, cueWord: cue, position: 'before', distance };
    // "Said Smith: <Q>" / "<Q>, said Smith, <Q>" handled by the inverted reading.
    // "... but told his supporters, <Q>": after a word, "tell" is followed by its hearer, not its subject.
    const hearerFollows = cue.lemma === 'tell' && !!toks[c - 1]?.isWord;
    const inverted = INVERTIBLE.has(cue.lemma) && !hearerFollows ? mentionStartingAt(toks, c + 1) : null;
    // "..., says a report highlighting the <Q>": a participle phrase of the speaker may hold the quotation.
    const between = inverted ? toks.slice(afterMention(toks, inverted), qi) : [];
    const participle = between.length > 0 && between.length <= 3 && /^\p{Ll}+ing$/u.test(between[0]!.text) && between.every((x) => x.isWord);
    if (inverted && (participle || between.every((x) => DASHES.has(x.text)))) {
      return { mention: inverted, cue: t, cueEnd: t.end, cueWord: cue, position: 'inverted', distance };
    }
    if (toks.slice(Math.max(0, c - 5), c).some((x) => /^(and|but|then)$/.test(x.text)) || toks[c - 1]?.text === ',') {
      const m = conjunctSubject(toks, c) ?? mainSubject(toks, c);
      if (m) return { mention: m, cue: t, cueEnd: t.end, cueWord: cue, position: 'coordinated', distance };
    }
  }
  return null;
}

/** The first attribution anywhere in a sentence ("..., he said."), for neighbouring quotes. */
export function cueInSentence(toks: FrameToken[]): CueMatch | null {
  for (let c = 0; c < toks.length && c < 80; c++) {
    const cue = cueAt(toks, c);
    if (!cue || cue.form === 'gerund') continue;
    const subject = subjectOf(toks, c);
    if (subject) return { mention: subject, cue: toks[c]!, cueEnd: toks[c]!.end, cueWord: cue, position: 'before', distance: 0 };
    if (INVERTIBLE.has(cue.lemma) && /^[,\u2014]$/.test(toks[c - 1]?.text ?? '')) {
      const m = mentionStartingAt(toks, c + 1);
      if (m) return { mention: m, cue: toks[c]!, cueEnd: toks[c]!.end, cueWord: cue, position: 'inverted', distance: 0 };
    }
  }
  return null;
}

const AS_SAYING = /^(saying|telling|writing|stating|adding|declaring)$/i;
const QUOTED = /^(quoted|quotes|quoting)$/i;
const BE_FORMS = /^(was|were|is|are|been|being|be)$/i;

/**
 * "X was quoted as saying <Q>" (X speaks) and "the Courier quoted X as saying <Q>" (X
 * speaks, not the outlet), on either side of the quotation at toks[qi] in its sentence.
 */
export function quotedAsSaying(toks: FrameToken[], qi: number): CueMatch | null {
  // A window around the quotation keeps this linear in the sentence length.
  for (let a = Math.max(0, qi - 30); a + 1 < toks.length && a < qi + 30; a++) {
    if (toks[a]!.text.toLowerCase() !== 'as' || !AS_SAYING.test(toks[a + 1]!.text)) continue;
    let q = a - 1;
    while (q >= 0 && a - q < 14 && !QUOTED.test(toks[q]!.text) && toks[q]!.region === undefined) q--;
    if (q < 0 || !QUOTED.test(toks[q]!.text)) continue;
    let mention: Mention | null = null;
    if (q === a - 1) {
      // Passive: the subject stands before "was quoted".
      let b = q - 1;
      while (b >= 0 && (BE_FORMS.test(toks[b]!.text) || isSkippable(toks[b]))) b--;
      if (b < q - 1) mention = mentionEndingAt(toks, b);
    } else {
      const m = mentionStartingAt(toks, q + 1);
      if (m && afterMention(toks, m) === a) mention = m;
    }
    if (!mention) continue;
    const cue = toks[a + 1]!;
    return { mention, cue, cueEnd: cue.end, cueWord: { lemma: 'say', form: 'gerund', strong: true }, position: a < qi ? 'before' : 'after', distance: Math.abs(qi - a) };
  }
  return null;
}

/** "..., Reuters reported": who published the report, not who spoke in it. */
export function isOuterSource(m: CueMatch): boolean {
  return m.cueWord?.lemma === 'report';
}

/** "X said (in a memo) that <Q>": a finite verb of saying with its own subject, enough to outrank an outer source. */
export function isInnerSpeech(m: CueMatch): boolean {
  return m.position === 'before' && !!m.cueWord?.strong && m.cueWord.lemma !== 'report';
}

/**
 * English function words (closed classes: conjunctions, prepositions, determiners, pronouns,
 * auxiliaries and modals) — after a name they begin no predicate of saying.
 */
const FUNCTION_WORDS = new Set(('and or but nor so yet of in on at to for from with by as than that which who whom whose when where ' +
  'while if because though although the a an this these those his her their its our my your is are was were be been being ' +
  'has have had do does did will would can could should may might must shall not also still just then').split(' '));

/** "harrumphed", "sighs", "sang", "shot": a lowercase word after a name that reads as a finite verb. */
function looksLikeFiniteVerb(word: string): boolean {
  if (!/^\p{Ll}+$/u.test(word) || FUNCTION_WORDS.has(word)) return false;
  // Regular -ed/-s forms; otherwise a short irregular past ("sang", "shot", "wrote") — not "-ing", "-ly", "-ss/-us/-is".
  if (/(ss|us|is)$/.test(word)) return false;
  return /(?:ed|s)$/.test(word) || !/(?:ing|ly|tion|ment|ness)$/.test(word);
}

// Auxiliaries and linking verbs: "<Q>, the website has ..." states, it does not say.
const NOT_SPEECH_VERBS = /^(has|was|does|goes|gets|seems|appears|remains|means|looks|needs|wants|owns|runs)$/;

/**
 * "<Q>," Tull beseeched ...: a name right after the quotation followed by a verb the lexicon
 * does not know (a lowercase word ending like a finite verb). Weak evidence, but it keeps the
 * quotation from going to another speaker of the paragraph.
 */
export function nameBeforeUnknownVerb(toks: FrameToken[], qi: number): CueMatch | null {
  let j = qi + 1;
  while (j < toks.length && DASHES.has(toks[j]!.text)) j++;
  const m = mentionStartingAt(toks, j);
  if (!m || m.kind === 'pronoun' && !/^(he|she|they)$/i.test(m.tokens[0]!.text)) return null;
  const k = afterMention(toks, m);
  const verb = toks[k];
  // An irregular past reads as a verb only after a person's name or pronoun ("Tull sang"), not a noun ("health care").
  const regular = /^\p{Ll}+(?:ed|s)$/u.test(verb?.text ?? '');
  if (!verb?.isWord || !looksLikeFiniteVerb(verb.text) || (!regular && m.kind === 'nominal') || NOT_SPEECH_VERBS.test(verb.text)) return null;
  // The attribution closes the sentence soon after the verb ("... harrumphed." / "... told a radio show.").
  for (let x = k + 1; x <= k + 8; x++) if (x >= toks.length || /^[.!?]$/.test(toks[x]!.text)) return { mention: m, cue: verb, cueEnd: verb.end, cueWord: null, position: 'after', distance: j - qi - 1 };
  return null;
}
