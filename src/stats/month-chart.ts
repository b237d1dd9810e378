// A small bar chart of counts per month, as numbers a template turns into SVG. Pure: the
// server renders it, no script needed.

export interface MonthCount {
  /** 'YYYY-MM' */
  month: string;
  count: number;
}

export interface MonthChart {
  width: number;
  height: number;
  bars: { x: number; y: number; width: number; height: number; label: string }[];
  axis: { x: number; label: string }[];
  max: number;
  total: number;
  summary: string;
}

const CHART_HEIGHT = 120;
const PLOT_HEIGHT = 100;
const MAX_BAR_WIDTH = 24;
const CHART_WIDTH = 640;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m === 12 ? ((m = 1), y++) : m++;
  }
  return months;
}

function label(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

/** Every month from the first to the last with a count, empty months included. */
export function buildMonthChart(counts: MonthCount[]): MonthChart | null {
  const sorted = counts.filter((c) => c.count > 0).sort((a, b) => a.month.localeCompare(b.month));
  if (sorted.length === 0) return null;
  const byMonth = new Map(sorted.map((c) => [c.month, c.count]));
  const months = monthsBetween(sorted[0]!.month, sorted.at(-1)!.month);
  const max = Math.max(...sorted.map((c) => c.count));
  const slot = Math.min(MAX_BAR_WIDTH + 4, CHART_WIDTH / months.length);
  const barWidth = Math.max(1, slot - Math.min(4, slot / 4));
  const total = sorted.reduce((sum, c) => sum + c.count, 0);
  const bars = months.map((month, i) => {
    const count = byMonth.get(month) ?? 0;
    const h = Math.round((count / max) * PLOT_HEIGHT);
    return { x: +(i * slot).toFixed(2), y: PLOT_HEIGHT - h, width: +barWidth.toFixed(2), height: h, label: `${label(month)}: ${count}` };
  });
  const step = Math.max(1, Math.ceil(months.length / 6));
  const axis = months.map((month, i) => ({ x: +(i * slot).toFixed(2), label: label(month) })).filter((_, i) => i % step === 0);
  return {
    width: +(months.length * slot).toFixed(2),
    height: CHART_HEIGHT,
    bars,
    axis,
    max,
    total,
    summary: `${total} statements from ${label(months[0]!)} to ${label(months.at(-1)!)}, at most ${max} in a month`,
  };
}
