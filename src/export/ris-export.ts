// citation-js ships no type definitions.
// @ts-expect-error no types
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import type { CslItem } from './citation.ts';
import type { ExportEncoder, ExportFormat, ExportOptions } from './export-format.ts';
import { flatText, mapItemText, statementCslItem } from './statement-item.ts';

type RisRecord = Record<string, string | string[]>;

/**
 * The RIS record of `item` (type NEWS), every tag and value made by citation-js'
 * plugin-ris from the CSL-JSON item (its `object` output: tag → value or values):
 * - the record of the item as article-newspaper (TY NEWS, TI, T2, PB, PY, UR, Y2, N1, DB, ID);
 * - plus AU (authors) and DA (the full date, YYYY/M/D/), which plugin-ris' NEWS mapping leaves
 *   out (it maps NEWS' AU to CSL `reporter` and writes only PY, the year): both taken from its
 *   record of the same item typed as a magazine article, where the RIS specification gives AU
 *   and DA the same meaning (author, date) and where Zotero and EndNote read them for NEWS too.
 * Texts are flattened first (flatText): a line end in a value would end the field, or start
 * a forged tag such as `ER  - `.
 */
function risRecord(item: CslItem): RisRecord {
  const flat = mapItemText(item, flatText);
  const [news, magazine] = new Cite([flat, { ...flat, id: `${flat.id}-as-magazine`, type: 'article-magazine' }])
    .format('ris', { format: 'object' }) as RisRecord[];
  const record = { ...news! };
  for (const tag of ['AU', 'DA']) if (magazine![tag] !== undefined) record[tag] = magazine![tag]!;
  return record;
}

/**
 * A RIS record as text: `TY  - NEWS` first, then the other tags in alphabetical order (as
 * citation-js writes them), one line per value (`AU  - …` for each author), `ER  - ` last and
 * a blank line; CRLF line ends (the RIS specification's). Written here and not by citation-js'
 * text output because that one cuts every value into 70-character lines, which its own reader
 * (and others) join back with a space: a long title or URL comes back with a space inside,
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
export const risFormat: ExportFormat = {
  extension: 'ris',
  contentType: 'application/x-research-info-systems; charset=utf-8',
  hasComments: false,
  encoder(o: ExportOptions): ExportEncoder {
    return {
      head: () => '',
      row: (row) => risText(risRecord(statementCslItem(row, o.origin))),
      tail: () => '',
    };
  },
};
