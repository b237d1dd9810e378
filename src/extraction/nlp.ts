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
