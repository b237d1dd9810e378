// Joins the mentions of one speaker in an article under one canonical name: "Blinken" and
// "US Secretary of State Antony Blinken" are one person; "he" is the nearest earlier person
// of a compatible gender; "the embassy" is the latest speaker with that head noun.
// Lookups go through maps and a short recency list, so long articles stay linear.
import { guessGender } from './gender.ts';
import { TITLE_WORDS } from './lexicon.ts';
import type { Mention } from './mentions.ts';
import { analyzeMention, type MentionAnalysis, type RoleSpan } from './roles.ts';

export interface Speaker {
  id: number;
  name: string;
  kind: 'person' | 'organization';
  surname: string | null;
  gender: 'm' | 'f' | null;
  aliases: Set<string>;
  role: RoleSpan | null;
  lastSeen: number;
}

export interface Resolution {
  speaker: Speaker;
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
    const analysis = analyzeMention(this.text, m);
    if (m.kind === 'pronoun') return this.resolvePronoun(m, analysis);
    const known = this.lookup(analysis);
    if (known) return { speaker: this.update(known, analysis, true), analysis, how: analysis.surname ? 'surname' : 'named' };
    if (m.kind === 'nominal' && /^(the|this|that)$/i.test(m.tokens[0]?.text ?? '')) {
      // "the spokesman", "the embassy": the latest speaker whose name or role has that head word.
      const head = normalize(analysis.name).split(' ').pop() ?? '';
      const earlier = this.recent.find((s) => normalize(`${s.name} ${s.role?.text ?? ''}`).split(' ').includes(head));
      if (earlier && head.length > 2) return { speaker: this.update(earlier, analysis, false), analysis, how: 'nominal' };
    }
    const gender = analysis.gender ?? (analysis.kind === 'person' && analysis.surname ? guessGender(analysis.name) : null);
    return { speaker: this.add(analysis, gender), analysis, how: m.kind === 'nominal' ? 'new-nominal' : 'named' };
  }

  /** Registers a subject seen in the text (not as a speaker) so pronouns and nominals can refer to it. */
  observe(m: Mention): void {
    if (m.kind === 'pronoun') return;
    const analysis = analyzeMention(this.text, m);
    if (analysis.kind !== 'person' && m.kind !== 'name') return;
    const known = this.lookup(analysis);
    if (known) this.update(known, analysis, true);
    else this.add(analysis, analysis.gender ?? (analysis.surname ? guessGender(analysis.name) : null));
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
    const fits = (s: Speaker) => {
      if (wantGroup) return s.kind === 'organization' || word === 'we';
      if (s.kind !== 'person') return false;
      if (FEMALE_PRONOUNS.has(word)) return s.gender !== 'm';
      if (MALE_PRONOUNS.has(word)) return s.gender !== 'f';
      return true;
    };
    // "he" prefers the latest person with a name over "the woman" or "a spokesman".
    const found = this.recent.find((s) => fits(s) && (wantGroup || s.surname !== null)) ?? this.recent.find(fits);
    // Unresolved: a placeholder that is never registered, so no later mention can join "he";
    // the extractor outputs no speaker for it (index.ts), only the mention as evidence.
    if (!found) {
      const placeholder: Speaker = { id: -1, name: m.tokens[0]!.text, kind: 'person', surname: null, gender: null, aliases: new Set(), role: null, lastSeen: 0 };
      return { speaker: placeholder, analysis, how: 'unresolved-pronoun' };
    }
    if (!found.gender && MALE_PRONOUNS.has(word)) found.gender = 'm';
    if (!found.gender && FEMALE_PRONOUNS.has(word)) found.gender = 'f';
    this.touch(found);
    return { speaker: found, analysis, how: 'pronoun' };
  }

  private add(a: MentionAnalysis, gender: 'm' | 'f' | null): Speaker {
    const s: Speaker = { id: this.speakers.length, name: a.name, kind: a.kind, surname: a.surname, gender, aliases: new Set([a.name]), role: a.role, lastSeen: 0 };
    this.speakers.push(s);
    // The latest namesakes only, as pronouns look back: a long list of them stays linear.
    if (s.kind === 'person' && s.surname) this.bySurname.set(s.surname, [...(this.bySurname.get(s.surname) ?? []), s].slice(-RECENCY_WINDOW));
    this.byAlias.set(normalize(a.name), s);
    for (const alias of a.aliases ?? []) if (!this.byAlias.has(normalize(alias))) { s.aliases.add(alias); this.byAlias.set(normalize(alias), s); }
    this.touch(s);
    return s;
  }

  private update(s: Speaker, a: MentionAnalysis, isName: boolean): Speaker {
    this.touch(s);
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
