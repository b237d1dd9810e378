// Paragraphs: news text puts each paragraph on its own line. (Sentences are cut later, in
// frame.ts, on the text outside quotations.)

export interface Paragraph {
  index: number;
  start: number;
  end: number;
}

/** Non-empty lines are paragraphs: news text puts each paragraph on its own line. */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10 /* \n */) {
      let s = lineStart;
      let e = i;
      while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
      while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
      if (e > s) paragraphs.push({ index: paragraphs.length, start: s, end: e });
      lineStart = i + 1;
    }
  }
  return paragraphs;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x200b || c === 0x3000;
}
