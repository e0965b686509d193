import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorDivMod, requantize, requantSplit, roundHalfUp } from '../../src/int/arith.ts';
import { HALF_P } from '../../src/int/core.ts';
import { chooseMultiplier, MultiplierError } from '../../src/quant/multiplier.ts';

/** The specification: ⌊(acc·M + 2^(s−1)) / 2^s⌋ in BigInt (floor division for negatives). */
function refQ(acc: number, m: number, s: number): bigint {
  const num = BigInt(acc) * BigInt(m) + (1n << BigInt(s - 1));
  const d = 1n << BigInt(s);
  const q = num / d;
  return num < 0n && q * d !== num ? q - 1n : q;
}

describe('split requantization', () => {
  it('equals ⌊(acc·M + 2^(s−1))/2^s⌋ (BigInt) on random inputs, with every piece in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -HALF_P, max: HALF_P }), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 13, max: 29 }), (acc, m, s) => {
        const sp = requantSplit(acc, m, s);
        expect(BigInt(sp.q)).toBe(refQ(acc, m, s));
        expect(requantize(acc, m, s, -(2 ** 40), 2 ** 40)).toBe(sp.q);
        // the three equations of the split form, exactly
        expect(sp.h * 8192 + sp.l).toBe(acc);
        expect(sp.l * m + 2 ** (s - 1)).toBe(sp.c * 8192 + sp.r1);
        expect(sp.h * m + sp.c).toBe(sp.q * 2 ** (s - 13) + sp.r2);
        expect(sp.l >= 0 && sp.l < 8192 && sp.r1 >= 0 && sp.r1 < 8192 && sp.r2 >= 0 && sp.r2 < 2 ** (s - 13)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds half up, also for negatives (−2.5 → −2, −3.5 → −3, 2.5 → 3)', () => {
    // acc·M / 2^s = acc / 2 with M = 2^13, s = 14
    expect(requantize(-5, 8192, 14, -128, 127)).toBe(-2);
    expect(requantize(-7, 8192, 14, -128, 127)).toBe(-3);
    expect(requantize(5, 8192, 14, -128, 127)).toBe(3);
    expect(roundHalfUp(-2.5)).toBe(-2);
  });

  it('clamps to the output range', () => {
    expect(requantize(1_000_000, 65535, 13, -128, 127)).toBe(127);
    expect(requantize(-1_000_000, 65535, 13, 0, 127)).toBe(0);
  });

  it('floorDivMod matches q·d + r with 0 ≤ r < d', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), fc.integer({ min: 1, max: 2 ** 20 }), (a, d) => {
        const [q, r] = floorDivMod(a, d);
        expect(q * d + r).toBe(a);
        expect(r >= 0 && r < d).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('chooseMultiplier', () => {
  it('keeps M < 2^15, 13 ≤ s ≤ 27 and relative error ≤ 2^-15 for factors ≥ 2^-13', () => {
    fc.assert(
      fc.property(fc.double({ min: 2 ** -13, max: 3.99, noNaN: true }), (real) => {
        const { m, s } = chooseMultiplier(real);
        expect(m).toBeLessThan(2 ** 15);
        expect(s).toBeGreaterThanOrEqual(13);
        expect(s).toBeLessThanOrEqual(27);
        expect(Math.abs(m / 2 ** s - real) / real).toBeLessThanOrEqual(2 ** -15 * (1 + 1e-9));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses factors it cannot represent', () => {
    expect(() => chooseMultiplier(0)).toThrow(MultiplierError);
    expect(() => chooseMultiplier(4.5)).toThrow(MultiplierError);
    expect(() => chooseMultiplier(Number.NaN)).toThrow(MultiplierError);
  });
});
