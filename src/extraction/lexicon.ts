// Word lists that let plain rules read noun phrases in news prose. General English only:
// nothing here is specific to one article or one set of names.

const words = (s: string) => new Set(s.trim().split(/\s+/));

export const SUBJECT_PRONOUNS = words('he she they i we it you who');

export const DETERMINERS = words(
  'the a an this these those his her their its our my your another one some several many ' +
  'two three four five six seven eight nine ten dozens both each every other most few',
);

/** Nouns that can head a speaker mention ("the spokesman", "sources", "the embassy"). */
export const SPEAKER_NOUNS = words(
  'spokesman spokeswoman spokesperson spokespeople secretary director official officials senator ' +
  'president minister chairman chairwoman chair chief executive head leader leaders analyst analysts ' +
  'professor lawyer lawyers attorney attorneys aide aides adviser advisers advisor advisors strategist ' +
  'strategists economist economists expert experts researcher researchers scientist scientists ' +
  'candidate nominee governor mayor premier representative congressman congresswoman lawmaker lawmakers ' +
  'diplomat diplomats ambassador commissioner manager founder author writer reporter reporters editor ' +
  'columnist host anchor correspondent source sources officer officers agent agents general judge ' +
  'justice prosecutor prosecutors investigator investigators member members staff staffer staffers ' +
  'operative operatives activist activists organizer organizers pollster pollsters voter voters ' +
  'supporter supporters critic critics resident residents man woman men women friend father mother ' +
  'wife husband son daughter brother sister campaign administration government embassy ministry ' +
  'department agency office committee board group company firm organization statement report letter ' +
  'ad study survey poll website newspaper network authorities authority police union party council ' +
  'court panel team side military army navy regulator regulators student students worker workers ' +
  'employee employees owner executive executives partner partners ally allies colleague colleagues ' +
  'teacher doctor doctors nurse veteran veterans delegate delegates donor donors consultant ' +
  'consultants historian commentator moderator narrator questioner protester protesters crowd ' +
  'people person user users someone insider insiders observer observers correspondent press ' +
  'memo release filing complaint suit lawsuit editorial column post tweet message email document ' +
  'indictment petition declaration analysis review paper book article blog transcript',
);

/** Lowercase words that modify a speaker noun ("deputy press secretary", "senior official"). */
export const ROLE_MODIFIERS = words(
  'deputy senior former top chief acting assistant associate executive campaign national state ' +
  'federal local foreign press political presidential vice general special principal managing ' +
  'longtime veteran retired then current incoming outgoing interim lead co communications policy ' +
  'administration white house defense security intelligence military economic legal public ' +
  'republican democratic conservative liberal independent progressive public senior-level ' +
  'congressional legislative regional county city district school university business ' +
  'international global chinese american british several unnamed anonymous other some many two ' +
  'three four few high-ranking ranking majority minority party election news media police ' +
  'white-house health finance treasury justice interior commerce energy',
);

/** Capitalized words that are titles, not part of a person's name. */
export const TITLE_WORDS = words(
  'President Vice Secretary Senator Sen. Sen Rep. Rep Representative Gov. Gov Governor Mayor ' +
  'Minister Prime Foreign Chancellor Chairman Chairwoman Chair Director Chief Justice Judge Gen. ' +
  'General Lt. Col. Sgt. Capt. Adm. Maj. Mr. Mrs. Ms. Miss Dr. Prof. Professor Rev. Sir Dame Lord ' +
  'Lady King Queen Prince Princess Pope Ambassador Commissioner Attorney Speaker Leader Sheriff ' +
  'Congressman Congresswoman Councilman Councilwoman Del. Delegate Supt. Officer Detective ' +
  'Spokesman Spokeswoman Deputy Acting Former Press Sen.-elect Pres. Atty. Assemblyman Assemblywoman ' +
  'State Department House White Defense Treasury Homeland Security Cabinet Republican Democrat ' +
  'Democratic GOP Majority Minority Whip Presidential Candidate Nominee Senate US U.S. UK U.K. EU UN ' +
  'Mr Mrs Ms Dr Prof St Lt Col Gen Sgt Capt',
);

export const MALE_TITLES = words('Mr. Mr Sir Lord King Prince Congressman Councilman Assemblyman Father Brother');
export const FEMALE_TITLES = words('Mrs. Mrs Ms. Ms Miss Dame Lady Queen Princess Congresswoman Councilwoman Assemblywoman Sister');

/** Capitalized words that open sentences or clauses and are not names. */
export const CAPITALIZED_STOPWORDS = words(
  'The A An And But Or So Yet For Nor In On At By To From With Without Of As If When While After ' +
  'Before Since Because Although Though Until Unless Where Whether Which Who What Why How That This ' +
  'These Those There Here It Its He She They We I You His Her Their Our My Your Then Now Still Also ' +
  'However Meanwhile Indeed Instead Asked Speaking Earlier Later Last Next Today Yesterday Tomorrow ' +
  'According During Despite Under Over Into Through Among Between Such Even Only Just Not No Yes ' +
  'Some Many Most All Both Each Every Other Another Several Monday Tuesday Wednesday Thursday Friday ' +
  'Saturday Sunday January February March April May June July August September October November December ' +
  'Neither Either Nor Perhaps Maybe Once Like Unlike Amid Along Across Against Around Behind Beyond Inside Outside',
);

/** Lowercase words allowed inside a multi-word proper name ("Department of Justice"). */
export const NAME_CONNECTORS = words('of for de la del le van von bin al da di du the and on in');

export const TIME_WORDS = words(
  'monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier later ' +
  'recently previously once again then also further repeatedly publicly privately reportedly ' +
  'last this next week weekend month year morning afternoon evening night on in at early late ' +
  'has have had was were is are will would could did does do not never just often still always ' +
  'apparently initially first finally already even only flatly firmly quickly simply directly ' +
  'separately subsequently afterward afterwards years months weeks days ago ultimately less more than ' +
  'about nearly almost two three four five six several few',
);

/** Heads that make a mention an organization rather than a person. */
export const ORGANIZATION_HEADS = words(
  'campaign administration government embassy ministry department agency office committee board ' +
  'group company firm organization authorities police union party council court panel team military ' +
  'army navy network newspaper website Times Post Journal News Press Network Institute University ' +
  'Department Ministry Committee Council Agency Party Embassy Administration Commission Bureau Service ' +
  'Foundation Association Center Centre Corporation Inc. Corp. Co. Group Bank Union Court Congress ' +
  'Senate House Office Organization Alliance Coalition League Federation Fund Board Magazine Review ' +
  // Legal-form suffixes of company names (Wikipedia, "List of legal entity types by country":
  // US, UK, German, French, Dutch, Australian forms): "Keller & Sons Ltd.", "Brightway Corp.".
  'Inc Corp Co Ltd Ltd. LLC L.L.C. LLP LP PLC Plc plc GmbH AG KG SA S.A. SAS SARL NV N.V. BV B.V. Pty',
);

/** Countries, blocs and capitals that news uses as speakers ("China denies ..."): organizations. */
export const GEOPOLITICAL = new Set(
  ('China Russia America Britain France Germany Japan India Iran Iraq Israel Turkey Syria Canada Mexico ' +
    'Australia Brazil Italy Spain Ukraine Pakistan Afghanistan Egypt Poland Cuba Venezuela Taiwan ' +
    'Korea Vietnam Indonesia Nigeria Ethiopia Kenya Qatar Jordan Lebanon Libya Yemen Sweden Norway ' +
    'Denmark Finland Netherlands Belgium Switzerland Austria Greece Hungary Serbia Belarus Georgia ' +
    'Beijing Moscow Washington Tehran Kremlin Pentagon Brussels Kyiv Kiev Tokyo Ankara Damascus ' +
    'Pyongyang Seoul Ottawa Canberra Wellington London Paris Berlin NATO EU UN US U.S. USA UK U.K.')
    .split(' '),
);
