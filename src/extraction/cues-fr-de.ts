// Reporting cues of French and German news, read in the same frame as English ones:
// « <Q> », a déclaré X / X a déclaré : <Q> / selon X / X estime que … <Q>
// „<Q>“, sagte X / so X / laut X / X zufolge / X erklärte: <Q>.
// Verb forms are listed (third person present, past, participle) from the verbs that
// introduce reported speech in French and German grammars (verbes introducteurs;
// Verben des Sagens); nothing here comes from a particular article. Stance and document
// verbs are listed apart (see STANCE_AND_DOCUMENT_VERBS).
import type { CueMatch } from './cue-words.ts';
import type { FrameToken } from './frame.ts';
import type { Mention } from './mentions.ts';

const words = (s: string) => new Set(s.trim().split(/\s+/));

/**
 * Verbs that credit words or a view to their subject without a verb of saying: opinion verbs
 * taking a "que"/"dass" clause (verbes d'opinion: Riegel, Pellat & Rioul, Grammaire
 * méthodique du français, ch. XVII; Verben des Meinens: Duden Grammatik, § on dass-Sätze)
 * and the verbs by which a text states its own content (a bill, a report: "Le projet de loi
 * énonce / prévoit / stipule", "Der Entwurf besagt / sieht vor"). Third person present,
 * past and participle forms.
 */
const STANCE_AND_DOCUMENT_VERBS = {
  fr: 'considère considèrent considéré estime estiment estimé juge jugent jugé pense pensent pensé croit croient cru ' +
    'affirme affirment affirmé soutient soutiennent prévoit prévoient prévu énonce énoncent énoncé stipule stipulent stipulé ' +
    'mentionne mentionnent mentionné',
  de: 'meint meinte meinten glaubt glaubte glauben vermutet vermutete bezweifelt bezweifelte besagt besagte vorsieht vorsah',
};

export interface ReportingLexicon {
  verbs: Set<string>;
  /** The subject may follow the verb only in an incise: after a comma, a colon or the quotation ("…, estime X"). */
  inversionOnlyInIncise: boolean;
  /** A verb form right after one of these is a noun ("par tranche", "von Bericht"): finite verbs never follow a preposition. */
  prepositions: Set<string>;
  auxiliaries: Set<string>;
  determiners: Set<string>;
  connectors: Set<string>;
  pronouns: Set<string>;
  /** "selon X", "laut X", "so X" (the last only right after a quotation). */
  according: Set<string>;
  /** "X zufolge". */
  postAccording: Set<string>;
}

export const FRENCH: ReportingLexicon = {
  verbs: words('déclare déclarent déclaré déclarait dit disent disait affirme affirment affirmé affirmait ajoute ajoutent ajouté ' +
    'estime estiment estimé estimait explique expliquent expliqué expliquait souligne soulignent souligné précise précisent précisé ' +
    'indique indiquent indiqué assure assurent assuré poursuit poursuivi conclut conclu insiste insisté lance lancé martèle martelé ' +
    'rappelle rappellent rappelé confie confié raconte raconté répond répondent répondu reconnaît reconnaissent reconnu annonce ' +
    'annoncent annoncé avertit averti prévient prévenu juge jugent jugé considère considèrent considéré note noté observe observé ' +
    'regrette regretté dénonce dénoncé déplore déploré admet admis écrit écrivent énonce énoncé prévoit prévu critique critiqué ' +
    'soutient soutenu témoigne témoigné proclame proclamé réplique répliqué lâche lâché tranche tranché résume résumé ' +
    STANCE_AND_DOCUMENT_VERBS.fr),
  inversionOnlyInIncise: true,
  prepositions: words('par de à en pour sans avec sur sous dans chez vers entre contre après avant selon'),
  auxiliaries: words('a ont avait avaient aura a-t-il a-t-elle'),
  determiners: words('le la les l un une des du ce cette son sa ses leur'),
  connectors: words('de du des d la le'),
  pronouns: words('il elle ils elles'),
  according: words('selon'),
  postAccording: new Set(),
};

export const GERMAN: ReportingLexicon = {
  verbs: words('sagt sagte sagten gesagt erklärt erklärte erklärten betont betonte betonten meint meinte meinten warnt warnte ' +
    'warnten fordert forderte kritisiert kritisierte antwortet antwortete ergänzt ergänzte fügte berichtet berichtete schreibt ' +
    'schrieb mahnt mahnte räumte versichert versicherte unterstrich bekräftigt bekräftigte teilte behauptet behauptete erzählt ' +
    'erzählte fragt fragte erläutert erläuterte bestätigt bestätigte verkündet verkündete rief ruft argumentiert argumentierte ' +
    'kündigte sprach spricht ' + STANCE_AND_DOCUMENT_VERBS.de),
  // German main clauses put the verb second, so "Am Montag sagte X" inverts anywhere.
  inversionOnlyInIncise: false,
  prepositions: words('von mit zu bei nach aus für über unter gegen ohne durch um an auf in'),
  auxiliaries: words('hat hatte haben hatten'),
  determiners: words('der die das den dem des ein eine einer eines einem'),
  connectors: words('von van der de zu'),
  pronouns: words('er sie'),
  according: words('laut so'),
  postAccording: words('zufolge'),
};

/** toks[c] is one of the lexicon's verbs used as a verb (not right after a preposition). */
const isVerbAt = (lex: ReportingLexicon, toks: FrameToken[], c: number) => lex.verbs.has(lower(toks[c])) && !lex.prepositions.has(lower(toks[c - 1]));
const isCap = (t: FrameToken | undefined) => !!t?.isWord && /^\p{Lu}/u.test(t.text);
const lower = (t: FrameToken | undefined) => t?.text.toLowerCase().replace(/['\u2019]$/, '') ?? '';
const elided = (t: FrameToken | undefined) => /^[ldLD]['\u2019]\p{Lu}/u.test(t?.text ?? '');

function mention(kind: Mention['kind'], tokens: FrameToken[], apposition: FrameToken[] | null): Mention {
  return { kind, tokens, start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, apposition };
}

/** The noun phrase starting at toks[k]: a name run (with its apposition between commas) or a determiner and noun. */
export function phraseStartingAt(lex: ReportingLexicon, toks: FrameToken[], k: number): Mention | null {
  const first = toks[k];
  if (!first?.isWord) return null;
  if (lex.pronouns.has(first.text.toLowerCase())) return mention('pronoun', [first], null);
  let i = k;
  while (lex.determiners.has(lower(toks[i])) && i - k < 2) i++;
  const run: FrameToken[] = [];
  for (let j = i; j < toks.length && run.length < 8; j++) {
    const t = toks[j]!;
    if (isCap(t) || elided(t)) run.push(t);
    else if (lex.connectors.has(lower(t)) && (isCap(toks[j + 1]) || elided(toks[j + 1]))) run.push(t);
    else break;
  }
  if (run.length) {
    const after = i + run.length;
    let apposition: FrameToken[] | null = null;
    if (toks[after]?.text === ',' && toks[after + 1]?.isWord && !lex.verbs.has(lower(toks[after + 1]))) {
      const app: FrameToken[] = [];
      for (let j = after + 1; j < toks.length && app.length < 14 && !/^[,.;:!?]$/.test(toks[j]!.text) && toks[j]!.region === undefined; j++) app.push(toks[j]!);
      if (app.length && /^\p{Ll}/u.test(app[0]!.text)) apposition = app;
    }
    return mention('name', run, apposition);
  }
  if (i > k && toks[i]?.isWord && /^\p{Ll}/u.test(toks[i]!.text) && !lex.verbs.has(lower(toks[i]))) return mention('nominal', toks.slice(k, i + 1), null);
  return null;
}

/** The noun phrase ending at toks[k] (a subject before its verb). */
export function phraseEndingAt(lex: ReportingLexicon, toks: FrameToken[], k: number): Mention | null {
  const last = toks[k];
  if (!last?.isWord) return null;
  if (lex.pronouns.has(last.text.toLowerCase())) return mention('pronoun', [last], null);
  let j = k;
  while (j >= 0 && (isCap(toks[j]) || elided(toks[j]) || lex.connectors.has(lower(toks[j])) && isCap(toks[j - 1])) && k - j < 8) j--;
  if (j < k) {
    const run = toks.slice(j + 1, k + 1);
    // A sentence-initial determiner ("Le", "Die") is not part of the name.
    while (run.length > 1 && lex.determiners.has(lower(run[0]))) run.shift();
    return lex.determiners.has(lower(run[0])) ? null : mention('name', run, null);
  }
  for (let d = k - 1; d >= 0 && k - d <= 3; d--) {
    if (lex.determiners.has(lower(toks[d]))) return mention('nominal', toks.slice(d, k + 1), null);
    if (!toks[d]!.isWord) break;
  }
  return null;
}

const match = (m: Mention, cue: FrameToken, position: CueMatch['position'], distance: number): CueMatch =>
  ({ mention: m, cue, cueEnd: cue.end, cueWord: { lemma: cue.text.toLowerCase(), form: 'past', strong: true }, position, distance });

/** The speaker of the quotation at toks[qi] from a cue of its sentence, in the article's language. */
export function reportingCue(lex: ReportingLexicon, toks: FrameToken[], qi: number): CueMatch | null {
  return cueAfterQuote(lex, toks, qi) ?? cueBeforeQuote(lex, toks, qi) ?? accordingIn(lex, toks, qi);
}

function cueAfterQuote(lex: ReportingLexicon, toks: FrameToken[], qi: number): CueMatch | null {
  let j = qi + 1;
  while (/^[,\u2014\u2013-]$/.test(toks[j]?.text ?? '')) j++;
  if (lex.auxiliaries.has(lower(toks[j])) && lex.verbs.has(lower(toks[j + 1]))) j++;
  const t = toks[j];
  if (!t) return null;
  if (lex.verbs.has(lower(t)) || lex.according.has(lower(t))) {
    const m = phraseStartingAt(lex, toks, j + 1);
    return m ? match(m, t, 'inverted', j - qi - 1) : null;
  }
  const m = phraseStartingAt(lex, toks, j);
  if (!m) return null;
  const end = m.apposition?.[m.apposition.length - 1]!.end ?? m.end;
  let k = j;
  while (k < toks.length && k - j < 24 && toks[k]!.start < end) k++;
  if (toks[k]?.text === ',') k++;
  if (lex.auxiliaries.has(lower(toks[k]))) k++;
  return toks[k] && lex.verbs.has(lower(toks[k])) ? match(m, toks[k]!, 'after', k - qi - 1) : null;
}

function cueBeforeQuote(lex: ReportingLexicon, toks: FrameToken[], qi: number): CueMatch | null {
  for (let c = qi - 1; c >= 0 && qi - c < 40; c--) {
    const t = toks[c]!;
    if (t.region !== undefined) return null;
    if (!isVerbAt(lex, toks, c)) continue;
    let s = c - 1;
    if (lex.auxiliaries.has(lower(toks[s]))) s--;
    const verbStart = s + 1;
    // "a également annoncé": an adverb in -ment, not a noun ("Le gouvernement considère").
    while (s >= 0 && /ment$/.test(toks[s]!.text) && toks[s]!.isWord && !lex.determiners.has(lower(toks[s - 1]))) s--;
    const subject = phraseEndingAt(lex, toks, s) ?? (toks[s]?.text === ',' ? subjectBeforeApposition(lex, toks, s) : null);
    if (subject) return match(subject, t, 'before', qi - c - 1);
    // "Am Montag sagte X: <Q>"; in French only an incise inverts ("…, prévoit le projet de loi"),
    // not "qui aurait dénoncé des actes" (the object).
    const before = toks[verbStart - 1];
    if (lex.inversionOnlyInIncise && before && before.region === undefined && !/^[,:;\u2014\u2013-]$/.test(before.text)) continue;
    const inverted = phraseStartingAt(lex, toks, c + 1);
    if (inverted) return match(inverted, t, 'inverted', qi - c - 1);
  }
  return null;
}

/** "X, député de Y qui a voté contre, a annoncé": the subject before its apposition. */
function subjectBeforeApposition(lex: ReportingLexicon, toks: FrameToken[], comma: number): Mention | null {
  for (let o = comma - 1; o > 0 && comma - o < 20; o--) {
    if (toks[o]!.text !== ',') continue;
    const m = phraseEndingAt(lex, toks, o - 1);
    return m && m.kind === 'name' ? { ...m, apposition: toks.slice(o + 1, comma) } : null;
  }
  return null;
}

function accordingIn(lex: ReportingLexicon, toks: FrameToken[], qi: number): CueMatch | null {
  for (let c = Math.max(0, qi - 40); c < toks.length && c < qi + 40; c++) {
    const t = toks[c]!;
    if (lex.according.has(lower(t)) && lower(t) !== 'so') {
      const m = phraseStartingAt(lex, toks, c + 1);
      if (m) return { ...match(m, t, 'according', Math.abs(qi - c)), cueWord: null };
    }
    if (lex.postAccording.has(lower(t))) {
      const m = phraseEndingAt(lex, toks, c - 1);
      if (m) return { ...match(m, t, 'according', Math.abs(qi - c)), cueWord: null };
    }
  }
  return null;
}

/** The first reporting cue anywhere in a sentence, for quotations standing next to it. */
export function reportingCueInSentence(lex: ReportingLexicon, toks: FrameToken[]): CueMatch | null {
  for (let c = 0; c < toks.length && c < 80; c++) {
    if (!isVerbAt(lex, toks, c)) continue;
    const found = cueBeforeQuote(lex, toks, c + 1);
    if (found) return found;
  }
  return accordingIn(lex, toks, 0);
}
