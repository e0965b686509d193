import { describe, it, expect } from 'vitest';
import { P, randomVector, randomElement, fromInt } from '../../src/field/babybear.ts';
import { type Ext, eMul, eAdd, eSub, eOne, eZero, eRandom, eEq, eMulBase, eFromBase, eAt } from '../../src/field/ext4.ts';
import { eqTable, eqEval, eqPrefixSum } from '../../src/poly/eq.ts';
import { foldBase, foldExt } from '../../src/poly/fold.ts';
import { mleEvalBase, mleEvalBaseFold, mleEvalExt, mleOfTable } from '../../src/poly/mle.ts';
import { rangeMle, shiftedRangeMle } from '../../src/poly/range.ts';

function randomPoint(v: number): Uint32Array {
  const p = new Uint32Array(4 * v);
  for (let k = 0; k < v; k++) p.set(eRandom(), 4 * k);
  return p;
}

/** eq(z)[i] straight from the definition. */
function eqNaive(z: Uint32Array, i: number): Ext {
  let acc = eOne();
  for (let k = 0; k < z.length / 4; k++) {
    const zk = z.subarray(4 * k, 4 * k + 4);
    acc = eMul(acc, (i >> k) & 1 ? zk : eSub(eOne(), zk));
  }
  return acc;
}

function mleNaiveBase(t: Uint32Array, z: Uint32Array): Ext {
  let acc = eZero();
  for (let i = 0; i < t.length; i++) acc = eAdd(acc, eMulBase(eqNaive(z, i), t[i]));
  return acc;
}

describe('eq', () => {
  it('eqTable matches the definition entry by entry', () => {
    for (const v of [0, 1, 3, 6]) {
      const z = randomPoint(v);
      const t = eqTable(z);
      expect(t.length).toBe(4 << v);
      for (let i = 0; i < 1 << v; i++) expect(eEq(eAt(t, i), eqNaive(z, i))).toBe(true);
    }
  });
  it('eqTable on a Boolean point is the indicator of that index', () => {
    const z = new Uint32Array(4 * 4);
    z[4 * 1] = 1;
    z[4 * 3] = 1; // index 0b1010 = 10
    const t = eqTable(z);
    for (let i = 0; i < 16; i++) expect(eEq(eAt(t, i), i === 10 ? eOne() : eZero())).toBe(true);
  });
  it('eqEval(a, b) equals Σ_i eq(a)[i]·eq(b)[i]', () => {
    const a = randomPoint(4), b = randomPoint(4);
    const ta = eqTable(a), tb = eqTable(b);
    let s = eZero();
    for (let i = 0; i < 16; i++) s = eAdd(s, eMul(eAt(ta, i), eAt(tb, i)));
    expect(eEq(eqEval(a, b), s)).toBe(true);
    expect(() => eqEval(a, randomPoint(3))).toThrow(/equal length/);
  });
  it('eqPrefixSum equals the direct prefix sum for every n', () => {
    const z = randomPoint(5);
    const t = eqTable(z);
    let s = eZero();
    for (let n = 0; n <= 32; n++) {
      expect(eEq(eqPrefixSum(z, n), s)).toBe(true);
      if (n < 32) s = eAdd(s, eAt(t, n));
    }
    expect(eEq(eqPrefixSum(z, 32), eOne())).toBe(true);
    expect(() => eqPrefixSum(z, 33)).toThrow(/expected n in \[0, 32\]/);
  });
});

describe('fold and MLE evaluation', () => {
  it('foldBase binds the top variable: fold(T, r)~(z_lo) = T~(z_lo, r)', () => {
    const t = randomVector(32);
    const z = randomPoint(5);
    const f = foldBase(t, eAt(z, 4));
    expect(eEq(mleEvalExt(f, z.subarray(0, 16)), mleNaiveBase(t, z))).toBe(true);
  });
  it('foldExt agrees with foldBase on embedded base tables', () => {
    const t = randomVector(16);
    const te = new Uint32Array(64);
    for (let i = 0; i < 16; i++) te[4 * i] = t[i];
    const r = eRandom();
    expect(foldExt(te, r)).toEqual(foldBase(t, r));
  });
  it('mleEvalBase and mleEvalExt match Σ eq·T', () => {
    for (const v of [0, 1, 2, 7]) {
      const t = randomVector(1 << v);
      const z = randomPoint(v);
      const want = mleNaiveBase(t, z);
      expect(eEq(mleEvalBase(t, z), want)).toBe(true);
      const te = new Uint32Array(4 << v);
      for (let i = 0; i < 1 << v; i++) te[4 * i] = t[i];
      expect(eEq(mleEvalExt(te, z), want)).toBe(true);
    }
  });
  it('mleEvalBase (eq split for ≥ 10 variables) matches the folding reference', () => {
    for (const v of [9, 10, 11, 12, 15]) {
      const t = randomVector(1 << v);
      for (const i of [0, 1, (1 << v) - 1]) t[i] = P - 1; // extreme canonical entries
      const z = randomPoint(v);
      expect(eEq(mleEvalBase(t, z), mleEvalBaseFold(t, z))).toBe(true);
    }
    const boolPt = new Uint32Array(4 * 12);
    const t = randomVector(1 << 12);
    for (const i of [0, 1234, 4095]) {
      for (let k = 0; k < 12; k++) boolPt[4 * k] = (i >> k) & 1;
      expect(eEq(mleEvalBase(t, boolPt), eFromBase(t[i]))).toBe(true);
    }
  });
  it('mleEvalBase refuses a non-canonical entry on the split path', () => {
    const t = randomVector(1 << 10);
    t[77] = P;
    expect(() => mleEvalBase(t, randomPoint(10))).toThrow(/canonical elements, got 2013265921 at 77/);
  });
  it('mleEvalExt on a genuinely ext table is linear in the table', () => {
    const a = new Uint32Array(4 * 8).map(() => randomElement());
    const b = new Uint32Array(4 * 8).map(() => randomElement());
    const sum = new Uint32Array(32).map((_, i) => (a[i] + b[i]) % P);
    const z = randomPoint(3);
    expect(eEq(mleEvalExt(sum, z), eAdd(mleEvalExt(a, z), mleEvalExt(b, z)))).toBe(true);
  });
  it('the MLE agrees with the table on Boolean points', () => {
    const t = randomVector(8);
    for (let i = 0; i < 8; i++) {
      const z = new Uint32Array(12);
      for (let k = 0; k < 3; k++) z[4 * k] = (i >> k) & 1;
      expect(eEq(mleEvalBase(t, z), eFromBase(t[i]))).toBe(true);
    }
  });
  it('mleOfTable maps signed integers and zero-pads', () => {
    const t = mleOfTable([1, -1, 5]);
    expect([...t]).toEqual([1, P - 1, 5, 0]);
    expect(mleOfTable([7], 2).length).toBe(4);
    expect(() => mleOfTable([1, 2, 3], 1)).toThrow(/at most 2 entries, got 3/);
  });
  it('rejects length mismatches', () => {
    expect(() => mleEvalBase(randomVector(8), randomPoint(2))).toThrow(/expected 4 entries/);
    expect(() => foldBase(randomVector(6), eRandom())).toThrow(/power-of-two/);
  });
});

describe('range MLEs', () => {
  it('rangeMle is the MLE of [0, 2^v)', () => {
    for (const v of [1, 4, 8]) {
      const t = mleOfTable(Array.from({ length: 1 << v }, (_, i) => i));
      const z = randomPoint(v);
      expect(eEq(rangeMle(z), mleEvalBase(t, z))).toBe(true);
    }
  });
  it('shiftedRangeMle is the MLE of [offset, offset + 2^v), including negative offsets', () => {
    for (const off of [-(1 << 15), 3, 0]) {
      const t = mleOfTable(Array.from({ length: 64 }, (_, i) => i + off));
      const z = randomPoint(6);
      expect(eEq(shiftedRangeMle(z, off), mleEvalBase(t, z))).toBe(true);
    }
    expect(eEq(shiftedRangeMle(new Uint32Array(0), -1), eFromBase(fromInt(-1)))).toBe(true);
  });
});
