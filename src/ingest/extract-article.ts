// How the app reads an article it stores: the extractor's statements (which read '' as a
// quote mark, as archived NYT text prints them), fitted to the database columns.
import { extract, type ExtractionResult } from '../extraction/index.ts';
import { fitExtraction } from './fit-extraction.ts';

/** The statements of an article as the app stores them, every name and role fitting its column. */
export function extractArticle(bodyText: string): ExtractionResult {
  return fitExtraction(extract(bodyText));
}
