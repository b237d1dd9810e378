// citation-js ships no type definitions.
// @ts-expect-error no types
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { CslItem } from './citation.ts';
import { flatText, itemPerStatementFormat, mapItemText } from './statement-item.ts';

const bibtexConfig = plugins.config.get('@bibtex') as {
  format: { asciiOnly: boolean };
  constants: { commands: Record<string, string | null> };
};

/** The characters LaTeX gives a meaning in text, written as the text commands citation-js' own table has for them (`\textbraceleft{}` …). */
const SPECIAL = '\\{}$^_~<>';
const AS_COMMAND = new Map<string, string>();
for (const [name, char] of Object.entries(bibtexConfig.constants.commands)) {
  if (name.startsWith('text') && char && char.length === 1 && SPECIAL.includes(char)) AS_COMMAND.set(char, `\\${name}{}`);
}
if (AS_COMMAND.size !== 9) throw new Error('@citation-js/plugin-bibtex lacks a text command for one of \\ { } $ ^ _ ~ < >');

/**
 * `text` safe inside a BibTeX field, every other character (any script, emoji) left as it is
 * (the file is UTF-8): `\ { } $ ^ _ ~ < >` as text commands (a brace can no longer end the
 * field; `<i>` is no longer read as citation-js markup), `% & #` escaped with a backslash, and
 * TeX's ligatures (`--`, `---`, two backquotes, two apostrophes, `!``, `?``, `,,`) broken with
 * `{}` so they stay the characters they were. citation-js' reader turns all of these back.
 */
export function latexText(text: string): string {
  return text
    .replace(/[\\{}$^_~<>]/g, (c) => AS_COMMAND.get(c)!)
    .replace(/[%&#]/g, (c) => `\\${c}`)
    .replace(/-(?=-)|`(?=`)|'(?=')|[!?](?=`)|,(?=,)/g, '$&{}');
}

/**
 * The BibTeX entry of `item` (@article, labelled by its `citation-key`), written by citation-js'
 * plugin-bibtex. Its default (`asciiOnly: true`) escapes LaTeX's special characters but drops
 * every character it has no LaTeX command for (Hebrew, Arabic, Chinese, emoji): a quote would
 * lose its words. With `asciiOnly: false` it keeps them, and escapes nothing, so the texts are
 * made safe first (latexText) and flattened (flatText). The setting is the plugin's
 * documented global configuration: set for this synchronous call only, then put back.
 */
function bibtexEntry(item: CslItem): string {
  const prepared = mapItemText(item, (text) => latexText(flatText(text)));
  const asciiOnly = bibtexConfig.format.asciiOnly;
  bibtexConfig.format.asciiOnly = false;
  try {
    return new Cite(prepared).format('bibtex') as string;
  } finally {
    bibtexConfig.format.asciiOnly = asciiOnly;
  }
}

/**
 * BibTeX: one @article entry per statement (statementCslItem; key `verbatim<statement id>`),
 * UTF-8 (biber, bibtexu and BibTeX with a UTF-8 input encoding read it). Empty selection: an empty file.
 */
export const bibtexFormat = itemPerStatementFormat('bib', 'application/x-bibtex; charset=utf-8', bibtexEntry);
