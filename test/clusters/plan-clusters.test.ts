import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterable, planClusters } from '../../src/clusters/clusters.ts';

describe('planClusters', () => {
  it('joins a new statement to its best match only, reusing that match\'s cluster', () => {
    const plan = planClusters([
      { newId: 10, otherId: 1, otherClusterId: 7, score: 0.9 },
      { newId: 10, otherId: 2, otherClusterId: 8, score: 0.6 },
    ]);
    assert.deepEqual([...plan.assignments], [[10, 7]]);
    assert.equal(plan.newClusterCount, 0);
  });

  it('creates a cluster for new statements that match each other or an unclustered one', () => {
    const plan = planClusters([
      { newId: 10, otherId: 11, otherClusterId: null, score: 0.8 },
      { newId: 11, otherId: 10, otherClusterId: null, score: 0.8 },
      { newId: 12, otherId: 3, otherClusterId: null, score: 0.7 },
    ]);
    assert.equal(plan.newClusterCount, 2);
    assert.equal(plan.assignments.get(10), plan.assignments.get(11));
    assert.equal(plan.assignments.get(12), plan.assignments.get(3));
    assert.notEqual(plan.assignments.get(10), plan.assignments.get(12));
    assert.ok([...plan.assignments.values()].every((c) => c < 0), 'placeholders for new clusters');
  });

  it('follows chains of best matches to the one stored statement they end at', () => {
    const plan = planClusters([
      { newId: 10, otherId: 1, otherClusterId: 5, score: 0.9 },
      { newId: 11, otherId: 10, otherClusterId: null, score: 0.95 },
      { newId: 11, otherId: 2, otherClusterId: 3, score: 0.9 },
    ]);
    assert.deepEqual([...plan.assignments].sort(), [[10, 5], [11, 5]]);
    assert.equal(plan.newClusterCount, 0);
  });

  it('ignores matches below the similarity threshold and short quotes', () => {
    assert.equal(planClusters([{ newId: 1, otherId: 2, otherClusterId: null, score: 0.49 }]).assignments.size, 0);
    assert.equal(clusterable('totally groundless'), false);
    assert.equal(clusterable('one must have clear evidence'), true);
  });
});
