import { z } from 'zod';

// The one place that words zod's own messages for people. A schema's explicit message
// (`z.enum(..., { error: 'must be quote or claim' })`) wins; any check without one gets a
// sentence here instead of zod's "Invalid input: expected number, received NaN". Messages
// complete the field name that parseInput puts before them: "limit: must be a number".

type Issue = z.core.$ZodRawIssue;

const KIND_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  date: 'a date as YYYY-MM-DD',
  array: 'a list',
  object: 'an object (a set of named fields)',
  nan: 'a number',
};

/**
 * A value of the wrong type. A query string gives a list for a repeated name (`a=1&a=2`,
 * `a[]=1`) and an object for brackets (`a[b]=1`): said as such, since neither is a type
 * the person typed.
 */
function typeMessage(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  const want = KIND_NAMES[issue.expected] ?? issue.expected;
  if (issue.input === undefined) return 'is required';
  if (Array.isArray(issue.input) && issue.expected !== 'array') return 'must be given once';
  if (issue.input !== null && typeof issue.input === 'object' && issue.expected !== 'object') return `must be ${want}, not a set of named values (name[key]=...)`;
  if (issue.input === null) return `must be ${want}, not null`;
  return `must be ${want}`;
}

function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const side = issue.code === 'too_small' ? 'at least' : 'at most';
  const amount = bound.toLocaleString('en');
  if (issue.origin === 'string') return issue.code === 'too_small' && bound === 1 ? 'must not be empty' : `must be ${side} ${amount} characters`;
  if (issue.origin === 'array' || issue.origin === 'set') return `must have ${side} ${amount} items`;
  return `must be ${side} ${amount}`;
}

/**
 * The message for an issue that its schema did not word: one sentence for people, no type
 * names from JavaScript, no "Invalid input". Returns undefined only for issues zod words
 * itself acceptably (never in practice).
 */
export function humanMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(issue);
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'is not in the expected form' : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `is not a known parameter`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    default:
      return 'is not valid here';
  }
}

z.config({ customError: humanMessage });

/**
 * For a JSON or form body, where a list or an object in place of a value is a wrong type
 * rather than a repeated query parameter: "must be text, not a list". Passed per parse
 * (`safeParse(value, { error: bodyMessage })`), it comes before the global messages above;
 * undefined leaves every other issue to them.
 */
export function bodyMessage(issue: Issue): string | undefined {
  if (issue.code !== 'invalid_type' || issue.input === null || typeof issue.input !== 'object') return undefined;
  const want = KIND_NAMES[issue.expected] ?? issue.expected;
  if (Array.isArray(issue.input)) return issue.expected === 'array' ? undefined : `must be ${want}, not a list`;
  return issue.expected === 'object' ? undefined : `must be ${want}, not a set of named fields`;
}
