import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clusterable,
  groupQuotes,
  MAX_PROBES,
  NEIGHBOURS,
  neighbourPairs,
  type NewQuote,
  planClusters,
  probesFor,
} from '../../src/clusters/clusters.ts';

const quote = (id: number, normalizedText: string): NewQuote => ({ id, normalizedText, fingerprint: normalizedText });

describe('planClusters', () => {
  it('puts a group into its probe\'s best stored match\'s cluster', () => {
    const plan = planClusters([[10, 11], [12]], new Map([[10, { otherId: 1, otherClusterId: 7, score: 0.9 }]]));
    assert.deepEqual([...plan.assignments].sort(), [[10, 7], [11, 7]]);
    assert.equal(plan.newClusterCount, 0);
  });

  it('creates a cluster for a group of new quotes, or for one new quote and an unclustered stored one', () => {
    const plan = planClusters([[10, 11], [12], [13]], new Map([[12, { otherId: 3, otherClusterId: null, score: 0.7 }], [13, { otherId: 3, otherClusterId: null, score: 0.6 }]]));
    assert.equal(plan.newClusterCount, 2);
    assert.equal(plan.assignments.get(10), plan.assignments.get(11));
    assert.equal(plan.assignments.get(12), plan.assignments.get(3));
    assert.equal(plan.assignments.get(13), plan.assignments.get(3), 'two groups matching one stored quote share its new cluster');
    assert.notEqual(plan.assignments.get(10), plan.assignments.get(12));
    assert.ok([...plan.assignments.values()].every((c) => c < 0), 'placeholders for new clusters');
  });

  it('ignores matches below the similarity threshold, lone quotes, and short quotes', () => {
    assert.equal(planClusters([[1]], new Map([[1, { otherId: 2, otherClusterId: null, score: 0.49 }]])).assignments.size, 0);
    assert.equal(planClusters([[1], [2]], new Map()).assignments.size, 0);
    assert.equal(clusterable('totally groundless'), false);
    assert.equal(clusterable('one must have clear evidence'), true);
  });
});

describe('groupQuotes', () => {
  it('joins identical texts, and quotes alike enough, leaving the rest alone', () => {
    const groups = groupQuotes([1, 2, 3, 4, 5, 6], [[5, 1]], [
      { a: 1, b: 2, score: 0.9 },
      { a: 2, b: 3, score: 0.49 },
      { a: 3, b: 4, score: 0.95 },
    ]);
    assert.deepEqual(groups, [[1, 2, 5], [3, 4], [6]]);
  });

  it('groups 5,000 near-identical quotes into one in well under a second, through neighbours only', () => {
    const quotes = Array.from({ length: 5000 }, (_, i) => quote(i + 1, `we will never accept these groundless accusations number ${i % 2500}`));
    const { sameText, pairs } = neighbourPairs(quotes);
    assert.equal(sameText.length, 2500, 'exact repeats join without a comparison');
    assert.ok(pairs.length <= 2 * NEIGHBOURS * 2500, `${pairs.length} pairs for 2,500 distinct texts`);
    // Score like pg_trgm would for these: every pair of variants is alike.
    const groups = groupQuotes(quotes.map((q) => q.id), sameText, pairs.map(([a, b]) => ({ a, b, score: 0.9 })));
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.length, 5000);
    assert.deepEqual(probesFor(groups), [1], 'one probe for the whole group');
  });

  it('pairs variants that differ at the start as well as at the end', () => {
    const quotes = [
      quote(1, 'alpha we will defend every inch of allied territory'),
      quote(2, 'zulu we will defend every inch of allied territory'),
      ...Array.from({ length: 20 }, (_, i) => quote(10 + i, `m${String(i).padStart(2, '0')} unrelated words about the weather today`)),
    ];
    const { pairs } = neighbourPairs(quotes);
    assert.ok(pairs.some(([a, b]) => a === 1 && b === 2), 'sorted backwards, the two variants are neighbours');
  });
});

describe('probesFor', () => {
  it('probes the corpus once per group, for at most MAX_PROBES groups', () => {
    const groups = Array.from({ length: MAX_PROBES + 50 }, (_, i) => [2 * i + 1, 2 * i + 2]);
    const probes = probesFor(groups);
    assert.equal(probes.length, MAX_PROBES);
    assert.deepEqual(probes.slice(0, 2), [1, 3]);
  });
});
