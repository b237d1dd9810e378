// The extractor works on JS (UTF-16) indices internally; callers get Unicode code-point
// indices, which is what Postgres substring() and W3C selectors count. Astral characters
// (emoji, rare CJK) take two UTF-16 units but one code point, so the two differ after one.

/** Maps UTF-16 indices of `text` to code-point indices. O(n) to build, O(1) per lookup. */
export function makeCodePointMapper(text: string): (utf16Index: number) => number {
  let hasAstral = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      hasAstral = true;
      break;
    }
  }
  // Fast path: pure BMP text (almost all news) needs no table.
  if (!hasAstral) return (i) => Math.max(0, Math.min(i, text.length));

  const table = new Uint32Array(text.length + 1);
  let codePoints = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = codePoints;
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    const isPair = unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    if (isPair) {
      // The low surrogate belongs to the same code point as its high surrogate.
      table[i + 1] = codePoints;
      i++;
    }
    codePoints++;
  }
  table[text.length] = codePoints;
  return (i) => table[Math.max(0, Math.min(i, text.length))] ?? codePoints;
}
