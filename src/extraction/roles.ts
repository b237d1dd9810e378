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
}

const DOCUMENT_NOUNS = new Set('statement report letter ad study survey poll website newspaper memo release filing complaint suit lawsuit editorial column post tweet message email document indictment petition declaration analysis review paper book article blog ruling order transcript'.split(' '));
const HONORIFICS = new Set(['Mr.', 'Mrs.', 'Ms.', 'Miss', 'Mr', 'Mrs', 'Ms', 'Mx.']);
const isNameToken = (t: Token) => t.isWord && !t.commonWord && isCapitalized(t.text) && !CAPITALIZED_STOPWORDS.has(t.text) && !CAPITALIZED_STOPWORDS.has(stripPossessive(t.text));
const isTitle = (t: Token) => TITLE_WORDS.has(t.text) || TITLE_WORDS.has(stripPossessive(t.text));
const isInitial = (t: Token) => /^\p{Lu}\.$/u.test(t.text);

export function analyzeMention(text: string, m: Mention): MentionAnalysis {
  const toks = m.tokens.filter((t, i) => !(i === 0 && /^(the|a|an)$/i.test(t.text)));
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
  const run = toks.slice(runStart, nameEnd + 1);
  const before = toks.slice(0, runStart);
  const prev = before[before.length - 1];
  const runIsOrg = run.some((t) => ORGANIZATION_HEADS.has(stripPossessive(t.text))) || (run.length === 1 && /^\p{Lu}{2,}$/u.test(run[0]!.text) && !before.length) ||
    isGeopolitical(run);
  const connected = prev && NAME_CONNECTORS.has(prev.text);
  if (run.length && !runIsOrg && !connected && !isPossessive(run[run.length - 1]!.text)) {
    const roleToks = before.filter((t, i) => !(i === 0 && /^(the|a|an)$/i.test(t.text)) && !HONORIFICS.has(t.text));
    const role = appositionRole ?? (roleToks.length ? roleSpan(text, roleToks) : null);
    const gender = genderFromTitles(toks);
    return { name: slice(text, run), kind: 'person', surname: stripPossessive(run[run.length - 1]!.text).toLowerCase(), role, gender };
  }
  const head = stripPossessive(last.text).toLowerCase();
  // Documents speak too ("the statement said") but are not people: pronouns "he/she" skip them.
  // A group ("US officials", "several allies") counts as an organization, one person as a person.
  const plural = /[^s]s$/.test(head);
  const personNoun = SPEAKER_NOUNS.has(head) && !plural && !DOCUMENT_NOUNS.has(head) && !toks.some((t) => ORGANIZATION_HEADS.has(stripPossessive(t.text)));
  return { name: slice(text, toks), kind: personNoun ? 'person' : 'organization', surname: null, role: appositionRole, gender: genderFromTitles(toks) };
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
  const meaningful = toks.some((t) => isTitle(t) || SPEAKER_NOUNS.has(t.text.toLowerCase()) || ROLE_MODIFIERS.has(t.text.toLowerCase()) || isPossessive(t.text));
  if (!meaningful) return null;
  const start = toks[0]!.start;
  const end = toks[toks.length - 1]!.end;
  return { text: text.slice(start, end), start, end, organization: organizationIn(text, toks) };
}

// "at the time a junior minister", "then a senator": a time adverbial before the role belongs to it.
const TIME_LEAD = /^(?:at the time|at that time|then|formerly|once|until recently|now|still) /i;

function roleFromApposition(text: string, toks: Token[]): RoleSpan | null {
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
