import { extract, type ExtractedStatement } from '../../src/extraction/index.ts';

export const quotesOf = (text: string): ExtractedStatement[] => extract(text).statements.filter((s) => s.kind === 'quote');
export const claimsOf = (text: string): ExtractedStatement[] => extract(text).statements.filter((s) => s.kind === 'claim');

/** Code-point slice, the unit extract() reports offsets in. */
export const cpSlice = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('');
