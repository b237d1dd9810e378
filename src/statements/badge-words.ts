// The words behind the badges the article and statement pages print (views/article.hbs,
// views/statement.hbs): one place, used for each badge's own explanation and for the
// legend (views/partials/badge-legend.hbs). The routes and positions are the extractor's
// (src/extraction/attribute.ts AttributionVia, cue-words.ts CuePosition, README step 4).

/** How the extractor found the speaker: the part of `evidence` before the colon. */
const ROUTES: Record<string, string> = {
  cue: 'a reporting verb or phrase (said, told, according to) in the same sentence names the speaker',
  'unknown-verb': 'a verb the extractor does not know as a speech verb stands where a cue would',
  label: 'a transcript label (NAME: …) introduces the words',
  colon: 'the sentence before a colon introduces the words (X said: …)',
  paragraph: 'the nearest quotation with a cue in the same paragraph gave its speaker',
  neighbour: 'the cue of the sentence next to it gave the speaker',
  intro: 'the paragraph before introduces the quotation (X continued: …)',
  continuation: 'a quotation running on from the previous paragraph keeps its speaker',
  reported: "it continues the previous paragraph's reported speech",
  possessive: "the owner of a word of saying (X's claim that …)",
  subject: 'the subject of its sentence (low confidence)',
  'prior-subject': 'the named subject of the sentence just before (low confidence)',
  claim: 'reported speech: a speech verb with its subject (X said that …, X denied …)',
  none: 'no speaker was found',
};

/** Where the cue stands relative to the words: the part of `evidence` after the colon. */
const POSITIONS: Record<string, string> = {
  before: 'the cue comes before the words (X said: “…”)',
  after: 'the cue comes after the words (“…,” X said)',
  inverted: 'the cue comes after the words with the verb first (“…,” said X)',
  according: '“according to X”',
  coordinated: 'a second verb sharing its subject (X smiled and said …)',
  gerund: 'an -ing form of the verb (…, saying “…”)',
};

const UNRESOLVED = 'unresolved-pronoun';

/** One sentence for an `evidence` code ("cue:before", "paragraph;unresolved-pronoun"); the code itself when unknown. */
export function explainEvidence(evidence: string): string {
  const [code = '', ...flags] = evidence.split(';');
  const [route = '', position] = code.split(':');
  const parts = [ROUTES[route] ?? code];
  if (position) parts.push(POSITIONS[position] ?? position);
  if (flags.includes(UNRESOLVED)) parts.push('a pronoun (he, she, they) named nobody earlier, so no speaker is set');
  return parts.join('; ');
}

export interface LegendEntry {
  term: string;
  meaning: string;
}

/** Every badge, in words: what the legend on the article and statement pages lists. */
export function badgeLegend(): { badges: LegendEntry[]; routes: LegendEntry[]; positions: LegendEntry[] } {
  return {
    badges: [
      { term: 'quote', meaning: 'the speaker’s own words, inside quote marks in the article' },
      { term: 'claim', meaning: 'reported speech: what the article says someone said, in its own words' },
      { term: 'direct', meaning: 'a whole quotation standing as a sentence' },
      { term: 'partial', meaning: 'a fragment of quoted words inside the article’s own sentence' },
      { term: 'indirect', meaning: 'a claim with no quoted words' },
      { term: 'mixed', meaning: 'a claim that holds a quoted fragment' },
      { term: 'machine', meaning: 'the extractor’s attribution, not yet checked by a person' },
      { term: 'verified', meaning: 'a reviewer checked the speaker and confirmed it' },
      { term: 'corrected', meaning: 'a reviewer changed the speaker, role or span' },
      { term: 'rejected', meaning: 'a reviewer found it is not a statement or cannot be attributed; it credits nobody' },
      { term: '84%', meaning: 'the extractor’s confidence that the speaker is right (measured accuracy of the route it took, minus penalties for distance and weak name matches)' },
      { term: 'unnamed source', meaning: 'the words are credited to a description (“officials”), not a named person or organization' },
      { term: 'continued', meaning: 'one utterance split by its attribution (“…,” said X, “…”): two statements shown as one utterance; a phrase across the split finds the first part' },
      { term: 'current', meaning: 'the attribution version in force (older versions are the history)' },
    ],
    routes: Object.entries(ROUTES).map(([term, meaning]) => ({ term, meaning })),
    positions: Object.entries(POSITIONS).map(([term, meaning]) => ({ term: `…:${term}`, meaning })),
  };
}
