// citation-js ships no type definitions.
// @ts-expect-error no types
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import type { CslItem } from './citation.ts';
import { flatText, itemPerStatementFormat, mapItemText } from './statement-item.ts';

type RisRecord = Record<string, string | string[]>;

/**
 * The RIS record of `item` (type NEWS), every tag and value made by citation-js'
 * plugin-ris from the CSL-JSON item (its `object` output: tag → value or values):
 * - the record of the item as article-newspaper (TY NEWS, TI, T2, PB, PY, UR, Y2, N1, DB, ID);
 * - plus AU (the authors; the RIS specification calls a NEWS record's authors "Reporter") and
 *   DA (the full date, YYYY/MM/DD/, padded by paddedRisDate), which plugin-ris' NEWS mapping leaves out (it maps NEWS'
 *   AU to CSL `reporter`, a string the CSL output then drops, and writes the year only, PY):
 *   both taken from its record of the same item typed as a magazine article, whose mapping
 *   writes them from `author` and `issued`.
 * Texts are flattened first (flatText): a line end in a value would end the field, or start
 * a forged tag such as `ER  - `.
 */
function risRecord(item: CslItem): RisRecord {
  const flat = mapItemText(item, flatText);
  const [news, magazine] = new Cite([flat, { ...flat, id: `${flat.id}-as-magazine`, type: 'article-magazine' }])
    .format('ris', { format: 'object' }) as RisRecord[];
  const record = { ...news! };
  for (const tag of ['AU', 'DA']) if (magazine![tag] !== undefined) record[tag] = magazine![tag]!;
  if (typeof record.DA === 'string') record.DA = paddedRisDate(record.DA);
  return record;
}

/**
 * `2024/3/1/` -> `2024/03/01/`: the RIS specification writes DA as YYYY/MM/DD/other info,
 * with two-digit months and days (citation-js writes them unpadded). Other forms are kept.
 */
export function paddedRisDate(value: string): string {
  const m = /^(\d{4})\/(\d{1,2})?\/(\d{1,2})?\/(.*)$/.exec(value);
  if (!m) return value;
  const two = (part: string | undefined) => (part === undefined ? '' : part.padStart(2, '0'));
  return `${m[1]}/${two(m[2])}/${two(m[3])}/${m[4]}`;
}

/**
 * A RIS record as text: `TY  - NEWS` first, then the other tags in alphabetical order (as
 * citation-js writes them), one line per value (`AU  - …` for each author), `ER  - ` last and
 * a blank line; CRLF line ends (the RIS specification's). Written here and not by citation-js'
 * text output because that one cuts every value into 70-character lines, which its own reader
 * joins back with a space: a long title or URL comes back with a space inside,
 * and a value can put a forged tag at the start of a line.
 */
function risText(record: RisRecord): string {
  const tags = ['TY', ...Object.keys(record).filter((t) => t !== 'TY').sort()];
  const lines = tags.flatMap((tag) => ([] as string[]).concat(record[tag]!).map((value) => `${tag}  - ${value}`));
  return [...lines, 'ER  - ', '', ''].join('\r\n');
}

/**
 * RIS (Research Information Systems, the tagged format EndNote, Zotero, Mendeley and RefWorks
 * import): one NEWS record per statement (statementCslItem), UTF-8. Empty selection: an empty file.
 */
export const risFormat = itemPerStatementFormat('ris', 'application/x-research-info-systems; charset=utf-8', (item) => risText(risRecord(item)));
