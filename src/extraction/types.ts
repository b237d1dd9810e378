// The extraction contract: pure text in, statements out. Offsets are Unicode code-point
// indices into the input text (what Postgres substring() and W3C selectors count).

export type StatementKind = 'quote' | 'claim';
export type QuoteType = 'direct' | 'partial' | 'mixed' | 'indirect';
export type SpeakerKind = 'person' | 'organization';

export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface ExtractedSpeaker {
  /** Canonical name as resolved within the article ("Antony Blinken"). */
  name: string;
  kind: SpeakerKind;
  /** The mention that carries the attribution ("he", "Blinken", "the embassy"). */
  mention: Span | null;
  /** Other names the article uses for this speaker. */
  aliases: string[];
}

export interface ExtractedRole {
  /** Role text exactly as printed ("US Secretary of State"). */
  text: string;
  organization: string | null;
}

export interface ExtractedStatement {
  kind: StatementKind;
  /** Content span, quote marks excluded. */
  start: number;
  end: number;
  text: string;
  paragraphIndex: number;
  quoteType: QuoteType;
  cue: Span | null;
  speaker: ExtractedSpeaker | null;
  /**
   * The words that carry the attribution when no speaker could be named: an unresolved
   * pronoun ("he" with no compatible person before it) gives `speaker: null` and the pronoun
   * here, as evidence for a reviewer. Absent or null whenever `speaker` is set (its own
   * `mention` then carries it) or there is no attribution at all.
   */
  mention?: Span | null;
  role: ExtractedRole | null;
  /** 0..1: how likely the attribution (speaker) is right. */
  confidence: number;
  /** How the speaker was found ("cue:after", "paragraph", "continuation", "none" ...), for reviewers. */
  evidence: string;
}

export interface ExtractOptions {
  /**
   * The article's language (ISO 639-1 or -3 code: "en", "fr", "deu" ...), which selects the
   * reporting-cue lexicon. Unset or not one of English, French, German: detected from the
   * text (franc). Only cue reading depends on it; quote spans are language-neutral.
   */
  language?: string;
}

export interface ExtractionResult {
  extractorVersion: string;
  statements: ExtractedStatement[];
}
