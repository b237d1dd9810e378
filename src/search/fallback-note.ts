import { FALLBACK_TIMEOUT_MS, type SimilarResult } from './similar.queries.ts';

// What the near-verbatim search did when its fast prefilter gave nothing and it compared the
// quote through the trigram index instead (similar.queries.ts): one sentence for why, one for
// how the comparison ended. Shown above the results and returned by the API as fallbackNote.

const WHY = {
  'no-known-words': 'None of the quote\'s words is in a stored statement (or all are words search ignores, like "the")',
  'no-close-candidate': 'No statement sharing the quote\'s rarest words is close to it',
} as const;

/** The note for a search's fallback (null when the prefilter answered: no note). */
export function fallbackNote(fallback: SimilarResult['fallback']): string | null {
  if (!fallback) return null;
  const why = WHY[fallback.reason];
  if (fallback.timedOut) {
    return `${why}. Comparing it with every statement that shares letter sequences (trigrams) with it took longer than ${FALLBACK_TIMEOUT_MS / 1000} seconds and was stopped, so no results are shown: paste a longer passage, with its most distinctive words.`;
  }
  return `${why}, so it was compared with every statement that shares letter sequences (trigrams) with it.`;
}
