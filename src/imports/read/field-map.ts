import { articleFieldsSchema } from '../../articles/articles.ts';
import { InputError } from '../../http/errors.ts';

/** Our field name -> the CSV column (or JSON key) holding it. */
export type FieldMap = Record<string, string>;

/** The names an input may give: the API's article fields, and the body as text or html. */
export const INPUT_FIELDS: readonly string[] = [...articleFieldsSchema.keyof().options, 'text', 'html'];

/**
 * Parses `--map title=headline,text=body` into `{title: 'headline', text: 'body'}`. Column
 * names are trimmed and may hold anything but ',' and '='. Throws InputError naming 'map' for
 * bad syntax, an unknown field name (the message lists the known ones), a field given twice,
 * or two fields read from one column.
 */
export function parseFieldMap(spec: string): FieldMap {
  const map: FieldMap = {};
  const issue = (message: string): never => {
    throw new InputError([{ field: 'map', message }], 400);
  };
  if (spec.trim() === '') issue('give field=column pairs, like title=headline,text=body');
  for (const pair of spec.split(',')) {
    const parts = pair.split('=');
    const field = parts[0]!.trim();
    const column = parts[1]?.trim() ?? '';
    if (parts.length !== 2 || field === '' || column === '') issue(`"${pair.trim()}" is not field=column (like title=headline)`);
    if (!INPUT_FIELDS.includes(field)) issue(`"${field}" is not a field; the fields are ${INPUT_FIELDS.join(', ')}`);
    if (Object.hasOwn(map, field)) issue(`"${field}" is mapped twice`);
    if (Object.values(map).includes(column)) issue(`the column "${column}" is mapped to two fields`);
    map[field] = column;
  }
  return map;
}

/** Where a field is read from: its mapped column, else its own name. */
export function sourceOf(map: FieldMap | undefined, field: string): string {
  return map?.[field] ?? field;
}
