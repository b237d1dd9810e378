// Reads a speaker mention (noun phrase) next to a cue: leftwards for "X said", rightwards
// for "said X". Accepts names ("US Secretary of State Antony Blinken"), nominals ("the
// Chinese embassy in Wellington", "a senior official") and pronouns, plus an apposition
// between commas ("Frank Cilluffo, director of ..., praised"), which is where roles live.
import {
  CAPITALIZED_STOPWORDS, DETERMINERS, NAME_CONNECTORS, ROLE_MODIFIERS, SPEAKER_NOUNS, SUBJECT_PRONOUNS,
} from './lexicon.ts';
import { lookupCue, PLURAL_QUANTIFIERS } from './cues.ts';
import { isEnglishWord, isModifierBeforeNoun } from './nlp.ts';
import { canFollowInNounPhrase, canHeadNounPhrase, isPeopleNoun, isPluralNoun } from './noun-kinds.ts';
import { isCapitalized, isPossessive, stripPossessive, type Token } from './tokens.ts';

export type MentionKind = 'pronoun' | 'name' | 'nominal';

export interface Mention {
  kind: MentionKind;
  /** The noun phrase tokens (without the apposition). */
  tokens: Token[];
  start: number;
  end: number;
  /** ", director of X," after the name, if any (text without the commas). */
  apposition: Token[] | null;
}

const MAX_NP_TOKENS = 14;

/** "Katie Packer, who is chairman of X said ...": an apposition ends where the verb starts. */
function isFiniteCue(t: Token): boolean {
  const cue = t.isWord ? lookupCue(t.text) : null;
  return !!cue && (cue.form === 'past' || cue.form === 'third');
}

function isNameWord(t: Token): boolean {
  // "He’s", "That’s": capitalized function words with a clitic are not names either.
  return t.isWord && !t.commonWord && isCapitalized(t.text) && !CAPITALIZED_STOPWORDS.has(t.text) && !CAPITALIZED_STOPWORDS.has(stripPossessive(t.text));
}

/**
 * "British universities", "Alaskan halibut": a capitalised adjective before a lowercase noun
 * (not a verb of saying) modifies it; it cannot end or make up a name (nlp.ts).
 */
function isModifierName(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  const next = tokens[k + 1];
  if (!t || !next?.isWord || next.start > t.end + 1 || lookupCue(next.text)) return false;
  return isNameWord(t) && isModifierBeforeNoun(t.text, next.text);
}

/** "Employers' Association": the apostrophe of a plural possessive, printed right after the word. */
function isPluralPossessiveMark(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const before = tokens[i - 1];
  return !!t && !!before && /^['\u2019]$/.test(t.text) && before.end === t.start && /s$/.test(before.text) && isNameWord(before);
}

function isNominalWord(t: Token): boolean {
  const w = t.text.toLowerCase().replace(/['\u2019]s?$/, '');
  if (!t.isWord) return false;
  if (SPEAKER_NOUNS.has(w) || ROLE_MODIFIERS.has(w) || /-(?:based|born|led|backed|year-old)$/.test(w)) return true;
  // "Fishermen said", "Managers at the depot said": a sentence-initial common noun (names.ts)
  // that names people heads a group or person mention (noun-kinds.ts).
  return !!t.commonWord && isPeopleNoun(w);
}

function mentionKind(np: Token[]): MentionKind {
  if (np.length === 1 && SUBJECT_PRONOUNS.has(np[0]!.text.toLowerCase())) return 'pronoun';
  return np.some(isNameWord) ? 'name' : 'nominal';
}

const LOOSE_DETERMINERS = new Set(['the', 'a', 'an', 'another', 'this', 'that', 'his', 'her', 'their', 'its', 'our', 'one']);
const NOT_IN_NOMINAL = new Set('of in on at for to from with by as and or but that who which than when while after before about is was are were has had have will would said says not also then'.split(' '));

function isLooseWord(t: Token | undefined): boolean {
  // "the 43-year-old" is a loose word too.
  return !!t && t.isWord && (/^\p{Ll}/u.test(t.text) || /^\p{N}+-\p{Ll}/u.test(t.text)) && !NOT_IN_NOMINAL.has(t.text) && !LOOSE_DETERMINERS.has(t.text);
}

/** "the announcer", "the committee chairmen": a determiner plus up to three lowercase words. */
function looseNominalEndingAt(tokens: Token[], k: number): Mention | null {
  for (let j = k - 1; j >= 0 && k - j <= 3; j--) {
    const t = tokens[j]!;
    if (LOOSE_DETERMINERS.has(t.text.toLowerCase())) return build(tokens.slice(j, k + 1), null, true);
    if (isPossessive(t.text) && isNameWord(t)) {
      // "Henry Clay's biographers", "Sanders' campaign manager": the owner's name leads the phrase.
      let s = j;
      while (s > 0 && isNameWord(tokens[s - 1]!) && j - s < 4) s--;
      return build(tokens.slice(s, k + 1), null, true);
    }
    // "Corporate lobbyists describe": a bare plural opening the sentence after a common word
    // (sentence-initial, names.ts) is a generic group; no determiner needed.
    if (j === 0 && t.commonWord && isPluralNoun(tokens[k]!.text)) return build(tokens.slice(0, k + 1), null, true);
    if (!isLooseWord(t) && !isNominalWord(t)) return null;
  }
  return null;
}

function looseNominalStartingAt(tokens: Token[], k: number): Mention | null {
  if (!LOOSE_DETERMINERS.has(tokens[k]?.text.toLowerCase() ?? '')) return null;
  let e = k + 1;
  while (e < tokens.length && e - k <= 3 && (isLooseWord(tokens[e]) || isNominalWord(tokens[e]!))) e++;
  return e > k + 1 ? build(tokens.slice(k, e), null, true) : null;
}

function build(np: Token[], apposition: Token[] | null, loose = false): Mention | null {
  while (np.length && !np[0]!.isWord) np.shift();
  while (np.length && (NAME_CONNECTORS.has(np[np.length - 1]!.text) || !np[np.length - 1]!.isWord) && np[np.length - 1]!.text !== ')') np.pop();
  while (np.length && NAME_CONNECTORS.has(np[0]!.text) && np[0]!.text !== 'the') np.shift();
  if (!np.length) return null;
  const last = np[np.length - 1]!;
  const headOk = isNameWord(last) || isNominalWord(last) || last.text === ')' || SUBJECT_PRONOUNS.has(last.text.toLowerCase());
  // "the candidates most", "the two lengthy investigative": a loose phrase heads on a noun.
  if (!headOk && !(loose && last.isWord && canHeadNounPhrase(last.text, np.slice(0, -1).map((t) => t.text)))) return null;
  return { kind: mentionKind(np), tokens: np, start: np[0]!.start, end: last.end, apposition };
}

function indexOfToken(tokens: Token[], start: number): number {
  return tokens.findIndex((t) => t.start === start);
}

/**
 * "Chi Ade, the Labour MP for Leeds North, ...": when the comma-delimited segment ending at
 * tokens[close] opens with a determiner (a role) and follows a name and a comma, the name is
 * the subject and the segment its apposition; a role is never the speaker. The name must open
 * its clause (sentence start, after a comma or a word that is not a preposition: "Last night
 * Karim Malik, a Labour MP"), not "In Leeds, the MP said". Returns the name's mention and the
 * index of the determiner.
 */
function nameBeforeApposition(tokens: Token[], close: number): { name: Mention; from: number } | null {
  let comma = close - 1;
  while (comma >= 0 && close - comma < 16 && !/^[,.;:]$/.test(tokens[comma]!.text)) comma--;
  if (comma < 1 || tokens[comma]!.text !== ',' || !/^(the|a|an)$/i.test(tokens[comma + 1]?.text ?? '')) return null;
  const name = mentionEndingAt(tokens, comma - 1);
  if (!name || name.kind !== 'name' || name.apposition || !isNameWord(name.tokens[name.tokens.length - 1]!)) return null;
  const lead = tokens[indexOfToken(tokens, name.start) - 1];
  if (lead && /^(in|on|at|for|from|with|by|to|of|like|unlike|as|about|into|over|under|near)$/i.test(lead.text)) return null;
  return { name, from: comma + 1 };
}

/**
 * "Senator Dianne Feinstein, Democrat of California, said": a capitalised phrase "X of/for Y"
 * between commas right after a name is that name's apposition (a party and state, an office
 * and place), not the subject.
 */
function isPartyOfPlace(tokens: Token[], open: number, between: Mention): boolean {
  const of = between.tokens.findIndex((t, i) => i > 0 && /^(of|for|from)$/.test(t.text));
  // "Darran Whiting of Liberty Baptist Church" is a name: the words before "of" must be English words.
  if (of < 0 || !between.tokens.slice(0, of).every((t) => isEnglishWord(t.text))) return false;
  const before = mentionEndingAt(tokens, open - 1);
  return !!before && before.kind === 'name' && isNameWord(tokens[open - 1]!);
}

const RELATIVE_PRONOUN = /^(who|whose|which|whom|where)$/i;

/**
 * When tokens[start] follows ", whose latest start-up," (a comma-delimited phrase opened by
 * a relative pronoun), the index of the comma that opens that phrase; else -1.
 */
function relativeClauseOpening(tokens: Token[], start: number): number {
  if (start < 2 || tokens[start - 1]!.text !== ',') return -1;
  for (let j = start - 2; j >= 1 && start - j < 10; j--) {
    const t = tokens[j]!.text;
    if (/^[.;:]$/.test(t)) return -1;
    if (t === ',') return RELATIVE_PRONOUN.test(tokens[j + 1]!.text) ? j : -1;
  }
  return -1;
}

/** The mention whose last token is tokens[k], read leftwards (k is inclusive). */
export function mentionEndingAt(tokens: Token[], k: number): Mention | null {
  let head = tokens[k];
  if (!head) return null;
  if (head.text === ',') {
    // "Name, apposition, said": find the comma that opens the apposition.
    let open = k - 1;
    while (open >= 0 && open > k - 30 && tokens[open]!.text !== ',' && tokens[open]!.text !== '.') open--;
    if (open < 0 || tokens[open]!.text !== ',' || open === k - 1) return null;
    // "..., Gov. John Kasich (R-OH), said": a name alone between the commas is the subject.
    const between = mentionEndingAt(tokens, k - 1);
    if (between && between.kind === 'name' && between.start === tokens[open + 1]!.start && isCapitalized(tokens[open + 1]!.text) && !isPartyOfPlace(tokens, open, between)) return between;
    // "Mrs Smith, 54, from Leeds, said": the apposition may itself contain commas.
    for (let commas = 0; commas < 3 && open > 0; commas++) {
      const inner = mentionEndingAt(tokens, open - 1);
      // "Mr. Slinker, whose latest start-up, Paradata, uses ..., said": a name inside a
      // relative clause is not the subject; the name before the clause is.
      const clause = inner ? relativeClauseOpening(tokens, indexOfToken(tokens, inner.start)) : -1;
      if (clause > 0) { open = clause; continue; }
      if (inner && inner.kind !== 'pronoun') {
        // "Chi Ade, the Labour MP for Leeds North, who ..., said": the role is itself an apposition.
        const named = nameBeforeApposition(tokens, open);
        if (named) return { ...named.name, apposition: tokens.slice(named.from, k) };
        return { ...inner, apposition: tokens.slice(open + 1, k) };
      }
      let earlier = open - 1;
      while (earlier >= 0 && open - earlier < 12 && tokens[earlier]!.text !== ',' && tokens[earlier]!.text !== '.') earlier--;
      if (earlier < 0 || tokens[earlier]!.text !== ',') return null;
      open = earlier;
    }
    return null;
  }
  if (SUBJECT_PRONOUNS.has(head.text.toLowerCase())) return build([head], null);
  if (isLooseWord(head) && !isNominalWord(head)) return looseNominalEndingAt(tokens, k);
  if (isModifierName(tokens, k)) return null;
  const np: Token[] = [];
  let i = k;
  if (head.text === ')') {
    // "Gov. Mike Pence (R-IN)": the parenthetical rides along with the name.
    let j = k;
    while (j >= 0 && tokens[j]!.text !== '(' && k - j < 12) j--;
    if (j < 0 || tokens[j]!.text !== '(') return null;
    np.unshift(...tokens.slice(j, k + 1));
    i = j - 1;
    head = tokens[i];
    if (!head || !isNameWord(head)) return null;
  }
  for (; i >= 0 && np.length < MAX_NP_TOKENS; i--) {
    const t = tokens[i]!;
    const lower = t.text.toLowerCase();
    if (isNameWord(t) || isNominalWord(t)) { np.unshift(t); continue; }
    if (t.isWord && isCapitalized(t.text) && (t.text === 'The' || t.text === 'A' || t.text === 'An')) { np.unshift(t); break; }
    if (DETERMINERS.has(lower) && np.length) {
      np.unshift(t);
      const before = tokens[i - 1];
      if (before && before.text === 'and' && (lower === 'several' || lower === 'other' || lower === 'some')) continue;
      if (!['several', 'two', 'three', 'four', 'five', 'many', 'some', 'other', 'most', 'few'].includes(lower)) break;
      continue;
    }
    if (NAME_CONNECTORS.has(t.text) && np.length) {
      const left = tokens[i - 1];
      if (left && (isNameWord(left) || isNominalWord(left) || DETERMINERS.has(left.text.toLowerCase()))) { np.unshift(t); continue; }
      break;
    }
    if ((t.text === '-' || t.text === '&') && np.length && tokens[i - 1] && isNameWord(tokens[i - 1]!)) { np.unshift(t); continue; }
    if (np.length && isNameWord(np[0]!) && isPluralPossessiveMark(tokens, i)) { np.unshift(t); continue; }
    break;
  }
  return build(np, null);
}

/** "the two write": a speech verb right after a plural quantifier is its verb, not a noun of the phrase. */
function verbAfterQuantifier(tokens: Token[], i: number): boolean {
  return PLURAL_QUANTIFIERS.has(tokens[i - 1]?.text.toLowerCase() ?? '') && !!lookupCue(tokens[i]?.text ?? '');
}

/**
 * Determiners that also stand as pronouns (Quirk et al. 1985, 6.45-6.58: "another", "one",
 * "both", "many", "several", "others"): alone before the sentence end they are the speaker.
 */
const PRONOMINAL_DETERMINERS = new Set(['another', 'one', 'both', 'many', 'several', 'others', 'some']);

/** The mention that starts at tokens[k], read rightwards ("said Alan Cole, an economist at X"). */
export function mentionStartingAt(tokens: Token[], k: number): Mention | null {
  const first = tokens[k];
  if (!first) return null;
  if (SUBJECT_PRONOUNS.has(first.text.toLowerCase())) return build([first], null);
  const np: Token[] = [];
  let i = k;
  for (; i < tokens.length && np.length < MAX_NP_TOKENS; i++) {
    const t = tokens[i]!;
    const lower = t.text.toLowerCase();
    if (isNameWord(t) || isNominalWord(t)) { np.push(t); continue; }
    if (np.length === 0 && (DETERMINERS.has(lower) || t.text === 'The' || t.text === 'A' || t.text === 'An')) { np.push(t); continue; }
    if (NAME_CONNECTORS.has(t.text) && np.length) {
      const right = tokens[i + 1];
      if (right && (isNameWord(right) || isNominalWord(right) || right.text === 'the')) { np.push(t); continue; }
      break;
    }
    if (t.text === '(' && np.length && isNameWord(np[np.length - 1]!)) {
      let j = i;
      while (j < tokens.length && tokens[j]!.text !== ')' && j - i < 12) j++;
      if (tokens[j]?.text !== ')') break;
      np.push(...tokens.slice(i, j + 1));
      i = j;
      continue;
    }
    break;
  }
  // "the retired neurosurgeon": a determiner phrase may end in a word the lexicon does not know.
  const tail = np[np.length - 1];
  // "a Republican strategist", "the Bavarian premier": after a determiner a capitalized word
  // followed by a lowercase noun is a modifier, not the head.
  const modifierName = !!tail && isNameWord(tail) && np.length === 2 && isLooseWord(tokens[i]);
  const headless = !!tail && (modifierName || (!isNameWord(tail) && !SPEAKER_NOUNS.has(tail.text.toLowerCase())));
  if (np.length && headless && LOOSE_DETERMINERS.has(np[0]!.text.toLowerCase())) {
    // "this Trump look-alike declared": the head may be a loose word, the cue after it is not.
    for (let extra = 0; extra < 2 && isLooseWord(tokens[i]) && !isNameWord(tokens[i]!) && !isFiniteCue(tokens[i]!) && !verbAfterQuantifier(tokens, i) && (!isNameWord(np[np.length - 1]!) || canFollowInNounPhrase(tokens[i]!.text)); extra++) np.push(tokens[i++]!);
    // "a beaming Lorna said": after a determiner and adjectives, a name is the head.
    if (np.length > 1 && !np.slice(1).some(isNameWord) && tokens[i] && isNameWord(tokens[i]!) && !isModifierName(tokens, i)) {
      while (i < tokens.length && isNameWord(tokens[i]!) && np.length < MAX_NP_TOKENS) np.push(tokens[i++]!);
    }
  }
  if (np.length === 1 && isModifierName(tokens, k)) return null;
  // "..., tweeted another.", "said one.": a pronominal determiner standing alone at the clause end heads its own phrase.
  if (np.length === 1 && PRONOMINAL_DETERMINERS.has(first.text.toLowerCase()) && /^[.!?]$/.test(tokens[i]?.text ?? '')) {
    return { kind: 'nominal', tokens: np, start: first.start, end: first.end, apposition: null };
  }
  const mention = build(np, null, np.length > 1 && LOOSE_DETERMINERS.has(np[0]!.text.toLowerCase())) ?? looseNominalStartingAt(tokens, k);
  if (!mention) return null;
  const comma = tokens[i];
  if (comma?.text === ',' && mention.kind === 'name') {
    // Apposition runs to the next comma or the end of the sentence.
    let j = i + 1;
    while (j < tokens.length && j - i < 30 && !/^[,.;:!?]$/.test(tokens[j]!.text) && !/^["\u201c\u201d]$/.test(tokens[j]!.text) && !isFiniteCue(tokens[j]!)) j++;
    if (j > i + 1) mention.apposition = tokens.slice(i + 1, j);
  }
  return mention;
}
