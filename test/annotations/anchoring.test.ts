import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorSelector, codePointsOf, selectorAt, verifySelector } from '../../src/annotations/anchoring.ts';
import { renderNote } from '../../src/annotations/markdown.ts';

const BODY = codePointsOf('🙂 One said "yes". 𝒜 Two said "yes". Three said "no".');
const at = (words: string, nth = 0) => {
  const text = BODY.join('');
  let unit = -1;
  for (let i = 0; i <= nth; i++) unit = text.indexOf(words, unit + 1);
  const start = Array.from(text.slice(0, unit)).length;
  return selectorAt(BODY, start, start + Array.from(words).length);
};

describe('anchoring passages', () => {
  it('verifies a selector in code points, and completes a missing prefix and suffix', () => {
    const s = at('Two said');
    assert.equal(s.start, 20, 'the emoji and the math letter each count once');
    assert.deepEqual(verifySelector(BODY, s), { selector: s });
    assert.deepEqual(verifySelector(BODY, { exact: s.exact, start: s.start, end: s.end }), { selector: s });
    assert.deepEqual(verifySelector(BODY, { ...s, prefix: '𝒜 ' }), { selector: { ...s, prefix: '𝒜 ' } }, 'a shorter prefix that matches');
  });

  it('names the field that does not match', () => {
    const s = at('Two said');
    const fields = (x: Parameters<typeof verifySelector>[1]) => ('issues' in verifySelector(BODY, x) ? (verifySelector(BODY, x) as { issues: { field: string }[] }).issues.map((i) => i.field) : []);
    assert.deepEqual(fields({ ...s, exact: 'Two sang' }), ['selector.exact']);
    assert.deepEqual(fields({ ...s, prefix: 'xx' }), ['selector.prefix']);
    assert.deepEqual(fields({ ...s, suffix: 'xx' }), ['selector.suffix']);
    assert.deepEqual(fields({ ...s, prefix: 'y'.repeat(33) }), ['selector.prefix']);
    assert.deepEqual(fields({ ...s, start: BODY.length, end: BODY.length + 3 }), ['selector.end']);
    assert.deepEqual(fields({ ...at('🙂 One'), prefix: 'x' }), ['selector.prefix'], 'nothing comes before the start');
  });

  it('keeps a passage whose position holds its quote, re-anchors a moved one by its quote and context, orphans a vanished one', () => {
    const second = at('said "yes"', 1);
    assert.deepEqual(anchorSelector(BODY, second), { state: 'anchored', start: second.start, end: second.end });
    // The position is stale (as if text moved): the context picks the second "said "yes"", not the nearest one.
    assert.deepEqual(anchorSelector(BODY, { ...second, start: 2, end: 12 }), { state: 'reanchored', start: second.start, end: second.end });
    // Without matching context, the occurrence nearest the old position wins.
    const first = at('said "yes"', 0);
    assert.deepEqual(anchorSelector(BODY, { ...second, prefix: 'zz', suffix: 'zz', start: 3, end: 13 }), { state: 'reanchored', start: first.start, end: first.end });
    assert.deepEqual(anchorSelector(BODY, { ...second, exact: 'said "maybe"' }), { state: 'orphaned' });
    assert.deepEqual(anchorSelector(BODY, { ...second, start: 500, end: 510 }), { state: 'reanchored', start: second.start, end: second.end });
  });
});

describe('note Markdown', () => {
  it('renders Markdown with raw HTML as text and only http, https and mailto links', () => {
    assert.equal(renderNote('**b** <script>x</script>'), '<p><strong>b</strong> &lt;script&gt;x&lt;/script&gt;</p>\n');
    for (const bad of ['[x](javascript:alert(1))', '[x](JAVASCRIPT:alert(1))', '[x](data:text/html,hi)', '[x](vbscript:x)', '[x](/relative)']) {
      assert.doesNotMatch(renderNote(bad), /<a |<img/, bad);
    }
    assert.doesNotMatch(renderNote('![i](https://example.org/i.png)'), /<img/, 'no images: a note loads nothing from elsewhere');
    assert.equal(renderNote('see https://example.org'), '<p>see <a href="https://example.org" rel="nofollow noopener noreferrer ugc">https://example.org</a></p>\n');
    assert.match(renderNote('[m](mailto:a@example.org)'), /<a href="mailto:a@example.org"/);
  });
});
