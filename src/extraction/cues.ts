// Lexicon of speech cues: verbs (all inflections) and multi-word phrases that say that
// someone said something. Kept as data so new cues are a one-line change.
//
// Source of the verb list: the verb classes of communication in B. Levin, "English Verb
// Classes and Alternations" (University of Chicago Press, 1993), as carried into VerbNet
// 3.x: 37.1 transfer of a message, 37.2 tell, 37.3 manner of speaking, 37.4 instrument of
// communication (plus the instruments news uses today: text, tweet, post, email, message),
// 37.7 say, 37.8 complain, 37.9 advise, 48.1.2 reflexive appearance (reveal), 58 urge and
// beg; and judgement/assessment verbs that report a stance (33: praise, criticize, ...).
// Members that are mostly nouns or non-speech senses in news prose are left out
// (bark, boom, call-as-noun is handled by cue-words.ts, sign, wire, signal, relay, trumpet).

const SPEECH_VERB_LEMMAS = (
  // Levin 37.7 say verbs (+ VerbNet say-37.7 members)
  'say add announce articulate assert blurt claim confess confide declare disclose divulge explain ' +
  'argue hint insist maintain mention note observe proclaim propose recount reiterate remark repeat ' +
  'report reveal state suggest venture allege acknowledge admit concede affirm attest contend ' +
  // 37.1 / 37.2 transfer of a message, tell
  'tell ask cite read write recite narrate inform notify brief ' +
  // 37.3 manner of speaking (news-safe members)
  'babble bellow bleat chant cry croak drawl gasp groan growl grumble grunt hiss holler ' +
  'howl moan mumble murmur mutter rasp roar scream screech shout shriek snap snarl splutter sputter ' +
  'stammer stutter wail whimper whine whisper yell ' +
  // 37.4 instrument of communication
  'tweet post text email e-mail message phone telephone fax ' +
  // 37.8 complain
  'complain carp gripe grouse lament fume rant rail protest object ' +
  // 37.9 advise; 58 urge and beg
  'advise caution counsel warn instruct admonish alert urge exhort implore beseech entreat beg plead demand ' +
  // answering and continuing a conversation
  'reply respond answer retort counter rejoin continue interject interrupt recall reason conclude ' +
  'agree disagree concur joke quip tease muse wonder sigh scoff sneer gush exclaim boast brag ' +
  'vow promise pledge predict guarantee estimate guess imply indicate opine speculate summarize summarise ' +
  'emphasize emphasise stress point reassure assure remind testify recommend ' +
  // 33 judgement: reports a stance towards someone
  'accuse deny praise slam blast criticize criticise condemn dismiss chide scold mock ridicule ' +
  'laud hail applaud commend thank credit blame charge challenge question ' +
  // naming a thing in words (brand/label/dub X "Y")
  'call describe label dub brand characterize characterise ' +
  // other
  'confirm tout threaten rule'
).split(/\s+/);

// Irregular forms that the inflection rules below would get wrong.
const IRREGULAR: Record<string, string[]> = {
  say: ['said', 'says', 'saying'], tell: ['told', 'tells', 'telling'],
  write: ['wrote', 'written', 'writes', 'writing'], read: ['reads', 'reading'],
  sing: ['sang', 'sung', 'sings', 'singing'], begin: ['began', 'begun', 'begins', 'beginning'],
  cry: ['cried', 'cries', 'crying'], deny: ['denied', 'denies', 'denying'],
  reply: ['replied', 'replies', 'replying'], testify: ['testified', 'testifies', 'testifying'],
  rule: ['ruled', 'rules', 'ruling'], snap: ['snapped', 'snaps', 'snapping'],
  quip: ['quipped', 'quips', 'quipping'], plead: ['pleaded', 'pled', 'pleads', 'pleading'],
  admit: ['admitted', 'admits', 'admitting'], fume: ['fumed', 'fumes', 'fuming'], scoff: ['scoffed', 'scoffs', 'scoffing'],
  imply: ['implied', 'implies', 'implying'], spell: ['spelled', 'spelt'],
  beseech: ['besought', 'beseeched', 'beseeches', 'beseeching'], dub: ['dubbed', 'dubs', 'dubbing'],
  beg: ['begged', 'begs', 'begging'], concur: ['concurred', 'concurs', 'concurring'], sob: ['sobbed', 'sobs', 'sobbing'],
  carp: ['carped', 'carps', 'carping'], rejoin: ['rejoined', 'rejoins', 'rejoining'], 'e-mail': ['e-mailed', 'e-mails', 'e-mailing'],
  alert: ['alerted', 'alerts', 'alerting'], object: ['objected', 'objects', 'objecting'],
};

function inflect(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return [lemma, ...irregular];
  const forms = [lemma];
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const past = lemma.endsWith('e') ? `${lemma}d` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ied` : `${lemma}ed`;
  const third = /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : /[^aeiou]y$/.test(lemma) ? `${lemma.slice(0, -1)}ies` : `${lemma}s`;
  const gerund = lemma.endsWith('ee') ? `${lemma}ing` : `${stem}ing`;
  forms.push(past, third, gerund);
  return forms;
}

const CUE_FORMS = new Map<string, { lemma: string; form: 'base' | 'past' | 'third' | 'gerund' }>();
for (const lemma of SPEECH_VERB_LEMMAS) {
  for (const form of inflect(lemma)) {
    if (CUE_FORMS.has(form)) continue;
    // "read" is its own past tense; in news it is nearly always "the sign read".
    const kind = form === 'read' ? 'past' : form === lemma ? 'base' : form.endsWith('ing') ? 'gerund' : /s$/.test(form) && !form.endsWith('ss') ? 'third' : 'past';
    CUE_FORMS.set(form, { lemma, form: kind });
  }
}

/** Verbs that name speech outright; others (call, describe, praise) only report stance. */
const CORE_SPEECH = new Set('say tell add write tweet ask explain note continue state declare argue claim insist reply respond warn recall acknowledge admit announce suggest concede complain emphasize stress observe joke quip shout chant vow promise pledge predict reiterate remark muse lament boast counter retort urge report confirm assert contend maintain testify exclaim'.split(' '));

/**
 * Verbs whose following noun phrase is the one addressed, judged or named ("urged voters",
 * "praised Smith", "called it"), so "VERB X" names the speaker only right after a quotation.
 */
const OBJECT_FOLLOWS = new Set(('inform notify brief advise counsel instruct admonish alert urge exhort implore beseech ' +
  'entreat beg remind reassure assure thank credit blame charge challenge question accuse deny praise slam blast ' +
  'criticize criticise condemn dismiss chide scold mock ridicule laud hail applaud commend call describe label dub ' +
  'brand characterize characterise cite read text email e-mail message phone telephone fax').split(' '));

/** Whether "VERB X" (cue before its subject) reads as speech anywhere in a sentence: "..., said Smith". */
export function invertsFreely(lemma: string): boolean {
  return CUE_LEMMAS.has(lemma) && !OBJECT_FOLLOWS.has(lemma);
}

const CUE_LEMMAS = new Set(SPEECH_VERB_LEMMAS);

export interface CueWord {
  lemma: string;
  form: 'base' | 'past' | 'third' | 'gerund';
  strong: boolean;
}

export function lookupCue(word: string): CueWord | null {
  const entry = CUE_FORMS.get(word.toLowerCase());
  if (!entry) return null;
  return { ...entry, strong: CORE_SPEECH.has(entry.lemma) };
}

/**
 * Cardinals above one and plural quantifiers (Quirk et al. 1985, 5.25-5.27; Biber et al. 1999,
 * 4.4): a noun after them is plural, so a past or base form right after one is a verb and
 * the quantifier its pronominal subject ("the two write", "the three wrote", "both said").
 */
export const PLURAL_QUANTIFIERS = new Set('two three four five six seven eight nine ten both many several few'.split(' '));
