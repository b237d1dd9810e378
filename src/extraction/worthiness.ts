// Which quoted spans are statements. Quote marks also name things: titles of works
// ("Parasite" director, comedy "The Long Road"), nicknames (calls himself "Lucky"), words
// mentioned as words (removed the words "comprehensive" and "downside risks") and scare
// quotes nobody is said to have said (a string of "wins"). Those are not attributed
// utterances. A short real quote with a cue of its own ("Vote early," Tull said) is kept;
// longer unattributed quotations are kept for review.
import type { QuoteAttribution } from './attribute.ts';
import type { QuoteSpan } from './quotes.ts';

const MAX_FRAGMENT_WORDS = 4;
/** Longest scare-quoted fragment that a cue borrowed from another sentence does not reach. */
const MAX_BORROWED_FRAGMENT_WORDS = 2;
/** Longest Title Case quotation still read as a name (titles of works rarely run longer). */
const MAX_TITLE_WORDS = 8;
/** Longest unattributed noun-phrase echo (a "fresh, wild-caught fillet") read as a scare quote. */
const MAX_ECHO_WORDS = 8;
const LOOKBACK = 48;
/**
 * Nouns naming a kind of work, whose title follows them ("his book, "A Choice"", "the anthem
 * "A Change Is Gonna Come""): the kinds of work whose titles are set in quotation marks or
 * italics, after the Chicago Manual of Style (17th ed.), 8.154-8.198 "Titles of works".
 */
const WORK_NOUNS = 'book|novel|memoir|biography|article|column|essay|op-ed|editorial|poem|play|musical|opera|' +
  'film|movie|documentary|series|show|program|programme|episode|podcast|song|anthem|album|painting';
// "told "Fox and Friends"": tell's first object is the person or outlet addressed (Levin 1993,
// 37.2), so a Title Case quotation right after it names that outlet.
const TITLE_LEAD_IN = new RegExp(`(?:\\p{L}['\u2019]s|\\b(?:on|in|of|titled|entitled|called|named|dubbed|told|tells?|telling)|\\b(?:${WORK_NOUNS})s?\\s*,?)\\s*$`, 'u');
// Lead-ins that make the quotation a name or a word rather than speech, in any case:
// naming verbs, metalinguistic nouns, and imagined speech ("as if to say").
const NAMING_LEAD_IN = new RegExp('(?:\\b(?:titled|entitled|called|named|nicknamed|dubbed|so-called|known as|' +
  '(?:calls?|calling) (?:himself|herself|itself|themselves)|(?:the|a) (?:words?|terms?|phrases?|labels?|slogans?|hashtags?|nicknames?|catchphrases?)|' +
  '(?:as if|as though) (?:to say|saying)))\\s*[,:]?\\s*$', 'u');
// A quotation coordinated with the one before it ("comprehensive" and "downside risks"):
// it shares that one's lead-in.
const COORDINATED_QUOTATION = /["\u201c\u00ab][^"\u201c\u201d\u00ab\u00bb\n]{1,80}["\u201d\u00bb]\s*(?:,\s*(?:and|or)?|and|or)\s*$/u;
// Naming with no speaker behind it, whatever the route: a thing "called" something right
// after an indefinite noun phrase ("a pattern called", "an account named"), a person
// naming themselves ("who calls himself"), or a label in common use ("the so-called
// "special relationship""), which no one in the sentence is reported to have said.
const AGENTLESS_NAMING = new RegExp('(?:\\b(?:a|an)\\s+(?:[\\p{L}-]+\\s+){1,3}(?:called|named|dubbed|titled|entitled|nicknamed|known as)|' +
  '\\b(?:calls?|calling|called) (?:himself|herself|itself|themselves)|\\bgoes by|\\bso-? ?called)\\s*[,:]?\\s*$', 'u');
// An apposition opening right after the speaker's mention, the quotation heading it:
// ", an influential "shadow lender"".
const APPOSITION_HEAD = /^\s*,\s*(?:a|an|the)\s+(?:\p{Ll}+\s+)?$/u;
// A gloss of the term before it, whatever the route: a translation ("Si Vis Pacem," Latin for
// "if you wish peace"; #PorteOuverte - "open door") or an expansion ("short for", "slang for").
// A capitalised word right after a comma or dash, then "for", is a language name (a proper
// adjective: "Latin for", "Russian for"); the lowercase nouns are the metalinguistic ones
// of glossing (short, slang, code, shorthand, jargon, euphemism).
const GLOSS_LEAD_IN = /(?:(?:[,;(\u2013\u2014-]|["'\u201d\u2019])\s*\p{Lu}\p{Ll}+|\b(?:short|slang|code|shorthand|jargon|euphemism))\s+for\s*,?\s*$|#[\p{L}\p{N}_]+\s*[-\u2013\u2014(:]\s*$/u;
const DETERMINER_BEFORE = /\b(?:a|an|the|this|that|these|those|its|their|our|his|her|some|any|no)\s*$/i;

/** Routes that find a cue or a label for the quotation itself, rather than borrowing one. */
const OWN_ROUTES = new Set(['cue', 'label', 'colon', 'subject', 'possessive']);

/**
 * True when the quotation `q` (with its attribution, if any) is an attributed-utterance
 * candidate. `inHeadline`: its paragraph is a Title Case headline (paragraphs.ts isHeadlineLike).
 */
export function isStatementWorthy(text: string, q: QuoteSpan, att: QuoteAttribution | null, inHeadline: boolean): boolean {
  const words = text.slice(q.start, q.end).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const before = leadIn(text, q.openMark);
  // "(CROSSTALK)", "[Laughter]": a bracketed stage direction of a transcript, not words said.
  if (/^[([][^()[\]]*[)\]]\.?$/.test(text.slice(q.start, q.end))) return false;
  // A quotation inside a Title Case headline has been restyled with it, so it is not verbatim.
  if (inHeadline) return false;
  // 'All Bets Are Off.' alone on its line: single marks are the headline convention, so a
  // line that is one single-quoted quotation is a subheading, restyled like a headline.
  if (isSingleQuotedLine(text, q)) return false;
  // "on NBC's "Meet the Press"", "an account called "Hypo-Cruz"": a name of a show or a thing.
  if ((isTitleCase(words) || isTitleOfWork(words)) && TITLE_LEAD_IN.test(before.slice(-24))) return false;
  // A quotation with no cue of its own that names or mentions something is not speech. One
  // inside a speaker's own words is kept: whatever the speaker put in marks is theirs.
  if (!(att && OWN_ROUTES.has(att.via)) && (NAMING_LEAD_IN.test(before) || (isTitleOfWork(words) && isNameOfSomething(text, q, att, before)))) return false;
  // ""Parasite" director Bong Joon Ho said": the quotation names the speaker's work.
  if (att?.via === 'cue' && att.cue && att.cue.start > q.end && isTitleOfWork(words) && modifiesNextWord(text, q, att)) return false;
  if (AGENTLESS_NAMING.test(before)) return false;
  if (GLOSS_LEAD_IN.test(before)) return false;
  // Marcia "Cia" Price: a quoted word between a given name and a surname is a nickname.
  if (isNickname(text, q, before, words)) return false;
  // Found only as the sentence's subject, with no cue. In an apposition of that subject
  // ("Brook Mining, an influential "shadow lender" that ..."), or as a modifier inside a noun
  // phrase ("for a "unity" lunch"), it describes something rather than reports words.
  if (att?.via === 'subject') {
    return !isTitleCase(words) && !describesSpeaker(text, q, att) && !(words.length <= MAX_FRAGMENT_WORDS && modifiesNoun(text, q));
  }
  // A cue borrowed from the neighbouring sentence reaches a quotation that is a sentence of
  // its own, not a word or two scare-quoted inside another sentence (the "us" that he built).
  if (att?.via === 'neighbour' && words.length <= MAX_BORROWED_FRAGMENT_WORDS && !isUtteranceLayout(text, q, before)) return false;
  if (att) return true;
  // A short quotation punctuated as an utterance at the head of its sentence ("Vote early,"
  // X beseeched) is speech even when its cue is unknown; elsewhere it is a scare quote.
  if (words.length <= MAX_FRAGMENT_WORDS) return isUtteranceLayout(text, q, before);
  // "there's nothing generic about a "fresh, wild-caught fillet"": an echo inside a noun phrase.
  if (words.length <= MAX_ECHO_WORDS && DETERMINER_BEFORE.test(before)) return false;
  return !isTitleCase(words);
}

/**
 * The quotation is in single marks (' or ‘, not a doubled apostrophe) and fills its whole
 * line. Headlines and subheadings put quotations in single marks (AP Stylebook, "quotation
 * marks": "use single marks in headlines"); body text uses double marks.
 */
function isSingleQuotedLine(text: string, q: QuoteSpan): boolean {
  if (q.family !== 'single' || q.closeMark === null) return false;
  // Only spaces between each mark and its line's edge (each space is read at most twice overall).
  let before = q.openMark;
  while (before > 0 && text[before - 1] !== '\n' && /\s/.test(text[before - 1]!)) before--;
  let after = q.closeMark + 1;
  while (after < text.length && text[after] !== '\n' && /\s/.test(text[after]!)) after++;
  return (before === 0 || text[before - 1] === '\n') && (after === text.length || text[after] === '\n');
}

/**
 * One or two capitalised words, with no punctuation inside the marks, right between a
 * capitalised word and another capitalised word on the same line (Earvin "Magic" Johnson):
 * the slot of a nickname inside a name.
 */
function isNickname(text: string, q: QuoteSpan, before: string, words: string[]): boolean {
  if (q.closeMark === null || words.length === 0 || words.length > 2) return false;
  if (!words.every((w) => /^\p{Lu}[\p{L}.-]*$/u.test(w)) || /\.$/.test(words[words.length - 1]!)) return false;
  return /(?:^|\s)\p{Lu}\p{Ll}+\s$/u.test(before) && /^ \p{Lu}\p{Ll}/u.test(textAfter(text, q));
}

/**
 * "a "unity" lunch", "the notorious "carried interest" loophole": a quotation with no
 * punctuation inside, followed straight away by a lowercase open-class word, is a modifier
 * inside a noun phrase (a scare-quoted term), not a clause. Words that end a noun phrase
 * instead (prepositions, conjunctions, pronouns, auxiliaries: FUNCTION_WORDS) and -ed/-ly/-ing
 * forms (verbs and adverbs: "a "witch hunt" launched to") do not count.
 */
function modifiesNoun(text: string, q: QuoteSpan): boolean {
  if (q.closeMark === null || /[,.;:!?]$/.test(text.slice(q.start, q.end))) return false;
  const next = /^[ \t\u00a0]*(\p{Ll}[\p{L}-]*)/u.exec(textAfter(text, q))?.[1];
  return next !== undefined && !FUNCTION_WORDS.has(next) && !/(?:ed|ly|ing)$/.test(next);
}

/** The quotation heads an apposition right after its speaker's mention. */
function describesSpeaker(text: string, q: QuoteSpan, att: QuoteAttribution): boolean {
  return att.mention.end <= q.openMark && APPOSITION_HEAD.test(text.slice(att.mention.end, q.openMark));
}

/**
 * The quotation opens its sentence (paragraph start or after . ! ? or a closing mark) and is
 * punctuated as a clause: a comma, ! or ? inside the marks or a comma right after them
 * ("Vote early," Tull said / « Non », a dit X), or a terminator that ends the sentence.
 */
function isUtteranceLayout(text: string, q: QuoteSpan, before: string): boolean {
  if (q.closeMark === null || !/(?:^|[.!?]["'\u201d\u2019\u00bb]?)\s*$/u.test(before)) return false;
  const inside = text.slice(q.start, q.end);
  const after = textAfter(text, q);
  if (/[,!?]$/.test(inside) || /^\s*,/.test(after)) return true;
  return /[.]$/.test(inside) && /^\s*(?:$|\p{Lu}|["\u201c\u00ab])/u.test(after);
}

/**
 * The text just before the opening mark at `openMark`, on the same line, with any quotation
 * coordinated with this one removed, so that "the words "a" and "b"" gives "the words" for "b".
 */
function leadIn(text: string, openMark: number): string {
  // A bounded window, then its last line: scanning back to the line start would make a
  // 1 MB paragraph of quotations quadratic.
  const window = text.slice(Math.max(0, openMark - LOOKBACK * 3), openMark);
  let before = window.slice(window.lastIndexOf('\n') + 1);
  for (let k = 0; k < 4; k++) {
    const m = COORDINATED_QUOTATION.exec(before);
    if (!m) break;
    before = before.slice(0, m.index);
  }
  return before.slice(-LOOKBACK);
}

/**
 * A short Title Case quotation with no cue of its own is the name of a work, a product or
 * a thing when it sits inside a noun phrase: after a word (thriller "Parasite", in "Joker"),
 * before a noun ("Parasite" director) or at the head of a sentence that goes on after a
 * comma ("Parasite," the Korean satire, ...).
 */
function isNameOfSomething(text: string, q: QuoteSpan, att: QuoteAttribution | null, before: string): boolean {
  if (wordCount(text, q) > MAX_TITLE_WORDS) return false;
  if (modifiesNextWord(text, q, att)) return true;
  if (/[\p{L}\p{N}]\s*$/u.test(before)) return true;
  const comma = /,$/.test(text.slice(q.start, q.end)) ? '' : ',';
  return new RegExp(`^\\s*${comma}\\s*\\p{Ll}`, 'u').test(textAfter(text, q));
}

/**
 * The quotation is followed directly by a lowercase word that is neither its cue nor a
 * pronoun speaker, with no punctuation inside the marks: the noun it modifies ("Parasite"
 * director, "Mrs Maisel" actress X).
 */
function modifiesNextWord(text: string, q: QuoteSpan, att: QuoteAttribution | null): boolean {
  // Punctuation inside the marks ends a clause ("Hopefully," the president said): no modifier.
  if (q.closeMark === null || /[,.;:]$/.test(text.slice(q.start, q.end))) return false;
  const next = /^[ \t\u00a0]*(?=[\p{Ll}\p{N}])/u.exec(textAfter(text, q));
  if (!next) return false;
  const at = q.closeMark + 1 + next[0].length;
  return at !== att?.cue?.start && !(at === att?.mention.start && att.mention.kind === 'pronoun');
}

function textAfter(text: string, q: QuoteSpan): string {
  return q.closeMark === null ? '' : text.slice(q.closeMark + 1, q.closeMark + 1 + LOOKBACK).split('\n')[0]!;
}

function wordCount(text: string, q: QuoteSpan): number {
  return text.slice(q.start, q.end).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * English closed-class words that can follow a noun phrase: prepositions, conjunctions,
 * determiners, pronouns, auxiliaries and modals, and the commonest adverbs (after Quirk et
 * al., A Comprehensive Grammar of the English Language, 1985, ch. 2-7).
 */
const FUNCTION_WORDS = new Set(('a an the this that these those some any no every each all both either neither my your his her its our their ' +
  'and or but nor so yet for because while when where if unless although though as than then whether since until after before once ' +
  'of in on at to by with from into onto over under about against between among through during without within across along ' +
  'around behind beyond near toward towards upon via per like unlike despite except ' +
  'i you he she it we they me him us them who whom whose which what ' +
  'is are was were be been being am has have had do does did will would shall should can could may might must ' +
  'not also just even only still already now again too very ever never always often soon there here').split(' '));

const MINOR_WORDS = new Set(('a an the and or nor but of in on at to for by with from as into over under vs via ' +
  'de la le les du des et von der die das und').split(' '));

/**
 * "The Marvelous Mrs Maisel", "Once Upon A Time in Hollywood", "IRISHMAN": every word but
 * the minor ones (articles, short prepositions, conjunctions; the rule of English title
 * case, Chicago Manual of Style 8.159) capitalized, and no ! or ? at the end, which
 * marks an utterance ("Lock her up!").
 */
function isTitleOfWork(words: string[]): boolean {
  if (words.length === 0 || words.length > MAX_TITLE_WORDS) return false;
  if (/[!?]["'\u2019\u201d]*$/.test(words[words.length - 1]!)) return false;
  return words.every((w, k) => {
    const bare = w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    return /^[\p{Lu}\p{N}]/u.test(bare) || (k > 0 && MINOR_WORDS.has(bare.toLowerCase()));
  });
}

/** "Guardians of the Galaxy", "Contract with America": every longer word capitalized. */
function isTitleCase(words: string[]): boolean {
  const significant = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 3);
  return significant.length > 0 && significant.every((w) => /^[^\p{L}]*\p{Lu}/u.test(w)) && words.length <= 10;
}
