// The language an article is stored and read with: the one its submitter gave, else the one
// its page states (`<html lang="fr-FR">`), else the one its text is in, by the extractor's
// detector (English, French or German; otherwise English, the project's default).
import { detectCueLanguage } from '../extraction/language.ts';

/** A BCP 47 tag's primary language subtag, lower-cased ("fr-FR" -> "fr"); null unless 2-3 letters. */
function primarySubtag(tag: string | null | undefined): string | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/**
 * The article's language code (ISO 639, 2-3 lower-case letters, as the `articles.language`
 * column holds it): `given` (already validated by articleFieldsSchema), else the page's stated
 * language tag, else detected from `bodyText` (detectCueLanguage: "en", "fr" or "de").
 */
export function articleLanguage(given: string | null | undefined, pageTag: string | null | undefined, bodyText: string): string {
  return primarySubtag(given) ?? primarySubtag(pageTag) ?? detectCueLanguage(bodyText);
}
