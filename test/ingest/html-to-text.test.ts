import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToText } from '../../src/ingest/html-to-text.ts';
import { decodeUpload, looksLikeHtml } from '../../src/ingest/decode-upload.ts';

const page = `<!doctype html><html><head>
<title>China slams allegations - 24 News</title>
<link rel="canonical" href="https://example.com/world/china-hack">
<meta property="article:published_time" content="2021-07-20T08:20:00Z">
<meta property="og:site_name" content="24 News HD">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="share-bar">Share on Facebook | Share on Twitter</div>
<article>
<h1>China slams 'groundless' allegations</h1>
<figure><img src="x.jpg" alt=""><figcaption>Caption: File photo.</figcaption></figure>
<p>Chinese authorities on Tuesday denied carrying out a massive hack of key Microsoft servers, describing US allies' allegations as "groundless" &amp; "irresponsible".</p>
<p>The United States and several allies have publicly accused China of hacking Microsoft Exchange, an email platform used by corporations around the world.</p>
<div class="app-promo">Stay tuned with 24 News HD Android App. Get it on Google Play</div>
<p>"Given the virtual nature of cyberspace, one must have clear evidence," the spokesman said, in a <b>long</b> statement.</p>
</article>
<footer>Copyright 2021</footer><script>document.write('evil')</script>
</body></html>`;

describe('htmlToText', () => {
  const cleaned = htmlToText(page, { maxDepth: 100 });

  it('keeps the article paragraphs, one blank line apart, with entities decoded', () => {
    const paragraphs = cleaned.text.split('\n\n');
    assert.ok(paragraphs.some((p) => p.startsWith('Chinese authorities on Tuesday denied')));
    assert.ok(cleaned.text.includes('"groundless" & "irresponsible"'));
    assert.ok(cleaned.text.includes('in a long statement.'));
    assert.equal(cleaned.text.split('\n\n').filter((p) => /^(Chinese|The United|"Given)/.test(p)).length, 3);
  });

  it('drops navigation, share bars, captions, promos, footers and scripts', () => {
    for (const chrome of ['Home', 'Share on', 'Caption: File photo', 'Google Play', 'Copyright', 'evil']) {
      assert.ok(!cleaned.text.includes(chrome), `"${chrome}" was dropped`);
    }
  });

  it('reads the metadata the page declares', () => {
    assert.equal(cleaned.outlet, '24 News HD');
    assert.equal(cleaned.publishedAt, '2021-07-20T08:20:00Z');
    assert.equal(cleaned.canonicalUrl, 'https://example.com/world/china-hack');
    assert.ok(cleaned.title?.includes('China slams'));
  });

  it('falls back to the whole body for a fragment Readability will not take', () => {
    assert.equal(htmlToText('<p>Short <i>note</i>.</p><p>Two.</p>', { maxDepth: 100 }).text, 'Short note.\n\nTwo.');
  });
});

describe('decodeUpload', () => {
  it('tells HTML from text by name, type or content', () => {
    assert.equal(looksLikeHtml('plain words', 'a.html'), true);
    assert.equal(looksLikeHtml('  <!DOCTYPE html><p>x'), true);
    assert.equal(looksLikeHtml('I <3 <b>'), false);
    assert.equal(decodeUpload('file', Buffer.from('hello')).format, 'text');
  });

  it('accepts UTF-8 with a BOM and astral characters', () => {
    assert.equal(decodeUpload('file', Buffer.from('\uFEFFcafé 😀', 'utf8')).text.replace(/^\uFEFF/, ''), 'café 😀');
  });

  it('names the field for empty, binary and non-UTF-8 files', () => {
    assert.throws(() => decodeUpload('file', Buffer.alloc(0)), /empty/);
    assert.throws(() => decodeUpload('file', Buffer.from([1, 2, 0, 4])), /binary/);
    assert.throws(() => decodeUpload('file', Buffer.from([0x61, 0xff, 0x62])), /UTF-8/);
  });
});
