// How the app reads an article it stores: the extractor's statements (which read '' as a
// quote mark, as archived NYT text prints them), fitted to the database columns.
import { extract, type ExtractionResult } from '../extraction/index.ts';
import { fitExtraction } from './fit-extraction.ts';

/**
 * The statements of an article as the app stores them, every name and role fitting its column.
 * `language` (an ISO 639 code, as stored on the article) picks the cue lexicon; unset, the
 * extractor detects it from the text.
 */
export function extractArticle(bodyText: string, language?: string): ExtractionResult {
  return fitExtraction(extract(bodyText, { language }));
}
