import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { P, randomVector } from '../../src/field/babybear.ts';
import { permutePoseidon2, permutePoseidon2Reference, poseidon2, poseidon2Sbox, poseidon2ExternalLayer, poseidon2ExternalMatrix, poseidon2Reduce } from '../../src/poseidon2/permutation.ts';
import {
  POSEIDON2_RC_EXTERNAL_INITIAL,
  POSEIDON2_RC_INTERNAL,
  POSEIDON2_RC_EXTERNAL_FINAL,
  POSEIDON2_INTERNAL_DIAG,
} from '../../src/poseidon2/constants.ts';
import { generatePoseidon2RoundConstants, GrainLfsr } from '../../src/poseidon2/grain.ts';

// Plonky3 baby-bear/src/poseidon2.rs, test_default_babybear_poseidon2_width_16 (commit 5dc50e5).
const P3_INPUT = [
  894848333, 1437655012, 1200606629, 1690012884, 71131202, 1749206695, 1717947831, 120589055, 19776022, 42382981,
  1831865506, 724844064, 171220207, 1299207443, 227047920, 1783754913,
];
const P3_EXPECTED = [
  516096821, 90309867, 1101817252, 1660784290, 360715097, 1789519026, 1788910906, 563338433, 319524748, 1741414159,
  1650859320, 894311162, 1121347488, 1692793758, 1052633829, 1344246938,
];

describe('Poseidon2 BabyBear-16 permutation', () => {
  it('matches the Plonky3 default_babybear_poseidon2_16 test vector', () => {
    expect(Array.from(poseidon2(P3_INPUT))).toEqual(P3_EXPECTED);
    expect(Array.from(permutePoseidon2Reference(P3_INPUT))).toEqual(P3_EXPECTED);
  });

  it('fast path equals the matrix reference on random states', () => {
    for (let k = 0; k < 20; k++) {
      const s = randomVector(16);
      const ref = permutePoseidon2Reference(s);
      permutePoseidon2(s);
      expect(Array.from(s)).toEqual(Array.from(ref));
    }
    const edge = new Uint32Array(16).fill(P - 1);
    const ref = permutePoseidon2Reference(edge);
    permutePoseidon2(edge);
    expect(edge).toEqual(ref);
  });

  it('external layer equals the explicit block-circulant matrix', () => {
    const me = poseidon2ExternalMatrix();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: P - 1 }), { minLength: 16, maxLength: 16 }), (v) => {
        const s = Uint32Array.from(v);
        poseidon2ExternalLayer(s);
        const want = me.map((row) => row.reduce((a, c, j) => Number((BigInt(a) + BigInt(c) * BigInt(v[j])) % BigInt(P)), 0));
        expect(Array.from(s)).toEqual(want);
      }),
      { numRuns: 50 },
    );
  });

  it('internal diagonal is Plonky3’s [−2, 1, 2, 1/2, 3, 4, −1/2, −3, −4, 2^−8, 1/4, 1/8, 2^−27, −2^−8, −1/16, −2^−27]', () => {
    const want = [-2, 1, 2, 1 / 2, 3, 4, -1 / 2, -3, -4, 2 ** -8, 1 / 4, 1 / 8, 2 ** -27, -(2 ** -8), -1 / 16, -(2 ** -27)];
    want.forEach((w, i) => {
      // d·2^k ≡ w·2^k (mod p) with k chosen to clear the denominator
      const k = 27;
      const lhs = (BigInt(POSEIDON2_INTERNAL_DIAG[i]) * (1n << BigInt(k))) % BigInt(P);
      const rhs = ((BigInt(Math.round(w * 2 ** k)) % BigInt(P)) + BigInt(P)) % BigInt(P);
      expect(lhs).toBe(rhs);
    });
  });

  it('sbox is x^7 and a bijection witness: gcd(7, p − 1) = 1', () => {
    const x = 123456789;
    expect(poseidon2Sbox(x)).toBe(Number(BigInt(x) ** 7n % BigInt(P)));
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    expect(gcd(7, P - 1)).toBe(1);
    for (const d of [3, 5]) expect(gcd(d, P - 1)).not.toBe(1);
  });

  it('poseidon2Reduce equals BigInt reduction on [0, 2^50)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 50n) - 1n }), (v) => {
        expect(poseidon2Reduce(Number(v))).toBe(Number(v % BigInt(P)));
      }),
      { numRuns: 2000 },
    );
    for (const v of [0, P - 1, P, P + 1, 2 * P, 35 * P - 1, 2 ** 50 - 1]) expect(poseidon2Reduce(v)).toBe(Number(BigInt(v) % BigInt(P)));
  });

  it('round constants equal our own Grain LFSR regeneration', () => {
    const g = generatePoseidon2RoundConstants();
    expect(g.externalInitial.map((r) => Array.from(r))).toEqual(POSEIDON2_RC_EXTERNAL_INITIAL.map((r) => Array.from(r)));
    expect(Array.from(g.internal)).toEqual(Array.from(POSEIDON2_RC_INTERNAL));
    expect(g.externalFinal.map((r) => Array.from(r))).toEqual(POSEIDON2_RC_EXTERNAL_FINAL.map((r) => Array.from(r)));
  });

  it('rejects malformed inputs', () => {
    expect(() => poseidon2([1, 2, 3])).toThrow(/expected 16 elements, got 3/);
    expect(() => poseidon2(new Array(16).fill(P))).toThrow(/canonical/);
    expect(() => permutePoseidon2(new Uint32Array(16), 1)).toThrow(RangeError);
    expect(() => new GrainLfsr(31, 5000, 8, 13)).toThrow(/12-bit/);
  });
});
