import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMonthChart, MAX_MONTH_BARS } from '../../src/stats/month-chart.ts';

const YEARS = { firstYear: 1800, lastYear: 2027 };

describe('buildMonthChart', () => {
  it('has a bar for every month from first to last, empty ones at zero height', () => {
    const chart = buildMonthChart([
      { month: '2021-11', count: 2 },
      { month: '2022-02', count: 4 },
    ], YEARS)!;
    assert.equal(chart.unit, 'month');
    assert.deepEqual(chart.bars.map((b) => b.label), ['Nov 2021: 2', 'Dec 2021: 0', 'Jan 2022: 0', 'Feb 2022: 4']);
    assert.deepEqual(chart.bars.map((b) => b.height), [50, 0, 0, 100]);
    assert.equal(chart.bars[3]!.y, 0);
    assert.equal(chart.total, 6);
    assert.match(chart.summary, /6 statements from Nov 2021 to Feb 2022, at most 4 in a month$/);
  });

  it('keeps many months within the chart width', () => {
    const counts = Array.from({ length: 120 }, (_, i) => ({ month: `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, count: i + 1 }));
    const chart = buildMonthChart(counts, YEARS)!;
    assert.equal(chart.bars.length, 120);
    assert.ok(chart.width <= 640.01);
    assert.ok(chart.axis.length <= 7);
  });

  it('draws years, not months, when the months span more than twenty years', () => {
    const twenty = buildMonthChart([{ month: '2001-01', count: 1 }, { month: '2020-12', count: 1 }], YEARS)!;
    assert.equal(twenty.unit, 'month');
    assert.equal(twenty.bars.length, MAX_MONTH_BARS);
    const longer = buildMonthChart([
      { month: '1990-03', count: 2 },
      { month: '1990-07', count: 1 },
      { month: '2021-01', count: 5 },
    ], YEARS)!;
    assert.equal(longer.unit, 'year');
    assert.equal(longer.bars.length, 32);
    assert.deepEqual([longer.bars[0]!.label, longer.bars[1]!.label, longer.bars.at(-1)!.label], ['1990: 3', '1991: 0', '2021: 5']);
    assert.match(longer.summary, /8 statements from 1990 to 2021, at most 5 in a year$/);
  });

  it('leaves out dates outside the years drawn and says how many, whatever they are', () => {
    const chart = buildMonthChart([
      { month: '0001-01', count: 3 },
      { month: '2021-07', count: 2 },
      { month: '9999-12', count: 4 },
    ], YEARS)!;
    assert.deepEqual(chart.bars.map((b) => b.label), ['Jul 2021: 2']);
    assert.match(chart.summary, /2 statements from Jul 2021 to Jul 2021, at most 2 in a month; 7 dated before 1800 or after 2027 not drawn/);
    const spread = buildMonthChart([{ month: '1800-01', count: 1 }, { month: '2027-12', count: 1 }], YEARS)!;
    assert.equal(spread.bars.length, 2027 - 1800 + 1);
    assert.equal(buildMonthChart([{ month: '9999-12', count: 4 }], YEARS), null);
  });

  it('draws nothing without dated statements', () => {
    assert.equal(buildMonthChart([], YEARS), null);
  });
});
