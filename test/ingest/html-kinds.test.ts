// One test per kind of HTML fault of issue #12 point 5, on invented pages (the names, places
// and words are made up). The real cases run in html-field-cases.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LINE_BREAK_IN_PARAGRAPH } from '../../src/ingest/block-text.ts';
import { htmlToText } from '../../src/ingest/html-to-text.ts';
import { splitParagraphs } from '../../src/extraction/paragraphs.ts';

const FILLER = [
  '<p>The valley council met for six hours on Thursday to settle the future of the old tram depot, which has stood empty since the line closed.</p>',
  '<p>Residents of the three streets around the depot filled the public gallery, and several of them were turned away at the door for lack of room.</p>',
  '<p>A final vote on the budget for the conversion is expected before the summer recess, once the engineers have reported on the state of the roof.</p>',
].join('\n');
const page = (middle: string, { before = '', after = '' } = {}) =>
  `<!doctype html><html><head><title>Depot plan</title></head><body>${before}<article><h1>Depot plan</h1>${FILLER}\n${middle}\n${FILLER}</article>${after}</body></html>`;
const read = (html: string) => htmlToText(html, { maxDepth: 100 }).text;
const paragraphsOf = (text: string) => splitParagraphs(text).map((p) => text.slice(p.start, p.end));

describe('HTML to text, by kind of fault', () => {
  it('<q>: its text gets quote marks, single ones when nested, none added when it has its own', () => {
    const text = read(page('<p>Councillor Mira Tal disagreed. <q>The depot is <q>ours</q>, not the bank’s</q>, she said.</p><p>Her aide wrote <q>“no comment”</q> on the form.</p>'));
    assert.ok(text.includes('Councillor Mira Tal disagreed. “The depot is ‘ours’, not the bank’s”, she said.'));
    assert.ok(text.includes('Her aide wrote “no comment” on the form.'));
  });

  it('<br>: a line break inside its paragraph, never a new paragraph; <br><br> separates paragraphs', () => {
    const text = read(page('<p>“We will keep the roof,<br>\n and the clock,” said Ode Barr.<br></p><p>First line<br><br>Second block</p>'));
    const paragraphs = paragraphsOf(text);
    assert.ok(paragraphs.includes(`“We will keep the roof,${LINE_BREAK_IN_PARAGRAPH}and the clock,” said Ode Barr.`));
    assert.ok(paragraphs.includes('First line'));
    assert.ok(paragraphs.includes('Second block'));
  });

  it('<blockquote>: a <footer>, <cite> or <figcaption> attribution stays, after the quote, which gets marks', () => {
    const text = read(page([
      '<blockquote><p>We will rebuild the depot.</p><p>It will open in spring.</p><footer>— Ode Barr, depot trust</footer></blockquote>',
      '<blockquote><p>The roof is sound.</p><cite>Inga Mol, engineer</cite></blockquote>',
      '<figure><blockquote>“Trams may return.”</blockquote><figcaption>Sven Aho, mayor</figcaption></figure>',
      '<blockquote><p>An excerpt of the council minutes, without a source named.</p></blockquote>',
    ].join('')));
    const paragraphs = paragraphsOf(text);
    assert.ok(paragraphs.includes('“We will rebuild the depot.'));
    assert.ok(paragraphs.includes('“It will open in spring.” — Ode Barr, depot trust'));
    assert.ok(paragraphs.includes('“The roof is sound.” — Inga Mol, engineer'));
    assert.ok(paragraphs.includes('“Trams may return.” — Sven Aho, mayor'));
    assert.ok(paragraphs.includes('An excerpt of the council minutes, without a source named.'));
  });

  it('a body inside <aside> (or any container Readability drops) is found when Readability returns a teaser', () => {
    const html = `<!doctype html><html><head><title>Depot sold</title></head><body><div id="wrap">
      <header><a href="/">Front</a> <a href="/city">City</a></header>
      <div class="col"><article class="teaser"><a href="/x">Another story entirely</a></article>
      <aside class="story"><aside class="tools"><ul><li><a href="#">Print</a></li></ul></aside>
      <div class="body"><p>Valleytown (vt) - The old tram depot was sold on Friday to a housing cooperative for a sum the council did not disclose. “This is a good day for the valley,” said Ode Barr of the depot trust.</p>
      <p>The cooperative plans forty flats and a market hall on the site, with work to begin next year if the permits arrive in time.</p></div>
      </div><footer>Contact us</footer></div></body></html>`;
    const paragraphs = paragraphsOf(read(html));
    assert.equal(paragraphs.length, 2);
    assert.match(paragraphs[0]!, /^Valleytown \(vt\) - The old tram depot was sold/);
    assert.match(paragraphs[1]!, /^The cooperative plans forty flats/);
  });

  it('captions and credits outside <figcaption> are dropped: media labels, caption lists, caption classes', () => {
    const text = read(page([
      '<figure><img src="a.jpg" alt=""></figure><ul><li><p>Ode Barr at the depot gate</p></li></ul>',
      '<img src="c.jpg" alt="The depot yard in snow"><p>The depot yard in snow, last winter</p>',
      '<img src="d.jpg" alt=""><p>He said the council would decide in June</p>',
      '<p>Photo: Inga Mol / Valley Post</p>',
      '<p>Image</p><p>Image copyright Valley Agency</p>',
      '<div class="photo-caption">The depot clock, stopped since 1987</div>',
      '<img src="b.jpg" alt=""><p><strong>What happens next</strong></p>',
      '<p>Photographers were kept outside the hall during the vote, which ended late in the evening.</p>',
    ].join('')));
    for (const caption of ['at the depot gate', 'yard in snow', 'Photo: Inga Mol', 'Image', 'depot clock']) assert.ok(!text.includes(caption), caption);
    const paragraphs = paragraphsOf(text);
    assert.ok(paragraphs.includes('What happens next'), 'a subheading after a picture is kept');
    assert.ok(paragraphs.includes('He said the council would decide in June'), 'a paragraph without a full stop is kept');
    assert.ok(paragraphs.includes('Photographers were kept outside the hall during the vote, which ended late in the evening.'));
  });

  it('a paragraph that is a link and little else (related stories) is dropped; a link inside prose is kept', () => {
    const text = read(page('<p><a href="/y">Five things to know about the depot</a></p><p>Read more: <a href="/z">The tram line that time forgot</a></p><p>The trust published <a href="/r">its report</a> on the roof in May, a week before the vote.</p>'));
    assert.ok(!text.includes('Five things'));
    assert.ok(!text.includes('time forgot'));
    assert.ok(text.includes('The trust published its report on the roof in May, a week before the vote.'));
  });
});
