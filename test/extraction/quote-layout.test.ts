// Quote marks that belong to the layout or name a work rather than report words (PolNeAR
// precision, helper "fp"): one test per kind of fault; each checks that the real quote beside
// it is kept with its speaker. All texts are invented.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quotesOf } from './helpers.ts';

test('a line that is one single-quoted quotation is a subheading, not a statement', () => {
  const text = [
    '"We will keep the ferry running through the winter," said Mayor Lena Ortiz.',
    "'Nobody Rides for Free.'",
    'The council meets again on Friday to settle the fares.',
  ].join('\n');
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['We will keep the ferry running through the winter,']);
  assert.equal(quotes[0]!.speaker?.name, 'Lena Ortiz');
  // Inside a sentence a single-quoted quotation still counts.
  const inline = quotesOf("Ortiz said the fares were 'far too high' for pensioners.");
  assert.deepEqual(inline.map((q) => q.text), ['far too high']);
  assert.equal(inline[0]!.speaker?.name, 'Ortiz');
});

test('a Title Case quotation after a noun naming a kind of work is a title, whatever the route', () => {
  const text = 'In his 2019 memoir, "Rivers Under the Town," Mr. Odell argued that the canals were "a gift we keep wasting."';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['a gift we keep wasting.']);
  assert.equal(quotes[0]!.speaker?.name, 'Odell');
  const outlet = quotesOf('"We are ready," Mayor Lena Ortiz told "Morning Harbour" on Sunday.');
  assert.deepEqual(outlet.map((q) => q.text), ['We are ready,']);
  assert.equal(outlet[0]!.speaker?.name, 'Lena Ortiz');
  const song = quotesOf('She closed the concert with the anthem "Keep the Lamps Burning," then said, "Thank you, Leeds."');
  assert.deepEqual(song.map((q) => q.text), ['Thank you, Leeds.']);
});

test('every block paragraph of a run that holds an excerpt is layout, not only the one with inner quotes', () => {
  const text = [
    'The Ledger described the evening this way:',
    '"The hall was half empty when the debate began, and the heating had failed again.',
    '"Holm tried to wave the question away by joking, \u201cOnly on Tuesdays.\u201d But the panel pressed on.',
  ].join('\n');
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['Only on Tuesdays.']);
  assert.equal(quotes[0]!.speaker?.name, 'Holm');
  // A run of block paragraphs with no inner quotation is one speaker's multi-paragraph quote.
  const speech = quotesOf(['Mayor Lena Ortiz said:', '"We start on Monday.', '"We finish by June."'].join('\n'));
  assert.deepEqual(speech.map((q) => q.text), ['We start on Monday.', 'We finish by June.']);
  assert.ok(speech.every((q) => q.speaker?.name === 'Lena Ortiz'));
});

test('a gloss of the term before it (a translation, a hashtag gloss) is not a statement', () => {
  const text = 'The mayor signed off with "Festina lente," Latin for "make haste slowly," and Ortiz said, "We will get there."';
  const quotes = quotesOf(text);
  assert.ok(!quotes.some((q) => q.text.startsWith('make haste')));
  const kept = quotes.find((q) => q.text === 'We will get there.');
  assert.equal(kept?.speaker?.name, 'Ortiz');
  const tag = quotesOf('The hashtag #PuertasAbiertas - "open doors" - spread overnight. "People want to help," said Lena Ortiz.');
  assert.deepEqual(tag.map((q) => q.text), ['People want to help,']);
  assert.equal(tag[0]!.speaker?.name, 'Lena Ortiz');
});

test('a quoted word between a given name and a surname is a nickname', () => {
  const text = 'Councillor Dora "Dot" Hale (Ward 4) told the crowd, "Build the bridge."';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['Build the bridge.']);
  // The name around the nickname is read by mentions.ts (not this rule): the surname at least.
  assert.match(quotes[0]!.speaker?.name ?? '', /Hale$/);
});

test('a markup attribute value broken over a line closes on the next line and opens no quotation', () => {
  const text = '<tweet author="@citydesk" datetime="January 2, 2030\n">Budget vote moved to Friday</tweet>\n"We need more time," said Mayor Lena Ortiz.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['We need more time,']);
  assert.equal(quotes[0]!.speaker?.name, 'Lena Ortiz');
});

test('a cue borrowed from the next sentence does not reach a one- or two-word scare quote inside another sentence', () => {
  const text = 'The only "savings" that the board found were small. "We will not gamble with pensions," Mayor Lena Ortiz said.';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.text), ['We will not gamble with pensions,']);
  assert.equal(quotes[0]!.speaker?.name, 'Lena Ortiz');
  // A whole sentence in marks still takes the neighbouring sentence's speaker.
  const whole = quotesOf('"Never again." Mayor Lena Ortiz said it twice.\n"We start on Monday," Ortiz said. "Okay, great!"');
  assert.ok(whole.some((q) => q.text === 'Okay, great!' && q.speaker?.name === 'Lena Ortiz'));
});
