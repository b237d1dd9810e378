import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type QuotePart, splitQuoteLinks } from '../../src/statements/split-quotes.ts';

// "Closing the estuary," said Ann Lee, "will change the salt balance."
//  0                    21   26      34  38
const part = (id: number, start: number, end: number, over: Partial<QuotePart> = {}): QuotePart => ({
  id, start, end, paragraphIndex: 0, cueStart: 22, mentionStart: 27, mentionEnd: 34, continues: false, continued: false, ...over,
});

describe('splitQuoteLinks', () => {
  it('links the second part to the first when mention and cue lie between them', () => {
    assert.deepEqual(splitQuoteLinks([part(2, 37, 67), part(1, 0, 21)]), [{ id: 2, continuesId: 1 }]);
  });

  it('links nothing across paragraphs, other mentions, a mention outside the gap or a cue before the first part', () => {
    assert.deepEqual(splitQuoteLinks([part(1, 0, 21), part(2, 37, 67, { paragraphIndex: 1 })]), []);
    assert.deepEqual(splitQuoteLinks([part(1, 0, 21), part(2, 37, 67, { mentionStart: 80, mentionEnd: 85 })]), []);
    assert.deepEqual(splitQuoteLinks([part(1, 0, 21, { mentionStart: 40, mentionEnd: 45 }), part(2, 37, 67, { mentionStart: 40, mentionEnd: 45 })]), []);
    assert.deepEqual(splitQuoteLinks([part(1, 0, 21, { cueStart: null }), part(2, 37, 67, { cueStart: null })]), [{ id: 2, continuesId: 1 }]);
    assert.deepEqual(splitQuoteLinks([part(1, 5, 21, { cueStart: 2 }), part(2, 37, 67)]), []);
    assert.deepEqual(splitQuoteLinks([part(1, 0, 21, { mentionStart: null, mentionEnd: null }), part(2, 37, 67, { mentionStart: null, mentionEnd: null })]), []);
  });

  it('only pairs neighbours in text order: a quote between two parts keeps them apart', () => {
    const between = part(3, 24, 26, { mentionStart: 90, mentionEnd: 95, cueStart: null });
    assert.deepEqual(splitQuoteLinks([part(1, 0, 21), between, part(2, 37, 67)]), []);
  });

  it('keeps links already set: no second link to a continued part, none for a part that continues another', () => {
    assert.deepEqual(splitQuoteLinks([part(1, 0, 21, { continued: true }), part(2, 37, 67)]), []);
    assert.deepEqual(splitQuoteLinks([part(1, 0, 21), part(2, 37, 67, { continues: true })]), []);
  });

  it('links a third part only when the shared mention lies between it and the second', () => {
    const three = [part(1, 0, 21), part(2, 37, 50, { cueStart: null }), part(3, 60, 70)];
    // The mention (27-34) lies between parts 1 and 2, not between parts 2 and 3.
    assert.deepEqual(splitQuoteLinks(three), [{ id: 2, continuesId: 1 }]);
  });
});
