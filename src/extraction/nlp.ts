// Adapter to the English language model Verbatim uses: wink-nlp with wink-eng-lite-web-model,
// which ships its model inside the npm package (no network, no files read at run time beyond
// the module itself). Chosen by measurement over compromise (see README "Names"): on the dev
// set wink tokenizes and tags ~0.65-1.2 MB/s, compromise ~0.05-0.1 MB/s. Neither is fast
// enough to run over every sentence next to our 4 MB/s rules, so the model is asked only about
// single words the rules cannot decide: is a sentence-initial capitalized word an English word?
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

// Tokenization only (no pipe): the vocabulary lookup needs nothing else.
const nlp = winkNLP(model, []);
const its = nlp.its;
/**
 * Ids below this are the model's own vocabulary (~87.6k English lexemes); the tokenizer gives
 * out-of-vocabulary words ids from here upwards. Read once, from a nonsense word, at load.
 */
const VOCABULARY_SIZE = nlp.readDoc('qzxvkjwqh').tokens().itemAt(0).out(its.uniqueId) as number;

/**
 * True when `word` (any case; compared lowercased) is a lexeme of the model's English
 * vocabulary ("children", "conservation", "staff"), false for out-of-vocabulary words (most
 * surnames: "ruiz", "okafor"). Cost ~50 µs a call. Asking about 200,000 distinct unknown
 * words left the heap no larger after a full collection (measured, Node 20): no growth in a
 * long-lived reader worker.
 */
export function isEnglishWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (!/^\p{L}+$/u.test(lower)) return false;
  const tokens = nlp.readDoc(lower).tokens();
  if (tokens.length() !== 1) return false;
  return (tokens.itemAt(0).out(its.uniqueId) as number) < VOCABULARY_SIZE;
}

// The same model with its part-of-speech tagger, asked about one lowercased word at a time.
const tagger = winkNLP(model, ['pos']);
const tagCache = new Map<string, string | null>();
const MAX_CACHED = 50_000;

/**
 * The model's part of speech (Universal Dependencies tag: "ADJ", "NOUN", "VERB" ...) for
 * `word` read alone and lowercased, when every word part of it ("african-american" has two)
 * is in the model's vocabulary and gets the same tag; null otherwise (names such as "ruiz",
 * mixed tags). Cached per word (~0.1 ms a first call).
 */
export function tagAlone(word: string): string | null {
  const lower = word.toLowerCase();
  const cached = tagCache.get(lower);
  if (cached !== undefined) return cached;
  let tag: string | null = null;
  if (/^\p{L}+(?:-\p{L}+)*$/u.test(lower)) {
    const tokens = tagger.readDoc(lower).tokens();
    const tags = tokens.out(tagger.its.pos) as string[];
    const ids = tokens.out(tagger.its.uniqueId) as number[];
    const parts = tags.filter((t) => t !== 'PUNCT');
    if (parts.length && parts.every((t) => t === parts[0]) && ids.every((id, i) => tags[i] === 'PUNCT' || id < VOCABULARY_SIZE)) tag = parts[0]!;
  }
  if (tagCache.size < MAX_CACHED) tagCache.set(lower, tag);
  return tag;
}

const lemmaCache = new Map<string, string | null>();

/**
 * The model's lemma (its lemmatizer: WordNet exception lists plus suffix rules) for `word`
 * read alone and lowercased ("fishermen" -> "fisherman", "children" -> "child", "residents" ->
 * "resident"), or null when the word is not one plain word ("early-morning"). Cached per word
 * (~0.1 ms a first call).
 */
export function lemmaAlone(word: string): string | null {
  const lower = word.toLowerCase();
  const cached = lemmaCache.get(lower);
  if (cached !== undefined) return cached;
  let lemma: string | null = null;
  if (/^\p{L}+$/u.test(lower)) {
    const tokens = tagger.readDoc(lower).tokens();
    if (tokens.length() === 1) lemma = (tokens.out(tagger.its.lemma as never) as string[])[0] ?? null; // its.lemma is mistyped in wink-nlp 2.x d.ts
  }
  if (lemmaCache.size < MAX_CACHED) lemmaCache.set(lower, lemma);
  return lemma;
}

/**
 * "British universities", "Alaskan halibut", "African-American churchgoers": a capitalised
 * word the model tags ADJ when read alone, followed by a lowercase word it tags NOUN (or does
 * not know: "churchgoers"), is a modifier of that noun and never a speaker's name (issue #12
 * point 1). The noun test keeps surnames that are adjectives ("Brown said", "Young also told")
 * as names; callers also rule out verbs of saying ("Brown claims").
 */
export function isModifierBeforeNoun(word: string, next: string | undefined): boolean {
  if (!next || !/^\p{Ll}/u.test(next) || !/^\p{Lu}/u.test(word)) return false;
  const nextTag = tagAlone(next);
  return (nextTag === 'NOUN' || nextTag === null) && tagAlone(word) === 'ADJ';
}
