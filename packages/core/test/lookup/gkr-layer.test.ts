import { describe, it, expect } from 'vitest';
import { randomVector } from '../../src/field/babybear.ts';
import { eRandom, eEq } from '../../src/field/ext4.ts';
import { eqTable } from '../../src/poly/eq.ts';
import { SumcheckState, extTable } from '../../src/sumcheck/instance.ts';
import { GkrLayerState } from '../../src/lookup/gkr-layer.ts';
import { layerTerms } from '../../src/lookup/gkr.ts';
import { randomPoint } from '../sumcheck/helpers.ts';

describe('specialized GKR layer state', () => {
  it('produces the generic state’s messages and final values in every round', () => {
    for (const k of [1, 2, 6]) {
      const rho = randomPoint(k);
      const t = [0, 1, 2, 3].map(() => randomVector(4 << k));
      const lambda = eRandom();
      const fast = new GkrLayerState(rho, t[0], t[1], t[2], t[3], lambda);
      const ref = new SumcheckState([eqTable(rho), ...t].map(extTable), layerTerms(lambda));
      expect(eEq(fast.totalSum(), ref.totalSum())).toBe(true);
      for (let j = 0; j < k; j++) {
        expect(fast.roundEvals()).toEqual(ref.roundEvals());
        const r = eRandom();
        fast.bind(r);
        ref.bind(r);
      }
      expect(fast.finalValues()).toEqual(ref.finalValues());
    }
  });
  it('with the claim given (g(1) derived from it) produces the same messages, and the reference round agrees', () => {
    for (const k of [1, 2, 3, 7]) {
      const rho = randomPoint(k);
      const t = [0, 1, 2, 3].map(() => randomVector(4 << k));
      const lambda = eRandom();
      const ref = new SumcheckState([eqTable(rho), ...t].map(extTable), layerTerms(lambda));
      const fast = new GkrLayerState(rho, t[0], t[1], t[2], t[3], lambda, ref.totalSum());
      for (let j = 0; j < k; j++) {
        const want = ref.roundEvals();
        expect(fast.roundEvals()).toEqual(want);
        expect(fast.computeReference()).toEqual(want);
        const r = eRandom();
        fast.bind(r);
        ref.bind(r);
      }
      expect(fast.finalValues()).toEqual(ref.finalValues());
    }
  });
  it('a wrong claim gives messages inconsistent with the generic state (the claim is used, not recomputed)', () => {
    const k = 4;
    const rho = randomPoint(k);
    const t = [0, 1, 2, 3].map(() => randomVector(4 << k));
    const lambda = eRandom();
    const ref = new SumcheckState([eqTable(rho), ...t].map(extTable), layerTerms(lambda));
    const fast = new GkrLayerState(rho, t[0], t[1], t[2], t[3], lambda, eRandom());
    expect(fast.roundEvals()).not.toEqual(ref.roundEvals());
  });
  it('rejects tables of the wrong size', () => {
    expect(() => new GkrLayerState(randomPoint(2), randomVector(16), randomVector(16), randomVector(16), randomVector(8), eRandom())).toThrow(/expected tables of 4 ext entries, got 2/);
  });
});
