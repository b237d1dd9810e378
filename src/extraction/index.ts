import type { ExtractionResult } from './types.ts';

export * from './types.ts';

export const EXTRACTOR_VERSION = '0.0.0';

/** Finds quotes and reported claims in an article's body text. Pure: no I/O, no clock. */
export function extract(_text: string): ExtractionResult {
  return { extractorVersion: EXTRACTOR_VERSION, statements: [] };
}
