export type SpeakerKind = 'person' | 'organization';

const LEADING_ARTICLE = /^(the)\s+/;
const POSSESSIVE = /['\u2019]s\b/g;

/** normalizeAlias' recent results: speaker resolution keys the same few names over and over. */
const aliasKeys = new Map<string, string>();
/** Names kept in aliasKeys before it starts afresh (a bound on its memory, not a tuning). */
const ALIAS_KEYS_KEPT = 10_000;

/**
 * The key an alias is matched by: no diacritics, case, punctuation or leading "the".
 * Memoized: a store's speaker resolution compares each candidate with every stored name
 * sharing its surname (samePersonName), so the same names are keyed many times.
 */
export function normalizeAlias(name: string): string {
  let key = aliasKeys.get(name);
  if (key === undefined) {
    key = name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(POSSESSIVE, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .replace(LEADING_ARTICLE, '');
    if (aliasKeys.size >= ALIAS_KEYS_KEPT) aliasKeys.clear();
    aliasKeys.set(name, key);
  }
  return key;
}

/**
 * Two person names are the same person only when surnames agree and given names are
 * compatible: equal, or one an initial of the other ("Antony J. Blinken" = "Antony
 * Blinken"), never "Hunter Biden" = "Joe Biden".
 */
export function samePersonName(a: string, b: string): boolean {
  const ta = normalizeAlias(a).split(' ');
  const tb = normalizeAlias(b).split(' ');
  if (ta.length < 2 || tb.length < 2) return false;
  if (ta.at(-1) !== tb.at(-1)) return false;
  const compatible = (x: string, y: string) => x === y || (x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y));
  if (!compatible(ta[0]!, tb[0]!)) return false;
  // Middle names, where both give one, must agree too.
  const ma = ta.slice(1, -1);
  const mb = tb.slice(1, -1);
  return ma.length === 0 || mb.length === 0 || (ma.length === mb.length && ma.every((m, i) => compatible(m, mb[i]!)));
}

/**
 * A name worth a speaker record: some word of it is capitalized ("Antony Blinken", "NATO",
 * "US officials"). Generic sources ("experts", "the report", "they") stay as the mention
 * on their attribution: one record for every "experts" in every article would merge
 * strangers.
 */
export function isNamedSpeaker(name: string): boolean {
  const withoutDeterminer = name.trim().replace(/^(the|a|an|this|that|these|those)\s+/i, '');
  return /(^|[\s(-])\p{Lu}/u.test(withoutDeterminer);
}
