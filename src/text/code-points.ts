// Offsets stored in Verbatim count Unicode code points (as Postgres substring() and W3C
// selectors do); JavaScript strings index UTF-16 units. Astral characters (emoji, rare CJK)
// take two units but one code point. These are the only translations between the two.

function isPairAt(text: string, i: number): boolean {
  const hi = text.charCodeAt(i);
  if (hi < 0xd800 || hi > 0xdbff || i + 1 >= text.length) return false;
  const lo = text.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff;
}

function hasAstral(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isPairAt(text, i)) return true;
  return false;
}

/** Maps UTF-16 indices of `text` to code-point indices. O(n) to build, O(1) per lookup. */
export function makeCodePointMapper(text: string): (utf16Index: number) => number {
  const clamp = (i: number) => Math.max(0, Math.min(i, text.length));
  // Fast path: pure BMP text (almost all news) needs no table.
  if (!hasAstral(text)) return clamp;
  const table = new Uint32Array(text.length + 1);
  let codePoints = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = codePoints;
    // The low surrogate belongs to the same code point as its high surrogate.
    if (isPairAt(text, i)) table[++i] = codePoints;
    codePoints++;
  }
  table[text.length] = codePoints;
  return (i) => table[clamp(i)]!;
}

/** The UTF-16 index of every code-point offset of `text`, plus one for the end. */
export function unitIndexOfCodePoints(text: string): number[] {
  const units: number[] = [];
  for (let i = 0; i < text.length; i += isPairAt(text, i) ? 2 : 1) units.push(i);
  units.push(text.length);
  return units;
}

/**
 * A slicer by code-point offsets [start, end) over one text: build it once, slice many
 * times (a stored article and all its statements).
 */
export function codePointSlicer(text: string): (start: number, end: number) => string {
  const units = unitIndexOfCodePoints(text);
  return (start, end) => {
    if (start < 0 || end < start || end >= units.length) throw new RangeError(`code-point range ${start}..${end} is outside the text`);
    return text.slice(units[start], units[end]);
  };
}

/** Length in code points, as Postgres' length() counts text (and the columns' checks). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
