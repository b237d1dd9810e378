import { createHash } from 'node:crypto';

/**
 * The words of a statement with case, punctuation, quote marks and spacing folded away, so
 * the same quote printed differently groups into one cluster.
 */
export function normalizeStatementText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function statementFingerprint(normalizedText: string): string {
  return createHash('md5').update(normalizedText, 'utf8').digest('hex');
}
