// How the app reads an article it stores. Archived NYT text (a corpus researchers import)
// prints every double quote as two apostrophes, so the app counts '' as a quote mark: web
// news never doubles apostrophes, and a researcher expects those passages as quotes. The
// extract/eval CLIs leave the option off by default, as the annotated corpora count them.
import { extract, type ExtractionResult } from '../extraction/index.ts';
import { fitExtraction } from './fit-extraction.ts';

/** The statements of an article as the app stores them, every name and role fitting its column. */
export function extractArticle(bodyText: string): ExtractionResult {
  return fitExtraction(extract(bodyText, { doubledApostropheQuotes: true }));
}
