import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { P, P_BIG, randomElement } from '../../src/field/babybear.ts';
import {
  type Ext, EXT_W, eAdd, eSub, eMul, eMulInto, eMulBase, eInv, eBatchInv, ePow, eNeg, eOne, eZero, eFromBase, eOf, eEq,
  eIsZero, eSquare, eRandom, eAt, eToString,
} from '../../src/field/ext4.ts';

const fe = fc.integer({ min: 0, max: P - 1 });
const ext = fc.tuple(fe, fe, fe, fe).map(([a, b, c, d]) => eOf(a, b, c, d));

/** BigInt reference: schoolbook product of degree-3 polynomials, then X^4 → 11. */
function mulRef(a: Ext, b: Ext): Ext {
  const t = new Array<bigint>(7).fill(0n);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) t[i + j] += BigInt(a[i]) * BigInt(b[j]);
  const W = BigInt(EXT_W);
  const c = [t[0] + W * t[4], t[1] + W * t[5], t[2] + W * t[6], t[3]];
  return Uint32Array.from(c.map((x) => Number(x % P_BIG)));
}

const edge = [0, 1, P - 1, P - 2, 65535, 65536, 65537];
function edgeExt(): Ext {
  return Uint32Array.from({ length: 4 }, () => (Math.random() < 0.6 ? edge[Math.floor(Math.random() * edge.length)] : randomElement()));
}

describe('extension K = F_p[X]/(X^4 − 11)', () => {
  it('eMul matches the BigInt polynomial reference on random and edge inputs', () => {
    fc.assert(fc.property(ext, ext, (a, b) => eEq(eMul(a, b), mulRef(a, b))), { numRuns: 1000 });
    for (let i = 0; i < 500; i++) {
      const a = edgeExt(), b = edgeExt();
      expect(eMul(a, b)).toEqual(mulRef(a, b));
    }
    const m = eOf(P - 1, P - 1, P - 1, P - 1);
    expect(eMul(m, m)).toEqual(mulRef(m, m));
  });

  it('X^4 = 11', () => {
    const x = eOf(0, 1);
    expect(ePow(x, 4)).toEqual(eOf(11));
  });

  it('field axioms (property tests)', () => {
    fc.assert(
      fc.property(ext, ext, ext, (a, b, c) => {
        expect(eAdd(eAdd(a, b), c)).toEqual(eAdd(a, eAdd(b, c)));
        expect(eMul(eMul(a, b), c)).toEqual(eMul(a, eMul(b, c)));
        expect(eAdd(a, b)).toEqual(eAdd(b, a));
        expect(eMul(a, b)).toEqual(eMul(b, a));
        expect(eMul(a, eAdd(b, c))).toEqual(eAdd(eMul(a, b), eMul(a, c)));
        expect(eAdd(a, eZero())).toEqual(a);
        expect(eMul(a, eOne())).toEqual(a);
        expect(eAdd(a, eNeg(a))).toEqual(eZero());
        expect(eSub(a, b)).toEqual(eAdd(a, eNeg(b)));
        if (!eIsZero(a)) expect(eMul(a, eInv(a))).toEqual(eOne());
      }),
      { numRuns: 300 },
    );
  });

  it('eInv matches Fermat inversion a^(p^4 − 2) and rejects zero', () => {
    for (let i = 0; i < 20; i++) {
      const a = eRandom();
      expect(eInv(a)).toEqual(ePow(a, P_BIG ** 4n - 2n));
    }
    for (const a of [eOne(), eOf(0, 1), eOf(0, 0, 0, 1), eOf(P - 1, 0, P - 1)]) expect(eMul(a, eInv(a))).toEqual(eOne());
    expect(() => eInv(eZero())).toThrow(RangeError);
  });

  it('the multiplicative group has order p^4 − 1 (spot check: a^(p^4 − 1) = 1)', () => {
    expect(ePow(eRandom(), P_BIG ** 4n - 1n)).toEqual(eOne());
  });

  it('eMulBase, eFromBase, eSquare, eMulInto with offsets and aliasing', () => {
    const a = eRandom(), s = randomElement();
    expect(eMulBase(a, s)).toEqual(eMul(a, eFromBase(s)));
    expect(eSquare(a)).toEqual(eMul(a, a));
    const buf = new Uint32Array(12);
    buf.set(a, 4);
    const b = eRandom();
    buf.set(b, 8);
    eMulInto(buf, 4, buf, 4, buf, 8);
    expect(eAt(buf, 1)).toEqual(mulRef(a, b));
    expect(eToString(eOf(1, 2, 3, 4))).toBe('[1, 2, 3, 4]');
  });

  it('eBatchInv inverts a flat vector and names the zero index', () => {
    const n = 33;
    const xs = new Uint32Array(4 * n);
    for (let i = 0; i < n; i++) xs.set(eRandom(), 4 * i);
    const ys = eBatchInv(xs);
    for (let i = 0; i < n; i++) expect(eMul(eAt(xs, i), eAt(ys, i))).toEqual(eOne());
    xs.fill(0, 8, 12);
    expect(() => eBatchInv(xs)).toThrow(/at index 2/);
  });
});
