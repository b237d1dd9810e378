// Splits a speaker mention into the name and the role printed with it:
// "US Secretary of State Antony Blinken" -> role "US Secretary of State", name "Antony Blinken";
// "Frank Cilluffo, director of X" -> role "director of X" (from the apposition);
// "State Department spokesman Ned Price" -> role "State Department spokesman".
import {
  CAPITALIZED_STOPWORDS, FEMALE_TITLES, GEOPOLITICAL, MALE_TITLES, NAME_CONNECTORS, ORGANIZATION_HEADS, ROLE_MODIFIERS,
  SPEAKER_NOUNS, TITLE_WORDS,
} from './lexicon.ts';
import type { Mention } from './mentions.ts';
import { guessGender } from './gender.ts';
import { nounKind } from './noun-kinds.ts';
import { isEnglishWord, tagAlone } from './nlp.ts';
import { isCapitalized, isPossessive, stripPossessive, type Token } from './tokens.ts';

export interface RoleSpan {
  text: string;
  start: number;
  end: number;
  organization: string | null;
}

export interface MentionAnalysis {
  /** The speaker's name as printed in this mention ("Antony Blinken", "Chinese authorities"). */
  name: string;
  kind: 'person' | 'organization';
  /** Surname for people ("blinken"), used to join mentions of one person. */
  surname: string | null;
  role: RoleSpan | null;
  gender: 'm' | 'f' | null;
  /** Other names printed in the mention itself: the acronym of "Employers' Association (UCEA)". */
  aliases?: string[];
}

/**
 * The head word of a common-noun mention (determiner already dropped): the word before its
 * first prepositional phrase ("the Labour MP for Leeds North" -> "MP", "Staff at three
 * schools" -> "Staff"), else its last word ("a senior official").
 */
function headOf(toks: Token[]): Token {
  const prep = toks.findIndex((t, i) => i > 0 && /^(of|for|at|from|with|in|on)$/.test(t.text));
  return toks[prep > 0 ? prep - 1 : toks.length - 1]!;
}
const HONORIFICS = new Set(['Mr.', 'Mrs.', 'Ms.', 'Miss', 'Mr', 'Mrs', 'Ms', 'Mx.']);
const isNameToken = (t: Token) => t.isWord && !t.commonWord && isCapitalized(t.text) && !CAPITALIZED_STOPWORDS.has(t.text) && !CAPITALIZED_STOPWORDS.has(stripPossessive(t.text));
const isTitle = (t: Token) => TITLE_WORDS.has(t.text) || TITLE_WORDS.has(stripPossessive(t.text));
const isInitial = (t: Token) => /^\p{Lu}\.$/u.test(t.text);

export function analyzeMention(text: string, m: Mention): MentionAnalysis {
  const toks = withoutLeadingDeterminer(m.tokens);
  const last = toks[toks.length - 1];
  const appositionRole = m.apposition ? roleFromApposition(text, m.apposition) : null;
  if (!last) return { name: slice(text, m.tokens), kind: 'person', surname: null, role: appositionRole, gender: null };

  // Person: a trailing run of name words that are not titles ("Antony Blinken").
  let k = toks.length - 1;
  if (last.text === ')') { while (k > 0 && toks[k]!.text !== '(') k--; k--; }
  const nameEnd = k;
  let runStart = k + 1;
  while (runStart - 1 >= 0 && nameEnd - runStart < 2) {
    const t = toks[runStart - 1]!;
    if (!(isNameToken(t) || isInitial(t)) || isTitle(t) || (isPossessive(t.text) && runStart - 1 !== nameEnd)) break;
    runStart--;
  }
  // "Rival Hillary Clinton": a capitalized word before a known first name is not part of the name.
  if (nameEnd - runStart >= 2 && guessGender(toks[runStart + 1]!.text) && !guessGender(toks[runStart]!.text)) runStart++;
  // "Deputy Chief Inspector Lars Moe": a common English noun before a given name is a title.
  else if (nameEnd - runStart >= 2 && isTitleBeforeGivenName(toks[runStart]!, toks[runStart + 1]!)) runStart++;
  const run = toks.slice(runStart, nameEnd + 1);
  const before = toks.slice(0, runStart);
  const prev = before[before.length - 1];
  const runIsOrg = !!bracketedAcronym(toks) || run.some((t) => ORGANIZATION_HEADS.has(stripPossessive(t.text))) || (run.length === 1 && /^\p{Lu}{2,}$/u.test(run[0]!.text) && !before.length) ||
    isGeopolitical(run);
  const connected = prev && NAME_CONNECTORS.has(prev.text);
  if (run.length && !runIsOrg && !connected && !isPossessive(run[run.length - 1]!.text)) {
    const roleToks = before.filter((t, i) => !(i === 0 && /^(the|a|an)$/i.test(t.text)) && !HONORIFICS.has(t.text));
    const role = appositionRole ?? (roleToks.length ? roleSpan(text, roleToks) : null);
    const gender = genderFromTitles(toks);
    return { name: slice(text, run), kind: 'person', surname: stripPossessive(run[run.length - 1]!.text).toLowerCase(), role, gender };
  }
  // Documents speak too ("the statement said") but are not people: pronouns "he/she" skip them.
  // A group ("US officials", "Fishermen", "Staff at three schools") counts as an organization,
  // one person ("the referee", "the Labour MP for Leeds North") as a person (noun-kinds.ts).
  const personNoun = nounKind(stripPossessive(headOf(toks).text)) === 'person' && !toks.some((t) => ORGANIZATION_HEADS.has(stripPossessive(t.text)) && /^\p{Lu}/u.test(t.text));
  // An organisation followed by its acronym in brackets: the name without it, the acronym an alias.
  const acronym = bracketedAcronym(toks);
  const named = acronym ? toks.slice(0, -3) : toks;
  return {
    name: slice(text, named), kind: acronym ? 'organization' : personNoun ? 'person' : 'organization', surname: null, role: appositionRole,
    gender: genderFromTitles(toks), ...(acronym ? { aliases: [acronym] } : {}),
  };
}

/**
 * In a run of three capitalised words before a surname, the first is a title ("Inspector",
 * "Constable", "Skipper") when the English model knows it as a word (nlp.ts) and the second
 * is not one (a given name such as "Lars"), and the first is not a known given name ("Grace").
 */
function isTitleBeforeGivenName(first: Token, second: Token): boolean {
  if (isInitial(second) || guessGender(first.text)) return false;
  return isEnglishWord(first.text) && !isEnglishWord(second.text);
}

/** "Universities and Colleges Employers' Association (UCEA)": the bracketed acronym, if that is what closes the mention. */
function bracketedAcronym(toks: Token[]): string | null {
  const n = toks.length;
  if (n < 4 || toks[n - 1]!.text !== ')' || toks[n - 3]!.text !== '(') return null;
  const acronym = toks[n - 2]!.text;
  if (!/^\p{Lu}[\p{Lu}&.]+$/u.test(acronym)) return null;
  // The acronym's letters are, in order, initials of the name's capitalised words ("Marine
  // Stewardship Council (MSC)"); "Sen. Ada Lund (D-OR)" and "(AP)" after a person are not.
  const initials = toks.slice(0, n - 3).filter((t) => /^\p{Lu}/u.test(t.text)).map((t) => t.text[0]).join('');
  const letters = acronym.replace(/[&.]/g, '');
  let at = 0;
  for (const ch of initials) if (ch === letters[at]) at++;
  return at === letters.length && letters[0] === initials[0] ? acronym : null;
}

/**
 * French and German articles (closed classes: le la les l' un une des du; der die das den dem
 * des ein eine einen einem einer) open a common noun phrase the way "the/a/an" do; a name keeps
 * none of them. Before a capitalised word they belong to a name ("Le Monde", "Der Spiegel").
 */
const FOREIGN_ARTICLES = /^(le|la|les|un|une|des|du|der|die|das|den|dem|ein|eine|einen|einem|einer)$/i;
const ELIDED_ARTICLE = /^[lL]['\u2019](?=\p{L})/u;

/** The mention's tokens without a leading English, French or German article. */
function withoutLeadingDeterminer(tokens: Token[]): Token[] {
  const [first, second] = tokens;
  if (!first) return tokens;
  if (/^(the|a|an)$/i.test(first.text)) return tokens.slice(1);
  if (FOREIGN_ARTICLES.test(first.text) && second?.isWord && /^\p{Ll}/u.test(second.text)) return tokens.slice(1);
  const elided = ELIDED_ARTICLE.exec(first.text);
  if (elided && /^\p{Ll}/u.test(first.text.slice(elided[0].length))) {
    const cut = elided[0].length;
    return [{ ...first, text: first.text.slice(cut), start: first.start + cut }, ...tokens.slice(1)];
  }
  return tokens;
}

/** "China", "the United States", "South Korea": places that speak as institutions. */
function isGeopolitical(run: Token[]): boolean {
  if (!run.length) return false;
  const last = stripPossessive(run[run.length - 1]!.text);
  if (run.length === 1) return GEOPOLITICAL.has(last);
  return /^(States|Kingdom|Nations|Union|Korea|Arabia|Africa|Emirates|Republic)$/.test(last) && !guessGender(run[0]!.text);
}

function genderFromTitles(toks: Token[]): 'm' | 'f' | null {
  for (const t of toks) {
    if (MALE_TITLES.has(t.text)) return 'm';
    if (FEMALE_TITLES.has(t.text)) return 'f';
  }
  return null;
}

function slice(text: string, toks: Token[]): string {
  if (!toks.length) return '';
  return text.slice(toks[0]!.start, toks[toks.length - 1]!.end);
}

/** A role from printed words; the organization is a capitalized phrase inside it, if any. */
function roleSpan(text: string, toks: Token[]): RoleSpan | null {
  // "Vale running mate": a run ending in a lowercase common noun (the model's tag) is a role too.
  const tail = toks[toks.length - 1];
  // A participle ("a grinning Marisol") describes the person and is no role.
  const nounHead = !!tail && /^\p{Ll}/u.test(tail.text) && !/ing$/.test(tail.text) && tagAlone(tail.text) === 'NOUN';
  const meaningful = nounHead || toks.some((t) => isTitle(t) || SPEAKER_NOUNS.has(t.text.toLowerCase()) || ROLE_MODIFIERS.has(t.text.toLowerCase()) || isPossessive(t.text));
  if (!meaningful) return null;
  const start = toks[0]!.start;
  const end = toks[toks.length - 1]!.end;
  return { text: text.slice(start, end), start, end, organization: organizationIn(text, toks) };
}

// "at the time a junior minister", "then a senator": a time adverbial before the role belongs to it.
const TIME_LEAD = /^(?:at the time|at that time|then|formerly|once|until recently|now|still) /i;

function roleFromApposition(text: string, appositionToks: Token[]): RoleSpan | null {
  // "the Labour MP for Leeds North, who is backing the report", "the attorney general of
  // Oklahoma, one of the states suing": a comma and a lowercase word end the role (a relative
  // clause or a second apposition); "the mayor of Springfield, Illinois" goes on.
  const relative = appositionToks.findIndex((t, i) => i > 0 && t.text === ',' && /^\p{Ll}/u.test(appositionToks[i + 1]?.text ?? ''));
  const toks = relative > 0 ? appositionToks.slice(0, relative) : appositionToks;
  const first = toks[0];
  const lead = first ? TIME_LEAD.exec(text.slice(first.start, toks[toks.length - 1]!.end)) : null;
  if (first && lead) {
    const rest = roleFromApposition(text, toks.filter((t) => t.start >= first.start + lead[0].length));
    return rest ? { ...rest, text: text.slice(first.start, rest.end), start: first.start } : null;
  }
  if (!first || /^(who|which|whose|where|when|and|but|as|in|on|at|like|whom|with|including)$/i.test(first.text)) return null;
  if (toks.length === 1 && /^\d+$/.test(first.text)) return null; // an age: "Smith, 45, said"
  const role = roleSpan(text, toks);
  if (role || !/^(the|a|an)$/i.test(first.text) || toks.length < 2) return role;
  // "Horst Seehofer, the Bavarian premier": a determiner phrase after a name describes them.
  const start = first.start;
  const end = toks[toks.length - 1]!.end;
  return { text: text.slice(start, end), start, end, organization: organizationIn(text, toks) };
}

function organizationIn(text: string, toks: Token[]): string | null {
  // "director of Auburn University's McCrary Institute ..." -> after of/at/for/with.
  const prep = toks.findIndex((t) => /^(of|at|for|with|from)$/.test(t.text));
  const from = prep >= 0 ? prep + 1 : 0;
  let s = from;
  while (s < toks.length && /^(the|a|an)$/i.test(toks[s]!.text)) s++;
  let e = s;
  while (e < toks.length && (isNameToken(toks[e]!) || (NAME_CONNECTORS.has(toks[e]!.text) && e + 1 < toks.length && isNameToken(toks[e + 1]!)))) e++;
  const run = toks.slice(s, e);
  if (!run.length || (run.length === 1 && isTitle(run[0]!))) return null;
  if (prep < 0 && e >= toks.length) return null; // the whole role is capitalized: "US Secretary of State"
  return text.slice(run[0]!.start, run[run.length - 1]!.end);
}
