// Gender of a person from a common first name, so "she" skips the last man quoted. Only a
// hint: unknown names stay null and fit either pronoun.

const MALE = new Set(
  ('james john robert michael william david richard joseph thomas charles christopher daniel matthew ' +
    'anthony antony mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy ' +
    'jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin ' +
    'samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron jose adam henry nathan ' +
    'douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry ' +
    'sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan ' +
    'alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny bernie ' +
    'barack bill mike jim tom ted chris newt rudy ben marco jeb rand ned dominic vladimir boris ' +
    'mitch chuck harry dick al tim reince corey sean kellyanne mitt rick lindsey jeff bob tony hank ' +
    'xi emmanuel justin narendra recep benjamin francis jean pierre hans karl ahmed mohammed muhammad ' +
    'ali omar hassan abdul jorge carlos luis miguel pedro andres ivan sergei dmitry igor oleg')
    .split(' '),
);

const FEMALE = new Set(
  ('mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret ' +
    'sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca ' +
    'sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha ' +
    'katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie ' +
    'joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha ' +
    'jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia ' +
    'judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie ' +
    'isabella charlotte rose alexis kayla hillary chelsea melania ivanka michelle nikki elizabeth ' +
    'condoleezza madeleine nancy theresa angela marine huma donna debbie kirsten tammy jill hope ' +
    'sarah carly loretta janet susana dianne maxine elena sonia ruth tulsi kamala amy')
    .split(' '),
);

export function guessGender(name: string): 'm' | 'f' | null {
  const first = name.trim().split(/\s+/)[0]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
  if (FEMALE.has(first)) return 'f';
  if (MALE.has(first)) return 'm';
  return null;
}
