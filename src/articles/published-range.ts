// Which publication dates are plausible. News archives go back to the 19th century; a date
// after next year is a typo or a page's placeholder (9999-12-31), and a date in year 1 or
// 10000 breaks date arithmetic downstream (and the speaker chart's month axis). Callers
// read the clock at their boundary and pass `now`.

/** The first plausible year of publication. */
export const FIRST_PUBLISHED_YEAR = 1800;

export interface PublishedRange {
  firstYear: number;
  /** The end of next year, counted from `now` (UTC). */
  lastYear: number;
  /** First and last plausible days, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
}

export function publishedRange(now: Date): PublishedRange {
  const lastYear = now.getUTCFullYear() + 1;
  return { firstYear: FIRST_PUBLISHED_YEAR, lastYear, firstDay: `${FIRST_PUBLISHED_YEAR}-01-01`, lastDay: `${lastYear}-12-31` };
}

/** Is the instant within 1800-01-01T00:00Z .. the end of next year (UTC)? */
export function isPlausiblePublished(date: Date, now: Date): boolean {
  const year = date.getUTCFullYear();
  const { firstYear, lastYear } = publishedRange(now);
  return year >= firstYear && year <= lastYear;
}
