// Wrong-speaker kinds (helper "spk"): a cue read in the wrong clause or a word read as the
// wrong part of speech gave a quotation to the wrong mention. One test per kind of fault;
// all text is invented.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpSlice, quotesOf } from './helpers.ts';

const quote = (text: string, words: string) => {
  const q = quotesOf(text).find((s) => s.text.includes(words));
  assert.ok(q, `a quote holding "${words}"`);
  return q!;
};
const mentionText = (text: string, words: string) => {
  const m = quote(text, words).speaker?.mention;
  return m ? cpSlice(text, m.start, m.end) : null;
};

test('"As X put it in a memo, ..." credits X with a quotation later in the sentence', () => {
  const text = 'Critics call the ferry slow. As Ms. Orla Brandt put it in a memo to her staff in May, the ferry is "a floating waiting room for the whole town."';
  const q = quote(text, 'floating waiting room');
  assert.equal(q.speaker?.name, 'Orla Brandt');
  assert.match(q.evidence, /^cue:before/);
});

test('a cardinal or plural quantifier before a speech verb is its subject ("the two write")', () => {
  const text = 'Two wardens sent the council a letter. "We cannot keep the gates open," the two write. "The fence is broken."';
  const q = quote(text, 'keep the gates open');
  assert.equal(mentionText(text, 'keep the gates open'), 'the two');
  assert.match(q.evidence, /^cue:after/);
  assert.equal(mentionText(text, 'fence is broken'), 'the two');
});

test('a capitalised word ending in -ly is a surname, not an adverb to step over', () => {
  // The quotation has a cue of its own ("called"): a borrowed cue never reaches a two-word scare quote (worthiness.ts).
  const text = 'Mrs. Idris Fernly said the harbour was full. In 2012 she called "floating homes" the answer to the housing crisis of the town.';
  const q = quote(text, 'floating homes');
  assert.equal(q.speaker?.name, 'Idris Fernly');
});

test('an abbreviated state after a place name is part of the place, never the subject', () => {
  const text = 'Hours after the flood reached Marlow, Okla., a familiar voice cheered on the radio: "We are still standing and we will rebuild."';
  const q = quote(text, 'still standing');
  assert.equal(mentionText(text, 'still standing'), 'a familiar voice');
  assert.equal(q.evidence, 'colon');
});

test('"went on about <Q>" is a cue of saying for its subject', () => {
  const text = '"Are we there yet?" she asked, but her son was asleep, and as Tomas Ekk went on about "the forgotten coast," the bus rolled on.';
  const q = quote(text, 'forgotten coast');
  assert.equal(q.speaker?.name, 'Tomas Ekk');
  assert.match(q.evidence, /^cue:before/);
});

test('a cue inside a closed ", which ... ," clause does not report the main clause\'s quotation', () => {
  const text = 'Lena Moss spoke to reporters on Friday. She said that the new toll, which some have argued was meant to fund the bridge, was "a tax on commuters."';
  const q = quote(text, 'tax on commuters');
  assert.equal(q.speaker?.name, 'Lena Moss');
  assert.notEqual(mentionText(text, 'tax on commuters'), 'some');
});

test('", said the director, Name, on Monday." credits the nominal with its name in apposition', () => {
  const text = 'The agency searched the archive and found a few letters mentioning "routine matters," said the agency\'s director, Pia Holm, on Monday.';
  const q = quote(text, 'routine matters');
  assert.equal(mentionText(text, 'routine matters'), "the agency's director");
  assert.match(q.evidence, /^cue:inverted/);
});

test('after a word, "told X" names the hearer: the subject of the clause speaks', () => {
  const text = 'Rhea Kamau did not name her rivals, but told her supporters, "our valley deserves better roads."';
  const q = quote(text, 'valley deserves');
  assert.equal(q.speaker?.name, 'Rhea Kamau');
  assert.notEqual(mentionText(text, 'valley deserves'), 'her supporters');
});

test('an opening participle phrase may end at a quotation that holds its comma', () => {
  const text = 'Ada Pell wrote a memoir about the storm. After saying her left knee was "so stiff I could barely stand," she was "rushed off" to the clinic.';
  assert.equal(quote(text, 'so stiff').speaker?.name, 'Ada Pell');
  assert.equal(quote(text, 'rushed off').speaker?.name, 'Ada Pell');
  // A progressive ("She is noting the <Q> X had") opens no such phrase.
  const other = 'Ada Pell spoke first. She is noting the "kind of delays" Tom Rusk had with the ferry.';
  assert.equal(quote(other, 'kind of delays').speaker?.name, 'Ada Pell');
});

test('a bare plural opening the sentence after a common modifier is a group speaker', () => {
  const text = 'Rural pharmacists describe the paperwork as "a maze with no exit" for small shops.';
  const q = quote(text, 'maze with no exit');
  assert.equal(mentionText(text, 'maze with no exit'), 'Rural pharmacists');
  assert.match(q.evidence, /^cue:before/);
});

test('a pronominal determiner alone at the sentence end is the speaker ("tweeted another.")', () => {
  const text = 'Fans of the club reacted online. "Sell the stadium and start again," tweeted another.';
  const q = quote(text, 'Sell the stadium');
  assert.equal(mentionText(text, 'Sell the stadium'), 'another');
  assert.match(q.evidence, /^cue:inverted/);
});

test('a sentence-closing ", said X." attributes every quotation of its sentence', () => {
  const text = 'The board found no "conflict of interest," apart from the two trustees knowing each other "slightly" from school, said the board\'s chair, Ines Dahl, on Friday.';
  for (const words of ['conflict of interest', 'slightly']) {
    assert.equal(mentionText(text, words), "the board's chair", words);
    assert.match(quote(text, words).evidence, /^cue:inverted/);
  }
});
