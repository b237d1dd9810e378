import { EXPORT_FORMATS } from './export-formats.ts';

/** Labels of the formats on the pages, by the CLI's format name. */
const LABELS: Record<string, string> = { csv: 'CSV', csljson: 'CSL-JSON', ris: 'RIS', bibtex: 'BibTeX' };

export interface ExportLinks {
  /** "CSV", "CSV for Excel", then each reference-manager format: label and href. */
  links: { label: string; href: string; title: string }[];
}

/**
 * The export links of a listing (views/partials/export-links.hbs): its parameters `params`
 * (a search's, or the review queue's with queue=review; no paging ones) as
 * GET /api/export.<extension> URLs, one per format, plus CSV with a byte order mark for Excel.
 */
export function exportLinks(params: Record<string, string>): ExportLinks {
  const href = (extension: string, extra: Record<string, string> = {}) => {
    const qs = new URLSearchParams({ ...params, ...extra }).toString();
    return `/api/export.${extension}${qs ? `?${qs}` : ''}`;
  };
  const links = Object.entries(EXPORT_FORMATS).flatMap(([name, f]) => {
    const main = { label: LABELS[name] ?? name, href: href(f.extension), title: `Every statement listed here, as ${LABELS[name] ?? name}` };
    return name === 'csv' ? [main, { label: 'CSV for Excel', href: href(f.extension, { bom: '1' }), title: 'CSV with a byte order mark, so Excel reads its UTF-8' }] : [main];
  });
  return { links };
}
