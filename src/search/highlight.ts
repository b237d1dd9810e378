import Handlebars from 'handlebars';
import { MARK_END, MARK_START } from './search.queries.ts';

/**
 * ts_headline output is not HTML: it is the statement text with sentinel characters around
 * the matched words. Escape everything, then turn the sentinels into <mark>.
 */
export function headlineToHtml(headline: string): string {
  const esc = Handlebars.Utils.escapeExpression;
  let open = false;
  let html = '';
  for (const piece of headline.split(new RegExp(`([${MARK_START}${MARK_END}])`, 'u'))) {
    if (piece === MARK_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (piece === MARK_END) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += esc(piece);
    }
  }
  return open ? `${html}</mark>` : html;
}
