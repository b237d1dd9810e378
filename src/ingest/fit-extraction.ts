import type { ExtractedStatement, ExtractionResult } from '../extraction/index.ts';
import { codePointLength } from '../text/code-points.ts';

// The extractor reads names, roles and statements out of the article text, and a crafted
// text can make one of any length (a mention is at most 14 tokens, but a token can be 400
// letters; an unclosed quote mark can run to the end of the article). What they are stored
// in is bounded (the checks of migrations/20261126090000_initial_schema.ts, the size of a
// tsvector), so what would not fit is left out here, before persisting: none of it is real.

/** speakers.canonical_name and speaker_aliases.alias (the mention is stored as an alias). */
const SPEAKER_NAME_MAX = 300;
/** roles.title */
const ROLE_TITLE_MAX = 500;
/** roles.organization */
const ORGANIZATION_MAX = 300;
/**
 * statements.search_vector (to_tsvector of the text) may not exceed 1 MB: Postgres counts
 * each lexeme's bytes plus 4 bytes of position data, at most 4 bytes per code point of
 * text (a one-letter word in a 4-byte character, then a space). 100,000 code points stay
 * well inside that; no real quote or claim comes near it (an unclosed quote mark does).
 */
const STATEMENT_MAX = 100_000;

const fits = (text: string | null | undefined, max: number) => text == null || codePointLength(text.trim()) <= max;

function fitStatement(s: ExtractedStatement): ExtractedStatement {
  let { speaker, role } = s;
  if (speaker && !fits(speaker.name, SPEAKER_NAME_MAX)) speaker = null;
  else if (speaker && (!fits(speaker.mention?.text, SPEAKER_NAME_MAX) || !speaker.aliases.every((a) => fits(a, SPEAKER_NAME_MAX)))) {
    const mention = fits(speaker.mention?.text, SPEAKER_NAME_MAX) ? speaker.mention : null;
    speaker = { ...speaker, mention, aliases: speaker.aliases.filter((a) => fits(a, SPEAKER_NAME_MAX)) };
  }
  if (role && !fits(role.text, ROLE_TITLE_MAX)) role = null;
  else if (role && !fits(role.organization, ORGANIZATION_MAX)) role = { ...role, organization: null };
  const mention = s.mention && !fits(s.mention.text, SPEAKER_NAME_MAX) ? null : s.mention;
  return speaker === s.speaker && role === s.role && mention === s.mention ? s : { ...s, speaker, role, mention };
}

/**
 * The extraction with every speaker name, mention, alias, role title and organization held
 * to its column: a speaker whose name is too long is dropped (the statement stays,
 * unattributed); a too-long mention, alias, role title or organization is dropped alone;
 * a statement over STATEMENT_MAX code points is dropped.
 */
export function fitExtraction(result: ExtractionResult): ExtractionResult {
  return { ...result, statements: result.statements.filter((s) => s.end - s.start <= STATEMENT_MAX).map(fitStatement) };
}
