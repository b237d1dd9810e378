// Which quoted spans are statements. A short fragment in quote marks that nobody is said to
// have said ("the so-called "reform"", a show title, a nickname) is a scare quote or a name,
// not an attributed utterance; longer unattributed quotations are kept for review.
import type { QuoteAttribution } from './attribute.ts';
import type { QuoteSpan } from './quotes.ts';

const MAX_FRAGMENT_WORDS = 4;

export function isStatementWorthy(text: string, q: QuoteSpan, att: QuoteAttribution | null): boolean {
  const words = text.slice(q.start, q.end).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (att?.via === 'subject') return !isTitleCase(words);
  if (att) return true;
  if (words.length <= MAX_FRAGMENT_WORDS) return false;
  return !isTitleCase(words);
}

/** "Guardians of the Galaxy", "Contract with America": every longer word capitalized. */
function isTitleCase(words: string[]): boolean {
  const significant = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 3);
  return significant.length > 0 && significant.every((w) => /^[^\p{L}]*\p{Lu}/u.test(w)) && words.length <= 10;
}
