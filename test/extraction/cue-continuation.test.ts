// Cues across asides and paragraphs (issue #12, helper C): dash asides, quotation paragraphs
// after reported speech and captions, answers to a question, unnamed spokespeople, title
// words before a speaker, unknown verbs, French stance and document verbs. Invented text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../../src/extraction/index.ts';
import { quotesOf } from './helpers.ts';

test('dash aside between the name and the verb is the speaker\'s role (hyphen, en and em dash)', () => {
  for (const dash of ['-', '\u2013', '\u2014']) {
    const [q] = quotesOf(`"The ferry timetable is a work of fiction," Oskar Lind ${dash} then a harbour councillor ${dash} told a local radio station.`);
    assert.equal(q?.speaker?.name, 'Oskar Lind', dash);
    assert.equal(q?.role?.text, 'then a harbour councillor', dash);
    assert.equal(q?.evidence, 'cue:after');
    assert.ok(q!.confidence >= 0.9);
  }
  const [before] = quotesOf('Oskar Lind \u2014 at the time a harbour councillor \u2014 said: "Nobody checks the ferry logs."');
  assert.equal(before?.speaker?.name, 'Oskar Lind');
  assert.equal(before?.role?.text, 'at the time a harbour councillor');
});

test('a quotation paragraph continues the previous paragraph\'s reported speech', () => {
  const [q] = quotesOf('Mayor Pia Sund also conceded that some crews needed better training.\n"Honestly, they are not ready yet. But we will get them there."');
  assert.equal(q?.speaker?.name, 'Pia Sund');
  assert.equal(q?.evidence, 'reported:before');
  assert.ok(q!.confidence < 0.8);
});

test('a caption naming only the speaker does not break the continuation; another name does', () => {
  const text = 'Beekeeper Joan Marsh has kept hives for forty years.\n' +
    '\u201cThe bees know the weather before we do,\u201d says Marsh, who chairs the county society.\n' +
    'Joan Marsh at her apiary, where she grew up\n' +
    '\u201cPeople buy the honey and never ask how the hives are doing.\u201d';
  const quotes = quotesOf(text);
  assert.deepEqual(quotes.map((q) => q.speaker?.name), ['Joan Marsh', 'Joan Marsh']);
  assert.match(quotes[1]?.evidence ?? '', /^continuation/);
  const other = quotesOf(text.replace('Joan Marsh at her apiary', 'Felix Dorn at the apiary'));
  assert.equal(other[1]?.speaker, null);
});

test('"she replied" is the person the question was put to, not the latest speaker', () => {
  const quotes = quotesOf('"She has earned this seat," Governor Luis Ortega said.\n' +
    'At the briefing, a reporter asked Tamsin Vale-Oduya, "What changes first?"\n' +
    '"The backlog," she replied. "Everything else waits."');
  assert.deepEqual(quotes.map((q) => q.speaker?.name), ['Luis Ortega', 'reporter', 'Tamsin Vale-Oduya', 'Tamsin Vale-Oduya']);
});

test('"he said" after an unnamed spokesperson\'s paragraph is that spokesperson\'s body', () => {
  const quotes = quotesOf('Tom Weller, the union leader, said the fees were too high.\n' +
    'But a spokesperson for the Harbour Board said its members had cut fees and "unfair charges".\n' +
    '"We have worked hard on this with every union," he said.\n' +
    '"The figures speak for themselves."');
  assert.deepEqual(quotes.map((q) => q.speaker?.name), ['Harbour Board', 'Harbour Board', 'Harbour Board']);
});

test('title words or an article before a speaker after the quotation', () => {
  const [a] = quotesOf('"The count will run all night," Harlow campaign manager Rina Opoku told reporters.');
  assert.equal(a?.speaker?.name, 'Rina Opoku');
  const [b] = quotesOf('"Tonight the choir sings for the town," a smiling Mireille said before the doors opened.');
  assert.equal(b?.speaker?.name, 'Mireille');
});

test('an unknown verb, regular or irregular, keeps the quotation at low confidence', () => {
  for (const verb of ['harrumphed', 'sang']) {
    const [q, other] = quotesOf(`"We won fair and square," Tull ${verb}. "The count was clean," Mayor Ann Fox said.`);
    assert.equal(q?.speaker?.name, 'Tull', verb);
    assert.equal(q?.evidence, 'unknown-verb');
    assert.equal(q?.confidence, 0.55);
    assert.equal(other?.speaker?.name, 'Ann Fox');
  }
});

test('French stance and document verbs: "Le gouvernement considère que", "Le texte énonce"; incise only inverts', () => {
  const text = 'Le texte énonce les motifs que peuvent invoquer les services. Il s’agit notamment de « la sécurité des réseaux ».\n' +
    'Le ministère considère que ces outils repèrent les personnes qui passent « sous les radars » depuis des années.\n' +
    'Les lanceurs d’alerte pourront saisir la commission afin qu’elle « rende un avis motivé ». Aucune sanction ne visera l’agent qui aurait dénoncé des actes illégaux.';
  const quotes = extract(text, { language: 'fr' }).statements.filter((s) => s.kind === 'quote');
  const by = (t: string) => quotes.find((q) => q.text.includes(t));
  assert.match(by('sécurité')?.speaker?.mention?.text ?? '', /texte/);
  assert.match(by('radars')?.speaker?.mention?.text ?? '', /ministère/);
  assert.equal(by('radars')?.evidence, 'cue:before');
  // "qui aurait dénoncé des actes": the object of a relative clause is no inverted subject.
  assert.notEqual(by('avis motivé')?.speaker?.mention?.text, 'des actes');
});
