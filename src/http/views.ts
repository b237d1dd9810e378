import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { engine } from 'express-handlebars';
import Handlebars from 'handlebars';
import { LINE_BREAK_IN_PARAGRAPH } from '../ingest/block-text.ts';

export const VIEWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../views');

const helpers = {
  eq: (a: unknown, b: unknown) => a === b,
  /** {{#if (or a b)}}: either is truthy (the last argument is Handlebars' options). */
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  /** {{#each (array "a" "b")}}: a literal list in a template (the last argument is Handlebars' options). */
  array: (...args: unknown[]) => args.slice(0, -1),
  urlEncode: (value: unknown) => encodeURIComponent(String(value ?? '')),
  /** Formats a Date or ISO string as 20 Jul 2021. */
  date(value: unknown) {
    if (!value) return '';
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) return '';
    return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  },
  isoDate(value: unknown) {
    if (!value) return '';
    const d = value instanceof Date ? value : new Date(String(value));
    return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
  },
  /** 12345 → 12,345 (en-GB grouping). */
  number: (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-GB') : ''),
  plural: (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`,
  /**
   * {{lineBreaks text}}: the text escaped, each line break inside a paragraph (U+2028, from a
   * page's <br>: block-text.ts) followed by a <br>, as browsers do not break lines at U+2028.
   * The character stays, so the page's text (and the code-point offsets scripts count in it)
   * is the stored text.
   */
  lineBreaks: (value: unknown) =>
    new Handlebars.SafeString(Handlebars.escapeExpression(String(value ?? '')).replaceAll(LINE_BREAK_IN_PARAGRAPH, `${LINE_BREAK_IN_PARAGRAPH}<br>`)),
  /** A stored value for people: out_of_context → out of context. */
  humanize: (value: unknown) => String(value ?? '').replace(/_/g, ' '),
};

export function useViews(app: Express): void {
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      layoutsDir: path.join(VIEWS_DIR, 'layouts'),
      partialsDir: path.join(VIEWS_DIR, 'partials'),
      helpers,
    }),
  );
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);
}
