// A small bar chart of counts per month, as numbers a template turns into SVG. Pure: the
// server renders it, no script needed.

export interface MonthCount {
  /** 'YYYY-MM' */
  month: string;
  count: number;
}

export interface MonthChart {
  /** What one bar counts: a month, or a year when the months span more than MAX_MONTH_BARS. */
  unit: 'month' | 'year';
  width: number;
  height: number;
  bars: { x: number; y: number; width: number; height: number; label: string }[];
  axis: { x: number; label: string }[];
  max: number;
  total: number;
  summary: string;
}

/** The years drawn (both included); counts outside are left out and said so. */
export interface ChartYears {
  firstYear: number;
  lastYear: number;
}

/** Twenty years of months; a longer span is drawn as years, so the bar count stays bounded. */
export const MAX_MONTH_BARS = 240;
const CHART_HEIGHT = 120;
const PLOT_HEIGHT = 100;
const MAX_BAR_WIDTH = 24;
const CHART_WIDTH = 640;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Bucket {
  key: string;
  label: string;
}

const yearOf = (month: string) => Number(month.split('-')[0]);
const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
};

function monthBuckets(first: string, last: string): Bucket[] {
  const buckets: Bucket[] = [];
  for (let i = monthIndex(first); i <= monthIndex(last); i++) {
    const y = Math.floor(i / 12);
    const m = (i % 12) + 1;
    buckets.push({ key: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`, label: `${MONTH_NAMES[m - 1]} ${y}` });
  }
  return buckets;
}

function yearBuckets(first: number, last: number): Bucket[] {
  return Array.from({ length: last - first + 1 }, (_, i) => ({ key: String(first + i), label: String(first + i) }));
}

/**
 * Statements per month from the first month with a count to the last, empty months
 * included; per year when that spans more than MAX_MONTH_BARS months. Counts outside
 * `years` are not drawn (the summary says how many), so a chart has at most
 * max(MAX_MONTH_BARS, lastYear - firstYear + 1) bars whatever the dates stored.
 */
export function buildMonthChart(counts: MonthCount[], years: ChartYears): MonthChart | null {
  const dated = counts.filter((c) => c.count > 0);
  const drawn = dated.filter((c) => yearOf(c.month) >= years.firstYear && yearOf(c.month) <= years.lastYear);
  const outside = dated.reduce((sum, c) => sum + c.count, 0) - drawn.reduce((sum, c) => sum + c.count, 0);
  if (drawn.length === 0) return null;
  const months = drawn.map((c) => c.month).sort((a, b) => monthIndex(a) - monthIndex(b));
  const [first, last] = [months[0]!, months.at(-1)!];
  const unit = monthIndex(last) - monthIndex(first) + 1 > MAX_MONTH_BARS ? 'year' : 'month';
  const buckets = unit === 'month' ? monthBuckets(first, last) : yearBuckets(yearOf(first), yearOf(last));
  const countByKey = new Map<string, number>();
  for (const c of drawn) {
    const key = unit === 'month' ? c.month : String(yearOf(c.month));
    countByKey.set(key, (countByKey.get(key) ?? 0) + c.count);
  }
  const max = Math.max(...countByKey.values());
  const slot = Math.min(MAX_BAR_WIDTH + 4, CHART_WIDTH / buckets.length);
  const barWidth = Math.max(1, slot - Math.min(4, slot / 4));
  const total = drawn.reduce((sum, c) => sum + c.count, 0);
  const bars = buckets.map((b, i) => {
    const count = countByKey.get(b.key) ?? 0;
    const h = Math.round((count / max) * PLOT_HEIGHT);
    return { x: +(i * slot).toFixed(2), y: PLOT_HEIGHT - h, width: +barWidth.toFixed(2), height: h, label: `${b.label}: ${count}` };
  });
  const step = Math.max(1, Math.ceil(buckets.length / 6));
  const axis = buckets.map((b, i) => ({ x: +(i * slot).toFixed(2), label: b.label })).filter((_, i) => i % step === 0);
  const left = outside > 0 ? `; ${outside} dated before ${years.firstYear} or after ${years.lastYear} not drawn` : '';
  return {
    unit,
    width: +(buckets.length * slot).toFixed(2),
    height: CHART_HEIGHT,
    bars,
    axis,
    max,
    total,
    summary: `${total} statements from ${buckets[0]!.label} to ${buckets.at(-1)!.label}, at most ${max} in a ${unit}${left}`,
  };
}
