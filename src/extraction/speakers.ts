// Joins the mentions of one speaker in an article under one canonical name: "Blinken" and
// "US Secretary of State Antony Blinken" are one person; "he" is the nearest earlier person
// of a compatible gender; "the embassy" is the latest organization with that head noun.
import type { Mention } from './mentions.ts';
import { analyzeMention, type MentionAnalysis, type RoleSpan } from './roles.ts';
import { guessGender } from './gender.ts';

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
const GROUP_PRONOUNS = new Set(['they', 'it', 'we']);

/** A per-article registry; call `resolve` in document order. */
export class SpeakerRegistry {
  private readonly speakers: Speaker[] = [];

  constructor(private readonly text: string) {}

  all(): Speaker[] {
    return this.speakers;
  }

  resolve(m: Mention): Resolution {
    const analysis = analyzeMention(this.text, m);
    if (m.kind === 'pronoun') return this.resolvePronoun(m, analysis);
    if (analysis.kind === 'person' && analysis.surname) {
      const known = this.speakers.find((s) => s.surname === analysis.surname && s.kind === 'person');
      if (known) return { speaker: this.update(known, analysis, m.start), analysis, how: 'surname' };
      const gender = analysis.gender ?? guessGender(analysis.name);
      return { speaker: this.add(analysis, m.start, gender), analysis, how: 'named' };
    }
    const key = normalize(analysis.name);
    const same = this.speakers.find((s) => [...s.aliases].some((a) => normalize(a) === key));
    if (same) return { speaker: this.update(same, analysis, m.start), analysis, how: 'named' };
    if (m.kind === 'nominal') {
      // "the spokesman", "the embassy": the latest speaker whose role or name has that head.
      const head = key.split(' ').pop() ?? '';
      const definite = /^(the|this|that)$/i.test(m.tokens[0]?.text ?? '');
      const earlier = [...this.speakers].sort((a, b) => b.lastSeen - a.lastSeen)
        .find((s) => normalize(`${s.name} ${s.role?.text ?? ''}`).split(' ').includes(head));
      if (definite && earlier && head.length > 2) return { speaker: this.update(earlier, analysis, m.start, false), analysis, how: 'nominal' };
      return { speaker: this.add(analysis, m.start, analysis.gender), analysis, how: 'new-nominal' };
    }
    return { speaker: this.add(analysis, m.start, analysis.gender), analysis, how: 'named' };
  }

  private resolvePronoun(m: Mention, analysis: MentionAnalysis): Resolution {
    const word = m.tokens[0]!.text.toLowerCase();
    const wantGroup = GROUP_PRONOUNS.has(word);
    const recent = [...this.speakers].filter((s) => s.lastSeen < m.start).sort((a, b) => b.lastSeen - a.lastSeen);
    const fits = (s: Speaker) => {
      if (wantGroup) return s.kind === 'organization' || word === 'we';
      if (s.kind !== 'person') return false;
      if (FEMALE_PRONOUNS.has(word)) return s.gender !== 'm';
      if (MALE_PRONOUNS.has(word)) return s.gender !== 'f';
      return true;
    };
    const found = recent.find(fits);
    if (found) {
      if (!found.gender && MALE_PRONOUNS.has(word)) found.gender = 'm';
      if (!found.gender && FEMALE_PRONOUNS.has(word)) found.gender = 'f';
      found.lastSeen = m.start;
      return { speaker: found, analysis, how: 'pronoun' };
    }
    const orphan = this.add({ ...analysis, name: m.tokens[0]!.text }, m.start, null);
    return { speaker: orphan, analysis, how: 'unresolved-pronoun' };
  }

  /** Registers a name seen in the text (not as a speaker) so pronouns can refer to it. */
  observe(m: Mention): void {
    const analysis = analyzeMention(this.text, m);
    if (analysis.kind !== 'person' || !analysis.surname) return;
    const known = this.speakers.find((s) => s.surname === analysis.surname && s.kind === 'person');
    if (known) this.update(known, analysis, m.start);
    else this.add(analysis, m.start, analysis.gender ?? guessGender(analysis.name));
  }

  private add(a: MentionAnalysis, at: number, gender: 'm' | 'f' | null): Speaker {
    const s: Speaker = { id: this.speakers.length, name: a.name, kind: a.kind, surname: a.surname, gender, aliases: new Set([a.name]), role: a.role, lastSeen: at };
    this.speakers.push(s);
    return s;
  }

  private update(s: Speaker, a: MentionAnalysis, at: number, isName = true): Speaker {
    s.aliases.add(a.name);
    if (!isName) { s.lastSeen = Math.max(s.lastSeen, at); return s; }
    // The fullest form is the canonical name: "Antony Blinken" over "Blinken".
    if (a.name.split(/\s+/).length > s.name.split(/\s+/).length) s.name = a.name;
    if (!s.role && a.role) s.role = a.role;
    if (!s.gender) s.gender = a.gender ?? (s.kind === 'person' ? guessGender(a.name) : null);
    s.lastSeen = Math.max(s.lastSeen, at);
    return s;
  }
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/^(the|a|an)\s+/, '').replace(/['\u2019]s\b/g, '').replace(/\s+/g, ' ').trim();
}
