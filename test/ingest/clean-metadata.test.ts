import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeBodyText, titleFromText } from '../../src/articles/articles.ts';
import { buildSubmission } from '../../src/ingest/build-submission.ts';
import { cleanByline, cleanCanonicalUrl, cleanMetadataText, cleanPublished } from '../../src/ingest/clean-metadata.ts';
import { readHere } from '../factories.ts';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('metadata taken from an HTML page', () => {
  it('loses controls and lone surrogates, and runs of whitespace become one space', () => {
    assert.equal(cleanMetadataText(' Daily\u0000 News\u0007\n\tToday \ud800 ', 200), 'Daily News Today \ufffd');
    assert.equal(cleanMetadataText('\u0000 \u0001', 200), null);
    assert.equal(cleanMetadataText(null, 200), null);
  });

  it('is cut at a word boundary with … to fit, counting code points', () => {
    assert.equal(cleanMetadataText('one two three four', 12), 'one two…');
    assert.equal(cleanMetadataText('one two', 7), 'one two');
    // No space near the limit: cut mid-word rather than lose most of the value.
    assert.equal(cleanMetadataText('x'.repeat(300), 200), `${'x'.repeat(199)}…`);
    // Emoji are one character each for the database, two UTF-16 units for JavaScript.
    const emoji = cleanMetadataText('😀'.repeat(300), 200)!;
    assert.equal([...emoji].length, 200);
    assert.doesNotMatch(emoji, /[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('reads a byline as a name line: no "By", never a timestamp or the outlet standing in as author', () => {
    assert.equal(cleanByline('By  Ona Vell and Tam Ruis', 'Valley Post', 200), 'Ona Vell and Tam Ruis');
    assert.equal(cleanByline('Byron Kast', null, 200), 'Byron Kast');
    assert.equal(cleanByline('March 3, 2024 at 7:15 am Updated March 4, 2024 at 9:02 pm', 'Valley Post', 200), null);
    assert.equal(cleanByline('2024-03-03T07:15:00Z', null, 200), null);
    assert.equal(cleanByline('VALLEY POST', 'Valley Post', 200), null);
    assert.equal(cleanByline('  ', null, 200), null);
  });

  it('keeps a published time only from 1800 to the end of next year', () => {
    assert.equal(cleanPublished('2021-07-20T08:20:00Z', NOW)?.toISOString(), '2021-07-20T08:20:00.000Z');
    assert.equal(cleanPublished('2027-12-31T23:59:59Z', NOW)?.getUTCFullYear(), 2027);
    for (const bad of ['10000-01-01', '0000-01-01', '1799-12-31T00:00:00Z', '2028-01-01T00:00:00Z', 'yesterday', '']) {
      assert.equal(cleanPublished(bad, NOW), null, bad);
    }
  });

  it('keeps a canonical link only if it is http(s) and fits once canonical', () => {
    assert.equal(cleanCanonicalUrl('https://example.com/a'), 'https://example.com/a');
    assert.equal(cleanCanonicalUrl('http://'), null);
    assert.equal(cleanCanonicalUrl('/relative/path'), null);
    assert.equal(cleanCanonicalUrl('javascript:alert(1)'), null);
    assert.equal(cleanCanonicalUrl(`https://example.com/${'a'.repeat(2100)}`), null);
  });

  it('does not fail an ingest for a canonical link the URL parser refuses', async () => {
    const html = '<html><head><title>T</title><link rel="canonical" href="http://"></head><body><p>Body text of the page.</p></body></html>';
    const { submission: s } = await buildSubmission({ fields: {}, body: { text: html, format: 'html', field: 'html' } }, readHere);
    assert.equal(s.url, null);
    assert.equal(s.canonicalUrl, null);
  });
});

describe('body text and the title made from it', () => {
  it('strips control characters but keeps tabs and line ends (a form feed is one)', () => {
    assert.equal(normalizeBodyText('a\u0000b\tc\r\nd\u000ce\u001bf\u007f'), 'ab\tc\nd\nef');
  });

  it('cuts a long first line by code points, never inside a surrogate pair', () => {
    const title = titleFromText(`${'a'.repeat(198)}😀😀 and more words after the cut`);
    assert.equal(title, `${'a'.repeat(198)}😀…`);
  });
});
