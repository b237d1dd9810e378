// Gender of a person from a common first name (frequent English and a few international
// names), so "she" skips the last man quoted. Only a
// hint: unknown names stay null and fit either pronoun.

const MALE = new Set(
  ('james john robert michael william david richard joseph thomas charles christopher daniel matthew ' +
    'anthony antony mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy ' +
    'jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin ' +
    'samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron jose adam henry nathan ' +
    'douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry ' +
    'sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan ' +
    'alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny ' +
    'bill mike jim tom ted chris ben ned dominic ' +
    'harry al tim sean rick jeff bob tony ' +
    'justin benjamin francis jean pierre hans karl ahmed mohammed muhammad ' +
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
    'isabella charlotte rose alexis kayla michelle elizabeth ' +
    'nancy theresa angela donna ' +
    'sarah janet ruth amy')
    .split(' '),
);

export function guessGender(name: string): 'm' | 'f' | null {
  const first = name.trim().split(/\s+/)[0]?.toLowerCase().replace(/[^a-z]/g, '') ?? '';
  if (FEMALE.has(first)) return 'f';
  if (MALE.has(first)) return 'm';
  return null;
}
