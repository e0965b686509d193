/** Soundness figures computed from the code's own parameters. */
import { describe, expect, it } from 'vitest';
import {
  LIGERO_CONJECTURED,
  LIGERO_PROVEN,
  LIGERO_TEST,
  chooseRowWidth,
  ligeroSecurity,
  ligeroShape,
  queriesFor,
  LOG2_EXT_FIELD,
} from '../../src/ligero/index.ts';

const SIZES = [2 ** 10, 2 ** 16, 2 ** 20, 2 ** 22];

describe('ligero security', () => {
  it('LIGERO_CONJECTURED gives ≥ 100 conjectured bits at every size and row width it may meet', () => {
    for (const N of SIZES) {
      for (const l of [128, 256, chooseRowWidth(N, LIGERO_CONJECTURED), 8192]) {
        const s = ligeroSecurity(ligeroShape(LIGERO_CONJECTURED, { rowWidth: l, numRows: Math.ceil(N / l) }));
        expect(s.conjecturedBits, `N=${N} ℓ=${l}`).toBeGreaterThanOrEqual(100);
        expect(s.productRate).toBeLessThanOrEqual(1 / 4);
        expect(s.provenBits).toBeLessThan(s.conjecturedBits);
      }
    }
  });

  it('LIGERO_PROVEN gives ≥ 100 proven bits', () => {
    for (const N of SIZES) {
      const l = chooseRowWidth(N, LIGERO_PROVEN);
      const s = ligeroSecurity(LIGERO_PROVEN, { rowWidth: l, numRows: Math.ceil(N / l) });
      expect(s.provenBits, `N=${N}`).toBeGreaterThanOrEqual(100);
    }
  });

  it('matches the hand-computed figures for product rate exactly 1/4', () => {
    // ℓ + t = k with 2k − 1 = n/4 is impossible exactly; check the per-query formulas instead.
    expect(queriesFor(100, 4, 'proven')).toBe(148); // (1 + 1/4)/2 = 0.625 → 0.678 bits/query
    expect(queriesFor(100, 4, 'conjectured')).toBe(106); // √(1/4) + 0.02 = 0.52 → 0.943 bits/query
    expect(queriesFor(100, 16, 'proven')).toBe(110);
    expect(LOG2_EXT_FIELD).toBeCloseTo(123.63, 2);
  });

  it('the test preset is flagged insecure by the calculator', () => {
    const s = ligeroSecurity(LIGERO_TEST, { rowWidth: 8, numRows: 4 });
    expect(s.conjecturedBits).toBeLessThan(20);
  });

  it('more queries never lower security; a larger blowup lowers the per-query error', () => {
    const shapeA = ligeroShape({ name: 'a', queries: 50, blowup: 4 }, { rowWidth: 512, numRows: 8 });
    const shapeB = ligeroShape({ name: 'b', queries: 60, blowup: 4 }, { rowWidth: 512, numRows: 8 });
    const shapeC = ligeroShape({ name: 'c', queries: 50, blowup: 16 }, { rowWidth: 512, numRows: 8 });
    expect(ligeroSecurity(shapeB).provenBits).toBeGreaterThan(ligeroSecurity(shapeA).provenBits);
    expect(ligeroSecurity(shapeC).perQueryProvenBits).toBeGreaterThan(ligeroSecurity(shapeA).perQueryProvenBits);
  });

  it('rejects t > ℓ + 1 and bad parameters', () => {
    expect(() => ligeroShape({ name: 'x', queries: 10, blowup: 4 }, { rowWidth: 8, numRows: 1 })).toThrow(RangeError);
    expect(() => ligeroShape({ name: 'x', queries: 4, blowup: 3 }, { rowWidth: 8, numRows: 1 })).toThrow(RangeError);
    expect(() => ligeroShape({ name: 'x', queries: 0, blowup: 4 }, { rowWidth: 8, numRows: 1 })).toThrow(RangeError);
  });
});

describe('ligero adaptive query count', () => {
  it('uses the fewest queries reaching the target for the actual code, never more than the worst case', () => {
    for (const p of [LIGERO_CONJECTURED, LIGERO_PROVEN]) {
      for (const l of [256, 1024, 4096]) {
        const shape = ligeroShape(p, { rowWidth: l, numRows: 64 });
        const sec = ligeroSecurity(shape);
        const bits = p.target!.regime === 'proven' ? sec.provenBits : sec.conjecturedBits;
        expect(shape.queries).toBeLessThanOrEqual(p.queries);
        expect(bits).toBeGreaterThanOrEqual(100);
        const fewer = ligeroShape({ name: 'x', queries: shape.queries - 1, blowup: p.blowup }, { rowWidth: l, numRows: 64 });
        const s2 = ligeroSecurity(fewer);
        expect(p.target!.regime === 'proven' ? s2.provenBits : s2.conjecturedBits).toBeLessThan(100);
      }
    }
  });
});
