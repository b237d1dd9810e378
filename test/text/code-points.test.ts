import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codePointSlicer, makeCodePointMapper, unitIndexOfCodePoints } from '../../src/text/code-points.ts';

describe('code points and UTF-16', () => {
  const text = 'a😀b“c”𝄞d';

  it('maps UTF-16 indices to code points, counting a surrogate pair once', () => {
    const cp = makeCodePointMapper(text);
    assert.deepEqual([0, 1, 3, 4, 5, 6, 7, 9, 10].map(cp), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(cp(2), 1, 'the low surrogate belongs to its code point');
    assert.equal(makeCodePointMapper('plain')(3), 3);
  });

  it('maps code points back to UTF-16, and slices by code points', () => {
    assert.deepEqual(unitIndexOfCodePoints(text), [0, 1, 3, 4, 5, 6, 7, 9, 10]);
    const slice = codePointSlicer(text);
    assert.equal(slice(1, 3), '😀b');
    assert.equal(slice(6, 8), '𝄞d');
    assert.equal(slice(0, 8), text);
    assert.throws(() => slice(2, 9), RangeError);
  });

  it('treats a lone surrogate as one code point', () => {
    const lone = 'x\ud800y';
    assert.deepEqual(unitIndexOfCodePoints(lone), [0, 1, 2, 3]);
    assert.equal(makeCodePointMapper(lone)(2), 2);
  });
});
