// People named anywhere in a sentence, not only as its subject: "On the dock, skipper Tor
// Haugen watched the crane", "accused Joe Park of ...", "Hillary Clinton's claim". They are
// registered as possible antecedents of a later "he"/"she" or bare surname, never output.
import { guessGender } from './gender.ts';
import type { FrameSentence } from './frame.ts';
import { TITLE_WORDS } from './lexicon.ts';
import { mentionStartingAt, type Mention } from './mentions.ts';
import { analyzeMention } from './roles.ts';
import { isCapitalized, stripPossessive } from './tokens.ts';

/**
 * Person-name mentions in the sentences, in text order, that the text marks as people: a
 * given name of known gender ("Carla", gender.ts), a title or lowercase role word just before
 * them ("Ms Tosh", "skipper Tor Haugen", "shop steward Carla Ruiz"), or a surname some speaking
 * mention of the article uses (`speakerSurnames`, lower-case: "... Haugen said"). Place and
 * company names ("New York", "Green Basket") carry none of these and are left out, so they
 * never take a "he".
 */
export function namedPeople(text: string, sentences: FrameSentence[], speakerSurnames: Set<string>): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences) {
    const toks = s.tokens;
    for (let i = 1; i < toks.length; i++) {
      const t = toks[i]!;
      const prev = toks[i - 1]!;
      // Only where a name run starts, and not at the sentence start (clause subjects are read there).
      if (!t.isWord || !isCapitalized(t.text) || t.commonWord || TITLE_WORDS.has(t.text) || (prev.isWord && isCapitalized(prev.text))) continue;
      const m = mentionStartingAt(toks, i);
      if (!m || m.kind !== 'name' || m.tokens.length > 3) continue;
      const words = m.tokens.filter((x) => x.isWord).map((x) => stripPossessive(x.text));
      // Given name and surname only: a longer run may open with a capitalised role ("Author Lena Brandt").
      if (words.length !== 2 || !words.every((w) => /^\p{Lu}\p{Ll}/u.test(w))) continue;
      const surname = words[words.length - 1]!.toLowerCase();
      // "skipper Tor Haugen": a lowercase noun, not a function word or a verb form ("watched", "visiting").
      const roleWordBefore = prev.isWord && /^\p{Ll}+$/u.test(prev.text) && !FUNCTION_WORDS.has(prev.text) && !/(?:ed|ing)$/.test(prev.text);
      // Places and institutions ("North Korea") are no antecedent of "he" or "she".
      const person = analyzeMention(text, m).kind === 'person';
      if (person && (guessGender(words[0]!) || roleWordBefore || speakerSurnames.has(surname))) out.push(m);
      i += m.tokens.length - 1;
    }
  }
  return out;
}

/** Singular nouns for a group of people (collective nouns of English grammar): "the crowd" is no "he". */
const COLLECTIVE_NOUNS = new Set('crowd staff press side team panel public audience family couple pair'.split(' '));

/**
 * Definite descriptions of one person anywhere in a sentence: "had accused the premier of ...",
 * "On Friday the premier hit back". `the` + up to three words ending in a singular person noun
 * (lexicon.ts SPEAKER_NOUNS read by roles.ts as a person); they may take a later "he"/"she" or
 * join an earlier speaker with that head word in name or role (speakers.ts).
 */
export function describedPeople(text: string, sentences: FrameSentence[]): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences) {
    const toks = s.tokens;
    for (let i = 1; i < toks.length; i++) {
      if (toks[i]!.text !== 'the') continue;
      const m = mentionStartingAt(toks, i);
      if (!m || m.kind !== 'nominal' || m.apposition || m.tokens.length > 4) continue;
      const a = analyzeMention(text, m);
      const head = m.tokens[m.tokens.length - 1]!.text.toLowerCase();
      if (a.kind === 'person' && !a.surname && !COLLECTIVE_NOUNS.has(head)) out.push(m);
    }
  }
  return out;
}

/**
 * Lowercase words before a name that are not role words: prepositions, conjunctions,
 * determiners, auxiliaries and common verbs of a clause (a closed class).
 */
const FUNCTION_WORDS = new Set((
  'a an the this that these those his her their its our my your of in on at by to from with for about as into onto over under ' +
  'after before during since until than like and or but nor so yet if when while because although though where whether ' +
  'is was are were be been being has have had do does did will would can could shall should may might must said says told ' +
  'asked called named met visited saw thanked praised criticized criticised accused blamed joined replaced backed ' +
  'supported endorsed attacked defended urged hired fired sued interviewed including among between against toward towards ' +
  'via per not also then both either neither'
).split(' '));
