// What kind of speaker a common noun names when it heads a speaker mention: one person ("the
// referee", "a councillor", "the Labour MP for Leeds North"), a group of people ("Fishermen",
// "Staff at three schools", "Residents"), an organisation ("the ministry") or a document
// ("the statement"). Groups, organisations and documents are all stored as kind
// 'organization' (the app's kind for non-persons); only one person is a 'person'.
import { DETERMINERS, ORGANIZATION_HEADS, SPEAKER_NOUNS } from './lexicon.ts';
import { isEnglishWord, lemmaAlone, tagAlone } from './nlp.ts';

export type NounKind = 'person' | 'group' | 'organization' | 'document';

const words = (s: string) => new Set(s.trim().split(/\s+/));

/** Nouns for things written or broadcast that "say" ("the statement said"): never a person. */
export const DOCUMENT_NOUNS = words(
  'statement report letter ad spot study survey poll website newspaper memo release filing complaint suit ' +
  'lawsuit editorial column post tweet message email document indictment petition declaration analysis ' +
  'review paper book article blog ruling order transcript video footage slogan headline caption',
);

/**
 * Collective nouns, singular in form and naming a group of people (Quirk et al. 1985, A
 * Comprehensive Grammar of the English Language, §5.108: specific, generic and unique
 * collectives, those of them that name people), and nouns that are plural without an -s
 * (§5.78 invariable plurals: "people", "police", "clergy").
 */
export const GROUP_NOUNS = words(
  'audience crew crowd family jury public staff team electorate faculty management workforce press media ' +
  'opposition majority minority side community congregation delegation class club gang household ' +
  'personnel people police clergy folk gentry militia authority leadership',
);

/**
 * Post-nominal abbreviations of office holders, who are people: members of parliaments and
 * assemblies (Wikipedia, "List of post-nominal letters": MP, MEP, MSP, MLA, MPP, MHA, TD) and
 * the chief officers of a company (Wikipedia, "Corporate title": CEO, CFO, COO, CTO, CIO).
 */
const OFFICE_ACRONYMS = words('MP MEP MSP MLA MPP MHA TD CEO CFO COO CTO CIO');

/**
 * Agentive suffixes that make a noun of a person from a verb or noun (Quirk et al. 1985,
 * App. I.32-34: -er/-or "teacher, governor", -ee "employee", -ist "activist", -ian
 * "historian"; compounds in -man/-woman/-person "spokeswoman").
 */
const AGENTIVE = /^(\p{Ll}{3,}?)(er|or|ee|ist|ian|man|woman|person)$/u;

const SPEAKER_ORGANIZATION_HEADS = new Set([...ORGANIZATION_HEADS].map((w) => w.toLowerCase()));

/**
 * The kind of speaker `head` names (the head noun of a mention as printed, possessive
 * stripped: "Fishermen", "MP", "referee"), or null when nothing says it is a person, a group,
 * an organisation or a document (callers keep their default). In order: document nouns,
 * organisation heads (lexicon.ts), collective and invariable plural nouns, plurals (the
 * model's lemma differs from the word: "fishermen" -> "fisherman"), then one person: a
 * speaker noun of the lexicon, an office acronym, or an agentive noun of the model's
 * vocabulary whose stem is a word too (agentiveStem).
 */
export function nounKind(head: string): NounKind | null {
  if (OFFICE_ACRONYMS.has(head)) return 'person';
  const word = head.toLowerCase();
  if (!/^\p{L}+$/u.test(word)) return null;
  if (DOCUMENT_NOUNS.has(word)) return 'document';
  if (SPEAKER_ORGANIZATION_HEADS.has(word)) return 'organization';
  if (GROUP_NOUNS.has(word)) return 'group';
  if (isPluralNoun(word)) return 'group';
  if (SPEAKER_NOUNS.has(word) || agentiveStem(word)) return 'person';
  return null;
}

/**
 * English plural endings (Quirk et al. 1985, §5.83-5.95): regular -s, and the irregular -men
 * ("fishermen"), -ren ("children"), -i ("alumni"), -a/-ae ("criteria"). The lemmatizer also
 * normalises spellings ("councillor" -> "councilor"), which are no plurals.
 */
const PLURAL_ENDING = /(?:s|men|ren|i|a|ae)$/;

/**
 * A noun naming people: one person, a plural of a person noun ("residents", "fishermen",
 * "managers"), or a collective of people ("staff", "police"). "prices", "studies" are not.
 */
export function isPeopleNoun(word: string): boolean {
  const kind = nounKind(word);
  if (kind === 'person') return true;
  if (kind !== 'group') return false;
  if (GROUP_NOUNS.has(word.toLowerCase())) return true;
  const lemma = lemmaAlone(word);
  return !!lemma && nounKind(lemma) === 'person';
}

/**
 * A plural common noun: the model tags it NOUN (or does not know it) and lemmatizes it to
 * another word ("residents" -> "resident", "men" -> "man"); a word it does not know counts when
 * its lemma is a word it knows ("fishermen" -> "fisherman", "dockworkers" -> "dockworker").
 * "news", "analysis", "staff" lemmatize to themselves.
 */
export function isPluralNoun(word: string): boolean {
  const lower = word.toLowerCase();
  if (!PLURAL_ENDING.test(lower)) return false;
  const lemma = lemmaAlone(lower);
  if (!lemma || lemma === lower) return false;
  const tag = tagAlone(lower);
  return tag === 'NOUN' || (tag === null && isEnglishWord(lemma));
}

/**
 * The stem of an agentive noun when `word` is one: the model knows the word as a noun and the
 * word minus its suffix is itself a word of the vocabulary, as is ("refer-ee", "teach-er"),
 * with an "e" or "y" restored ("activ(e)-ist", "histor(y)-ian") or a doubled consonant
 * undone ("council(l)-or"); a stem of three letters must be a verb ("buy-er") and an -er
 * stem no adjective ("numb-er"). Null otherwise ("steward", "water", "power").
 */
export function agentiveStem(word: string): string | null {
  const m = AGENTIVE.exec(word);
  if (!m || tagAlone(word) !== 'NOUN') return null;
  const stem = m[1]!;
  const candidates = [stem, `${stem}e`, `${stem}y`];
  if (/(\p{Ll})\1$/u.test(stem)) candidates.push(stem.slice(0, -1));
  // "numb-er", "old-er" are comparatives of adjectives; "pow-er", "sup-er" have no stem of
  // four letters or a verb of three ("buy-er", "run-ner").
  const agentOf = (c: string) => {
    const tag = tagAlone(c);
    return isEnglishWord(c) && !(m[2] === 'er' && tag === 'ADJ') && (c.length >= 4 || tag === 'VERB');
  };
  return candidates.find(agentOf) ?? null;
}

/**
 * Whether the last lowercase word of a loose speaker phrase can end it (the model's Universal
 * Dependencies tag for the word read alone): not an adverb ("the candidates most"), and not
 * an adjective after modifiers unless a noun comes before ("the two lengthy investigative";
 * but "one academic", "another source familiar"). `before` are the phrase's earlier words.
 */
export function canHeadNounPhrase(word: string, before: string[]): boolean {
  if (!/^\p{Ll}/u.test(word)) return true;
  const tag = tagAlone(word);
  if (tag === 'ADV') return false;
  // "One academic", "a local": an adjective right after a determiner is used as a noun; after
  // other modifiers ("civil", "most populous") it lacks its noun.
  if (tag === 'ADJ') return before.every((w) => DETERMINERS.has(w.toLowerCase())) || before.some((w) => tagAlone(w) === 'NOUN');
  return true;
}

/** Whether a lowercase word may follow a name inside a noun phrase: not a past verb form ("The FBI looked"). */
export function canFollowInNounPhrase(word: string): boolean {
  return !(tagAlone(word) === 'VERB' && /ed$/.test(word));
}
