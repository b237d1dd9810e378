// citation-js ships no type definitions.
// @ts-expect-error no types
import { Cite } from '@citation-js/core';
import type { ExportEncoder, ExportFormat, ExportOptions } from './export-format.ts';
import { statementCslItem } from './statement-item.ts';

/**
 * CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the format
 * Zotero, Mendeley and citeproc read: one JSON array, one item per statement
 * (statementCslItem, checked and written by citation-js' `data` output), one item a line.
 * Streamed as `[`, the items separated by commas, `]`: valid JSON at every row count, `[\n]`
 * when the selection is empty. Text is kept exactly, line breaks included.
 */
export const cslJsonFormat: ExportFormat = {
  extension: 'csljson',
  fileExtension: 'json',
  contentType: 'application/vnd.citationstyles.csl+json',
  spreadsheet: false,
  encoder(o: ExportOptions): ExportEncoder {
    let first = true;
    return {
      head: () => '[',
      rows: (rows) => rows.map((row) => {
        const [item] = new Cite(statementCslItem(row, o.origin)).format('data', { format: 'object' }) as object[];
        const separator = first ? '\n' : ',\n';
        first = false;
        return separator + JSON.stringify(item);
      }).join(''),
      tail: () => '\n]\n',
    };
  },
};
