import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMonthChart } from '../../src/stats/month-chart.ts';

describe('buildMonthChart', () => {
  it('has a bar for every month from first to last, empty ones at zero height', () => {
    const chart = buildMonthChart([
      { month: '2021-11', count: 2 },
      { month: '2022-02', count: 4 },
    ])!;
    assert.deepEqual(chart.bars.map((b) => b.label), ['Nov 2021: 2', 'Dec 2021: 0', 'Jan 2022: 0', 'Feb 2022: 4']);
    assert.deepEqual(chart.bars.map((b) => b.height), [50, 0, 0, 100]);
    assert.equal(chart.bars[3]!.y, 0);
    assert.equal(chart.total, 6);
    assert.match(chart.summary, /6 statements from Nov 2021 to Feb 2022, at most 4 in a month/);
  });

  it('keeps many months within the chart width', () => {
    const counts = Array.from({ length: 120 }, (_, i) => ({ month: `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, count: i + 1 }));
    const chart = buildMonthChart(counts)!;
    assert.equal(chart.bars.length, 120);
    assert.ok(chart.width <= 640.01);
    assert.ok(chart.axis.length <= 7);
  });

  it('draws nothing without dated statements', () => {
    assert.equal(buildMonthChart([]), null);
  });
});
