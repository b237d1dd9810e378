import { bibtexFormat } from './bibtex-export.ts';
import { cslJsonFormat } from './csljson-export.ts';
import { csvFormat } from './csv-export.ts';
import type { ExportFormat } from './export-format.ts';
import { risFormat } from './ris-export.ts';

/** Every export format by the name `npm run export -- --format` takes; each is served at GET /api/export.<extension>. */
export const EXPORT_FORMATS = {
  csv: csvFormat,
  csljson: cslJsonFormat,
  ris: risFormat,
  bibtex: bibtexFormat,
} satisfies Record<string, ExportFormat>;

export type ExportFormatName = keyof typeof EXPORT_FORMATS;
