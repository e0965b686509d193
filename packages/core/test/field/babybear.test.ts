import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  P, P_BIG, GENERATOR, TWO_ADICITY, HALF_P, add, sub, mul, mulSplit, neg, inv, pow, batchInv, rootOfUnity,
  randomElement, randomVector, fromInt, fromBigInt, toSigned, isCanonical,
} from '../../src/field/babybear.ts';

const fe = fc.integer({ min: 0, max: P - 1 });
const nz = fc.integer({ min: 1, max: P - 1 });
const B = (x: number) => BigInt(x);
const modBig = (x: bigint) => Number(((x % P_BIG) + P_BIG) % P_BIG);

/** Edge values: 0, 1, p − 1, 2^16 ± 1, powers of two, and pairs whose product is k·p ± small. */
function edgeValues(): number[] {
  const vs = new Set<number>([0, 1, 2, P - 1, P - 2, HALF_P, HALF_P + 1, 65535, 65536, 65537, 2 ** 30, 2 ** 30 - 1, 2 ** 31 - 1 - 134217728]);
  for (let k = 1; k < 31; k++) if (2 ** k < P) vs.add(2 ** k);
  return [...vs].filter((v) => v < P);
}

/** Pairs (a, b) with a·b ≡ δ (mod p) for small δ: a·b is a multiple of p plus or minus a little. */
function nearMultiplePairs(count: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = randomElement() || 1;
    const delta = [0, 1, 2, P - 1, P - 2, 1000, P - 1000][i % 7];
    out.push([a, mul(delta, inv(a))]);
  }
  return out;
}

describe('BabyBear constants', () => {
  it('p = 15·2^27 + 1 and the two-adicity is 27', () => {
    expect(P).toBe(15 * 2 ** 27 + 1);
    expect(P_BIG).toBe(BigInt(P));
    expect((P - 1) % 2 ** TWO_ADICITY).toBe(0);
    expect(((P - 1) / 2 ** TWO_ADICITY) % 2).toBe(1);
  });

  it('31 generates F_p^*: its order is p − 1 (no maximal proper divisor kills it)', () => {
    for (const q of [2, 3, 5]) expect(pow(GENERATOR, (P - 1) / q)).not.toBe(1);
    expect(pow(GENERATOR, P - 1)).toBe(1);
  });
});

describe('BabyBear arithmetic vs BigInt', () => {
  it('add, sub, mul, neg agree with BigInt on random inputs', () => {
    fc.assert(
      fc.property(fe, fe, (a, b) => {
        expect(add(a, b)).toBe(modBig(B(a) + B(b)));
        expect(sub(a, b)).toBe(modBig(B(a) - B(b)));
        expect(mul(a, b)).toBe(modBig(B(a) * B(b)));
        expect(neg(a)).toBe(modBig(-B(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it('mul equals mulSplit and BigInt on every pair of edge values', () => {
    const vs = edgeValues();
    for (const a of vs) for (const b of vs) {
      const want = modBig(B(a) * B(b));
      expect(mul(a, b)).toBe(want);
      expect(mulSplit(a, b)).toBe(want);
    }
  });

  it('mul is exact when a·b is a multiple of p plus or minus a small amount', () => {
    for (const [a, b] of nearMultiplePairs(700)) {
      expect(mul(a, b)).toBe(modBig(B(a) * B(b)));
      expect(mul(b, a)).toBe(mulSplit(a, b));
    }
  });

  it('mul equals mulSplit on random inputs', () => {
    const xs = randomVector(20000), ys = randomVector(20000);
    for (let i = 0; i < xs.length; i++) expect(mul(xs[i], ys[i])).toBe(mulSplit(xs[i], ys[i]));
  });

  it('inv and pow agree with BigInt modular exponentiation', () => {
    const bigPow = (a: bigint, e: bigint) => {
      let r = 1n;
      let b = a % P_BIG;
      for (; e > 0n; e >>= 1n, b = (b * b) % P_BIG) if (e & 1n) r = (r * b) % P_BIG;
      return Number(r);
    };
    fc.assert(
      fc.property(nz, fc.bigInt({ min: 0n, max: 1n << 70n }), (a, e) => {
        expect(pow(a, e)).toBe(bigPow(B(a), e));
        expect(inv(a)).toBe(bigPow(B(a), P_BIG - 2n));
        expect(mul(a, inv(a))).toBe(1);
      }),
      { numRuns: 300 },
    );
    expect(pow(0, 0)).toBe(1);
    expect(() => pow(2, -1)).toThrow(RangeError);
    expect(() => inv(0)).toThrow(/non-zero/);
  });

  it('conversions: fromInt, fromBigInt, toSigned, isCanonical', () => {
    expect(fromInt(-1)).toBe(P - 1);
    expect(fromInt(P)).toBe(0);
    expect(fromBigInt(-(P_BIG * 3n) - 2n)).toBe(P - 2);
    expect(toSigned(P - 5)).toBe(-5);
    expect(toSigned(HALF_P)).toBe(HALF_P);
    expect(isCanonical(P)).toBe(false);
    expect(isCanonical(1.5)).toBe(false);
    expect(isCanonical(P - 1)).toBe(true);
    expect(() => fromInt(2 ** 60)).toThrow(RangeError);
    fc.assert(fc.property(fc.integer({ min: -HALF_P, max: HALF_P }), (x) => toSigned(fromInt(x)) === x));
  });
});

describe('BabyBear field axioms (property tests)', () => {
  it('associativity, commutativity, distributivity, identities, inverses', () => {
    fc.assert(
      fc.property(fe, fe, fe, (a, b, c) => {
        expect(add(add(a, b), c)).toBe(add(a, add(b, c)));
        expect(mul(mul(a, b), c)).toBe(mul(a, mul(b, c)));
        expect(add(a, b)).toBe(add(b, a));
        expect(mul(a, b)).toBe(mul(b, a));
        expect(mul(a, add(b, c))).toBe(add(mul(a, b), mul(a, c)));
        expect(add(a, 0)).toBe(a);
        expect(mul(a, 1)).toBe(a);
        expect(mul(a, 0)).toBe(0);
        expect(add(a, neg(a))).toBe(0);
        expect(sub(a, b)).toBe(add(a, neg(b)));
        if (a !== 0) expect(mul(a, inv(a))).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('results are canonical', () => {
    fc.assert(fc.property(fe, fe, (a, b) => [add(a, b), sub(a, b), mul(a, b), neg(a)].every(isCanonical)));
  });
});

describe('batch inversion and roots of unity', () => {
  it('batchInv inverts every element and rejects zero with its index', () => {
    for (const n of [0, 1, 2, 100]) {
      const xs = randomVector(n).map((x) => x || 1);
      const ys = batchInv(xs);
      for (let i = 0; i < n; i++) expect(mul(xs[i], ys[i])).toBe(1);
    }
    expect(() => batchInv([1, 2, 0, 4])).toThrow(/at index 2/);
  });

  it('rootOfUnity(k) has order exactly 2^k for every k ≤ 27', () => {
    for (let k = 0; k <= TWO_ADICITY; k++) {
      const w = rootOfUnity(k);
      expect(pow(w, 2 ** k)).toBe(1);
      if (k > 0) expect(pow(w, 2 ** (k - 1))).toBe(P - 1);
      if (k > 0) expect(mul(rootOfUnity(k), rootOfUnity(k))).toBe(rootOfUnity(k - 1));
    }
    expect(() => rootOfUnity(28)).toThrow(RangeError);
    expect(() => rootOfUnity(-1)).toThrow(RangeError);
  });

  it('randomElement is canonical and not constant', () => {
    const xs = randomVector(1000);
    expect(xs.every(isCanonical)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});
