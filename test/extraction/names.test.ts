// Names from the English language model, not capitalisation (issue #12 point 1). Invented text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectNameEvidence, markSentenceInitialCommonWord } from '../../src/extraction/names.ts';
import { isEnglishWord } from '../../src/extraction/nlp.ts';
import { tokenize } from '../../src/extraction/tokens.ts';
import { quotesOf } from './helpers.ts';

test('the language model knows English words and not most surnames', () => {
  for (const w of ['Pupils', 'Volunteers', 'Forestry', 'Nordic']) assert.equal(isEnglishWord(w), true, w);
  for (const w of ['Okonkwo', 'Brzezinska', 'Vantablack-Ruiz']) assert.equal(isEnglishWord(w), false, w);
});

test('a sentence-initial common noun is never a person', () => {
  const text = 'Governor Lia Brandvold toured the harbour on Monday. Pupils growing up here "will know a cleaner sea," she said.';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Lia Brandvold');
});

test('a sentence-initial common noun before a role and a name is part of the role, not the name', () => {
  const text = 'Forestry warden Pim Okonkwo counted the saplings. "Half of them will not survive the winter," he says.';
  const [q] = quotesOf(text);
  assert.equal(q?.speaker?.name, 'Pim Okonkwo');
});

test('a sentence-initial name stays a name when the article writes it capitalised elsewhere', () => {
  const text = 'The pier was built by engineer Tam Hale in 1990.\nHale said: "It will outlast us all."';
  const [q] = quotesOf(text);
  assert.match(q?.speaker?.name ?? '', /Hale$/);
  const ev = collectNameEvidence(text);
  const toks = tokenize(text, text.indexOf('Hale said'), text.length);
  assert.equal(markSentenceInitialCommonWord(toks, 0, ev), false);
});

test('a multi-word capitalised run and a speaker label are never marked common', () => {
  const ev = collectNameEvidence('Nothing else here.');
  const york = tokenize('New Harbour Trust said so.', 0, 26);
  assert.equal(markSentenceInitialCommonWord(york, 0, ev), false);
  const label = tokenize('Transcript: hello', 0, 17);
  assert.equal(markSentenceInitialCommonWord(label, 0, ev), false);
  const staff = tokenize('Staff are angry.', 0, 16);
  assert.equal(markSentenceInitialCommonWord(staff, 0, ev), true);
});
