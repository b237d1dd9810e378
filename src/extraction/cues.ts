// Lexicon of speech cues: verbs (all inflections) and multi-word phrases that that
// someone said something. Kept as data so new cues are a one-line change.

const SPEECH_VERB_LEMMAS = (
  'say tell add write tweet post ask explain note continue state declare argue claim insist ' +
  'reply respond warn recall acknowledge admit announce suggest concede complain emphasize ' +
  'emphasise stress observe joke quip shout cry chant vow promise pledge predict reiterate ' +
  'remark muse lament boast brag counter retort urge call describe accuse deny praise slam ' +
  'blast criticize criticise condemn dismiss report confirm assert contend maintain mention ' +
  'point testify testified tout caution wonder scoff sneer yell scream whisper mutter ' +
  'write conclude summarize summarise reason charge allege agree disagree ' +
  'estimate guess hint imply indicate interject interrupt muse opine proclaim ' +
  'propose recount repeat reply reveal speculate thank tease threaten ' +
  'demand plead beg instruct advise inform assure reassure remind concur cite credit ' +
  'label dub characterize characterise challenge chide scold mock ' +
  'ridicule rail rant fume gush exclaim recommend acknowledge attest affirm announce ' +
  'communicate disclose divulge narrate observe pronounce recite snap sigh tweet laud hail ' +
  'applaud commend rule'
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
    const kind = form === lemma ? 'base' : form.endsWith('ing') ? 'gerund' : /s$/.test(form) && !form.endsWith('ss') ? 'third' : 'past';
    CUE_FORMS.set(form, { lemma, form: kind });
  }
}

/** Verbs that name speech outright; others (call, describe, praise) only report stance. */
const CORE_SPEECH = new Set('say tell add write tweet ask explain note continue state declare argue claim insist reply respond warn recall acknowledge admit announce suggest concede complain emphasize stress observe joke quip shout chant vow promise pledge predict reiterate remark muse lament boast counter retort urge report confirm assert contend maintain testify exclaim'.split(' '));

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
