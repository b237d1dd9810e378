// Joins the mentions of one speaker in an article under one canonical name: "Blinken" and
// "US Secretary of State Antony Blinken" are one person; "he" is the most recently mentioned
// person of a compatible gender, named or not ("the premier", "a spokesperson for X");
// "the spokesman" is the latest person with that head noun in name or role; "the company"
// the latest organisation, never a person whose role holds the word.
// Lookups go through maps and a short recency list, so long articles stay linear.
import { guessGender } from './gender.ts';
import { TITLE_WORDS } from './lexicon.ts';
import type { Mention } from './mentions.ts';
import { representationOf } from './representatives.ts';
import { analyzeMention, type MentionAnalysis, type RoleSpan } from './roles.ts';

export interface Speaker {
  id: number;
  name: string;
  kind: 'person' | 'organization';
  surname: string | null;
  /** From a given name or a title: "she" never takes a speaker marked 'm'. */
  gender: 'm' | 'f' | null;
  /** Learnt from a pronoun that took it: only a preference, as that pronoun may have been misread. */
  pronounGender: 'm' | 'f' | null;
  aliases: Set<string>;
  role: RoleSpan | null;
  lastSeen: number;
  /** A person stands behind it, so "he"/"she" may refer to it: a person, or an organisation's unnamed spokesperson. */
  personal: boolean;
  /** The text shows it is a person (given name, title, role, apposition, or "he"/"she" taken it): never "the company". */
  personEvidence: boolean;
}

export interface Resolution {
  /** Null for a pronoun with no compatible antecedent: it names nobody. */
  speaker: Speaker | null;
  analysis: MentionAnalysis;
  /** How the mention was tied to the speaker, for confidence. */
  how: 'named' | 'surname' | 'pronoun' | 'nominal' | 'new-nominal' | 'unresolved-pronoun';
}

const FEMALE_PRONOUNS = new Set(['she', 'her']);
const MALE_PRONOUNS = new Set(['he', 'him', 'his']);
const GROUP_PRONOUNS = new Set(['they', 'it', 'we', 'their']);
/** Pronouns and "the spokesman" look back this many distinct speakers at most. */
const RECENCY_WINDOW = 30;
/** Every statement carries its speaker's aliases; a cap keeps pathological input linear. */
const MAX_ALIASES = 20;

/** A per-article registry; feed it mentions in document order. */
export class SpeakerRegistry {
  private readonly speakers: Speaker[] = [];
  /** The people of each surname, in order of introduction ("Joe Biden", "Hunter Biden"). */
  private readonly bySurname = new Map<string, Speaker[]>();
  private readonly byAlias = new Map<string, Speaker>();
  /** Most recently mentioned first. */
  private recent: Speaker[] = [];

  constructor(private readonly text: string) {}

  resolve(m: Mention): Resolution {
    if (m.kind === 'pronoun') return this.resolvePronoun(m, analyzeMention(this.text, m));
    const { analysis, personal, acronym } = this.analyze(m);
    const known = this.lookup(analysis);
    if (known) return { speaker: this.withAlias(this.update(known, analysis, true, personal), acronym), analysis, how: analysis.surname ? 'surname' : 'named' };
    const earlier = this.definiteAntecedent(m, analysis);
    if (earlier) return { speaker: this.update(earlier, analysis, false), analysis, how: 'nominal' };
    return { speaker: this.withAlias(this.add(analysis, personal), acronym), analysis, how: m.kind === 'nominal' ? 'new-nominal' : 'named' };
  }

  /** Registers a subject seen in the text (not as a speaker) so pronouns and nominals can refer to it. */
  observe(m: Mention): void {
    if (m.kind === 'pronoun') return;
    const { analysis, personal, acronym } = this.analyze(m);
    if (analysis.kind !== 'person' && m.kind !== 'name' && !personal) return;
    const known = this.lookup(analysis);
    if (known) { this.withAlias(this.update(known, analysis, true, personal), acronym); return; }
    const earlier = this.definiteAntecedent(m, analysis);
    if (earlier) this.update(earlier, analysis, false);
    else this.withAlias(this.add(analysis, personal), acronym);
  }

  /**
   * The mention's name, kind and role; "a spokesperson for X" is X, an organisation with a
   * person behind it (`personal`), its role the representative noun.
   */
  private analyze(m: Mention): { analysis: MentionAnalysis; personal: boolean; acronym: string | null } {
    const rep = representationOf(this.text, m);
    if (!rep) {
      const analysis = analyzeMention(this.text, m);
      return { analysis, personal: analysis.kind === 'person', acronym: null };
    }
    const analysis: MentionAnalysis = { name: rep.organization, kind: 'organization', surname: null, role: rep.role, gender: rep.gender };
    return { analysis, personal: true, acronym: rep.acronym };
  }

  /** "(UCEA)" after an organisation's name: a name it goes by, so a later "UCEA said" joins it. */
  private withAlias(s: Speaker, alias: string | null): Speaker {
    if (alias && s.aliases.size < MAX_ALIASES) s.aliases.add(alias);
    if (alias && !this.byAlias.has(normalize(alias))) this.byAlias.set(normalize(alias), s);
    return s;
  }

  /**
   * "the spokesman" / "the company": a definite nominal refers back to the latest speaker of
   * its kind. A person noun takes the latest personal speaker with that head word in its name
   * or role; an organisation noun the latest organisation with that head word, else the latest
   * organisation or name with no sign of being a person ("Green Basket ... the company"),
   * never a person whose role holds the word ("president of Brandt Fish Company").
   */
  private definiteAntecedent(m: Mention, analysis: MentionAnalysis): Speaker | undefined {
    if (m.kind !== 'nominal' || !/^(the|this|that)$/i.test(m.tokens[0]?.text ?? '')) return undefined;
    const head = normalize(analysis.name).split(' ').pop() ?? '';
    if (head.length <= 2) return undefined;
    const hasHead = (s: Speaker) => normalize(`${s.name} ${s.role?.text ?? ''}`).split(' ').includes(head);
    if (analysis.kind === 'person') return this.recent.find((s) => s.personal && hasHead(s));
    const organization = (s: Speaker) => s.kind === 'organization' && !s.personal;
    const namedOrganization = (s: Speaker) => /\p{Lu}/u.test(s.name) && (s.kind === 'organization' || !s.personEvidence);
    return this.recent.find((s) => organization(s) && hasHead(s)) ?? this.recent.find(namedOrganization);
  }

  /**
   * A full name joins the person of that surname whose given name agrees ("Antony J.
   * Blinken", "Antony Blinken"), never one with another given name ("Hunter Biden" is not
   * "Joe Biden"); a bare surname ("Biden") joins the most recently mentioned of them.
   */
  private lookup(a: MentionAnalysis): Speaker | undefined {
    if (!(a.kind === 'person' && a.surname)) return this.byAlias.get(normalize(a.name));
    const namesakes = this.bySurname.get(a.surname) ?? [];
    const fits = namesakes.filter((s) => givenNamesAgree(s.name, a.name));
    return this.recent.find((s) => fits.includes(s)) ?? fits.at(-1);
  }

  private resolvePronoun(m: Mention, analysis: MentionAnalysis): Resolution {
    const word = m.tokens[0]!.text.toLowerCase();
    const wantGroup = GROUP_PRONOUNS.has(word);
    const want = FEMALE_PRONOUNS.has(word) ? 'f' : MALE_PRONOUNS.has(word) ? 'm' : null;
    const fits = (s: Speaker) => {
      if (wantGroup) return s.kind === 'organization' || word === 'we';
      return s.personal && (!want || !s.gender || s.gender === want);
    };
    // The most recent compatible referent, named or not ("the premier hit back. He wrote"),
    // preferring one no earlier pronoun gave the other gender.
    const found = this.recent.find((s) => fits(s) && (!want || !s.pronounGender || s.pronounGender === want)) ?? this.recent.find(fits);
    // Unresolved: no speaker, so no later mention can join "he"; the extractor outputs a null
    // speaker and keeps the pronoun only as evidence (index.ts).
    if (!found) return { speaker: null, analysis, how: 'unresolved-pronoun' };
    if (!found.gender && !found.pronounGender && want) found.pronounGender = want;
    if (!wantGroup) found.personEvidence = true;
    this.touch(found);
    return { speaker: found, analysis, how: 'pronoun' };
  }

  private add(a: MentionAnalysis, personal: boolean): Speaker {
    const gender = a.gender ?? (a.kind === 'person' && a.surname ? guessGender(a.name) : null);
    const s: Speaker = {
      id: this.speakers.length, name: a.name, kind: a.kind, surname: a.surname, gender, pronounGender: null, aliases: new Set([a.name]), role: a.role, lastSeen: 0,
      personal, personEvidence: personal && (gender !== null || a.role !== null || a.surname === null),
    };
    this.speakers.push(s);
    // The latest namesakes only, as pronouns look back: a long list of them stays linear.
    if (s.kind === 'person' && s.surname) this.bySurname.set(s.surname, [...(this.bySurname.get(s.surname) ?? []), s].slice(-RECENCY_WINDOW));
    this.byAlias.set(normalize(a.name), s);
    for (const alias of a.aliases ?? []) if (!this.byAlias.has(normalize(alias))) { s.aliases.add(alias); this.byAlias.set(normalize(alias), s); }
    this.touch(s);
    return s;
  }

  private update(s: Speaker, a: MentionAnalysis, isName: boolean, personal = false): Speaker {
    this.touch(s);
    if (personal) s.personal = true;
    if (a.kind === 'person' && (a.role || a.gender)) s.personEvidence = true;
    if (!isName) return s;
    if (s.aliases.size < MAX_ALIASES) s.aliases.add(a.name);
    if (!this.byAlias.has(normalize(a.name))) this.byAlias.set(normalize(a.name), s);
    // The fullest form is the canonical name: "Antony Blinken" over "Blinken".
    if (a.name.split(/\s+/).length > s.name.split(/\s+/).length) s.name = a.name;
    if (!s.role && a.role) s.role = a.role;
    if (!s.gender) s.gender = a.gender ?? (s.kind === 'person' ? guessGender(a.name) : null);
    return s;
  }

  private touch(s: Speaker): void {
    this.recent = [s, ...this.recent.filter((r) => r !== s)].slice(0, RECENCY_WINDOW);
  }
}

/**
 * Two person names of one surname may be one person: either gives no given name (a bare
 * surname, or a title before it: "Mayor Okafor"), or the first words agree, one possibly an
 * initial of the other ("J." and "Joe"). The rule is score_quotes.py's 4d (issue #12 point 7).
 */
export function givenNamesAgree(a: string, b: string): boolean {
  const x = givenName(a), y = givenName(b);
  if (x === null || y === null || x === y) return true;
  return (x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y));
}

/** The first word of a full name, lower-cased, without a full stop ("J." -> "j"); null for a bare surname or a title. */
function givenName(name: string): string | null {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || TITLE_WORDS.has(words[0]!)) return null;
  return words[0]!.toLowerCase().replace(/\.$/, '');
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/^(the|a|an)\s+/, '').replace(/['\u2019]s\b/g, '').replace(/\s+/g, ' ').trim();
}
