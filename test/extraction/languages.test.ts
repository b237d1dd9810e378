// French and German reporting (issue #12 point 6): cue lexicons selected by the article's
// language, given or detected. Invented text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extraction/index.ts';
import { cueLanguageOf, detectCueLanguage } from '../../src/extraction/language.ts';

const quotes = (text: string, language?: string) => extract(text, { language }).statements.filter((s) => s.kind === 'quote');

test('language detection: English, French, German, and English for unclear text', () => {
  assert.equal(detectCueLanguage('The council voted on Tuesday to close the old library after a long debate.'), 'en');
  assert.equal(detectCueLanguage('Le conseil municipal a voté mardi la fermeture de la vieille bibliothèque après un long débat.'), 'fr');
  assert.equal(detectCueLanguage('Der Stadtrat hat am Dienstag die Schließung der alten Bibliothek nach langer Debatte beschlossen.'), 'de');
  assert.equal(detectCueLanguage('OK'), 'en');
  assert.equal(cueLanguageOf('fr-CA'), 'fr');
  assert.equal(cueLanguageOf('deu'), 'de');
  assert.equal(cueLanguageOf('es'), null);
});

test('French: "<Q>", a déclaré X', () => {
  const [q] = quotes('"Nous resterons ouverts tout l\'été", a déclaré Camille Roche, la directrice du musée.');
  assert.equal(q?.speaker?.name, 'Camille Roche');
});

test('French: selon X', () => {
  const [q] = quotes('Selon Hugo Marchand, la réforme est "une erreur historique" pour le pays.');
  assert.equal(q?.speaker?.name, 'Hugo Marchand');
});

test('French: X estime que … <Q>', () => {
  const [q] = quotes('Le syndicat estime que la direction a "trahi ses promesses" envers les salariés.');
  // The article is no part of a nominal speaker's name, as "the" is not in English (issue #12 point 1).
  assert.equal(q?.speaker?.name, 'syndicat');
});

test('German: „<Q>“, sagte X / so X', () => {
  const [a] = quotes('„Wir werden die Brücke bis Herbst fertigstellen“, sagte Greta Hahn am Montag.');
  assert.equal(a?.speaker?.name, 'Greta Hahn');
  const [b] = quotes('„Die Lage bleibt angespannt“, so Jonas Weber, Sprecher der Feuerwehr.');
  assert.equal(b?.speaker?.name, 'Jonas Weber');
});

test('German: laut X, X erklärte', () => {
  const [a] = quotes('Laut Miriam Falk ist das Projekt „nicht mehr zu retten“ gewesen.');
  assert.equal(a?.speaker?.name, 'Miriam Falk');
  const [b] = quotes('Der Minister Lukas Brandt erklärte: „Die Steuer kommt nicht.“');
  assert.equal(b?.speaker?.name, 'Lukas Brandt');
});

test('the given language wins over detection', () => {
  const text = '"Wir bleiben", sagte Paul Rehm.';
  assert.equal(quotes(text, 'de')[0]?.speaker?.name, 'Paul Rehm');
});
