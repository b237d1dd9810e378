import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
// citation-js ships no type definitions: its API is typed here where it is used.
// @ts-expect-error no types
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the fields we fill. */
export interface CslItem {
  id: string;
  /** The key a BibTeX entry is cited by (CSL 1.0.2 `citation-key`); citation-js' BibTeX output uses it as the entry's label. */
  'citation-key'?: string;
  type: 'article-newspaper';
  title: string;
  'container-title'?: string;
  publisher?: string;
  author?: { literal: string }[];
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL?: string;
  /** The database the record comes from (CSL `source`: "a library catalog or database"; RIS `DB`). */
  source?: string;
  note?: string;
}

/** The style used when none is asked for: APA 7th edition (citation-js' `apa` template). */
export const DEFAULT_STYLE = 'apa';

/** The styles citation-js' CSL plugin ships (plugin-csl 0.7: apa, vancouver, harvard1). */
function registeredStyles(): string[] {
  return Object.keys(plugins.config.get('@csl').templates.data as Record<string, string>);
}

/**
 * Registers every `*.csl` file of `dir` (CSL_STYLES_DIR) as a citation style named after the
 * file (chicago-author-date.csl → `chicago-author-date`), so styles from the official CSL
 * repository work without code changes. A missing folder throws (the start-up names it).
 * Returns the names of every style that can be asked for, the built-in ones included.
 */
export function loadCitationStyles(dir: string | undefined): string[] {
  if (dir) {
    const templates = plugins.config.get('@csl').templates;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.csl'))) {
      templates.add(path.basename(file, '.csl'), readFileSync(path.join(dir, file), 'utf8'));
    }
  }
  return registeredStyles().sort();
}

/**
 * The bibliography entry of `item` in CSL style `style` as plain text (one line, no trailing
 * newline), built by citation-js from the CSL-JSON item: never by joining strings.
 * `style` must be one of loadCitationStyles' names (the caller checks: an unknown one throws).
 */
export function formatCitation(item: CslItem, style: string): string {
  const text: string = new Cite(item).format('bibliography', { format: 'text', template: style, lang: 'en-US' });
  return text.replace(/\s+$/, '').replace(/^1\.\s+/, '');
}

/** A Date as CSL date parts [[year, month, day]] (UTC). */
export function dateParts(d: Date): { 'date-parts': number[][] } {
  return { 'date-parts': [[d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]] };
}

/**
 * The human title of each style in `names` (the CSL file's `<info><title>`, e.g. "American
 * Psychological Association 7th edition" for `apa`), for pickers; the name when the file has
 * none. Shape: [{ name, title }], in the order of `names`. Read with jsdom's XML parser.
 */
export function citationStyleTitles(names: string[]): { name: string; title: string }[] {
  const templates = plugins.config.get('@csl').templates;
  return names.map((name) => {
    const xml = templates.get(name) as string | undefined;
    const title = xml ? new JSDOM(xml, { contentType: 'text/xml' }).window.document.querySelector('info > title')?.textContent?.trim() : undefined;
    return { name, title: title || name };
  });
}
