// Offsets stored in Verbatim count Unicode code points (as Postgres and W3C selectors do);
// JavaScript strings index UTF-16 units. These helpers translate between the two.

function isPairAt(text: string, i: number): boolean {
  const hi = text.charCodeAt(i);
  if (hi < 0xd800 || hi > 0xdbff || i + 1 >= text.length) return false;
  const lo = text.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff;
}

/** Converts code-point offsets [start, end) into UTF-16 offsets. */
export function codeUnitRange(text: string, start: number, end: number): [number, number] {
  if (start < 0 || end < start) throw new RangeError(`bad code-point range ${start}..${end}`);
  let cp = 0;
  let unitStart = -1;
  for (let i = 0; ; ) {
    if (cp === start) unitStart = i;
    if (cp === end) return [unitStart, i];
    if (i >= text.length) break;
    i += isPairAt(text, i) ? 2 : 1;
    cp++;
  }
  throw new RangeError(`code-point range ${start}..${end} is outside the text`);
}

/** Slices `text` by code-point offsets. */
export function codePointSlice(text: string, start: number, end: number): string {
  const [from, to] = codeUnitRange(text, start, end);
  return text.slice(from, to);
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += isPairAt(text, i) ? 2 : 1) n++;
  return n;
}
