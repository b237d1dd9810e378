// Which language's reporting cues an article is read with. Detection is a pure function of
// the text (franc's trigram model, shipped in the npm package: no I/O, no network).
import { franc } from 'franc';

export type CueLanguage = 'en' | 'fr' | 'de';

const ISO_639_3: Record<string, CueLanguage> = { eng: 'en', fra: 'fr', deu: 'de' };
/** Code points franc reads: its accuracy among three languages is flat beyond a few hundred; it costs ~0.2 ms here. */
const SAMPLE_CODE_POINTS = 1000;

/**
 * The cue language of `text`: English, French or German, by franc restricted to those three
 * (`und` for very short or unclear text falls back to English, the project's default).
 */
export function detectCueLanguage(text: string): CueLanguage {
  const sample = [...text.slice(0, SAMPLE_CODE_POINTS * 2)].slice(0, SAMPLE_CODE_POINTS).join('');
  return ISO_639_3[franc(sample, { only: Object.keys(ISO_639_3) })] ?? 'en';
}

/**
 * A caller's language code ("fr", "fr-CA", "deu", "English"?) to a cue language; anything
 * else (unknown code) is `null`, meaning "detect it from the text".
 */
export function cueLanguageOf(code: string | undefined): CueLanguage | null {
  const c = code?.trim().toLowerCase().slice(0, 3).replace(/[-_].*$/, '');
  if (!c) return null;
  if (c === 'en' || c === 'eng') return 'en';
  if (c === 'fr' || c === 'fra' || c === 'fre') return 'fr';
  if (c === 'de' || c === 'deu' || c === 'ger') return 'de';
  return null;
}
