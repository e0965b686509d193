/**
 * row-mask.ts: the tensor-term masked row sums / masked MLE evaluations agree with the plain
 * reference on every layout case (sub-row vector, last dim within a row, last dim over several rows
 * with and without a partial last block), and equal the plain MLE when N = 2^nb.
 */
import { describe, expect, it } from 'vitest';
import { eRandom, evaluateConstraint, mleConstraint, type VectorRef } from '@vouch/core';
import { lastDimMaskedMle, lastDimMaskedMleRef } from '../../src/prove/row-mask.ts';

function point(n: number): Uint32Array {
  const out = new Uint32Array(4 * n);
  for (let k = 0; k < n; k++) out.set(eRandom(), 4 * k);
  return out;
}

/** A vector of 2^(nb + lb) entries placed at row 1 (column `col` when it is shorter than a row). */
function setup(logRowWidth: number, nb: number, lb: number, col = 0) {
  const rowWidth = 2 ** logRowWidth;
  const logLength = nb + lb;
  const paddedLength = 2 ** logLength;
  const rowCount = Math.max(1, paddedLength / rowWidth);
  const v: VectorRef = { label: 'v', length: paddedLength, paddedLength, logLength, row: 1, col: paddedLength < rowWidth ? col : 0, rowCount };
  const witness = new Uint32Array((rowCount + 2) * rowWidth);
  const data = Uint32Array.from({ length: paddedLength }, () => Math.floor(Math.random() * 2013265919));
  witness.set(data, rowWidth + v.col);
  // junk around the vector must not enter
  for (let i = 0; i < rowWidth; i++) witness[i] = 7;
  return { layout: { rowWidth, logRowWidth }, v, witness, data };
}

const cases: [string, number, number, number, number, number][] = [
  // name, logRowWidth, nb, lead bits, N, col
  ['sub-row vector', 6, 2, 2, 3, 16],
  ['last dim within a row', 4, 3, 3, 5, 0],
  ['last dim = row', 4, 4, 2, 12, 0],
  ['several rows, whole blocks', 3, 5, 2, 24, 0],
  ['several rows, partial block', 3, 5, 2, 21, 0],
  ['several rows, N = 2^nb', 3, 5, 1, 32, 0],
];

describe('lastDimMaskedMle', () => {
  for (const [name, c, nb, lb, N, col] of cases) {
    it(`matches the reference: ${name}`, () => {
      const { layout, v, witness, data } = setup(c, nb, lb, col);
      const rl = point(lb);
      const ri = point(nb);
      for (const r of [undefined, ri]) {
        const got = evaluateConstraint(lastDimMaskedMle(layout, v, nb, N, rl, r).isZero('t'), witness, layout.rowWidth);
        expect([...got]).toEqual([...lastDimMaskedMleRef(data, nb, N, rl, r)]);
      }
      if (N === 2 ** nb) {
        const full = new Uint32Array(4 * (nb + lb));
        full.set(ri);
        full.set(rl, 4 * nb);
        const plain = evaluateConstraint(mleConstraint({ ...layout, numRows: witness.length / layout.rowWidth }, v, full).isZero('t'), witness, layout.rowWidth);
        expect([...evaluateConstraint(lastDimMaskedMle(layout, v, nb, N, rl, ri).isZero('t'), witness, layout.rowWidth)]).toEqual([...plain]);
      }
    });
  }

  it('sees no entry at or past N in the last dimension', () => {
    const { layout, v, witness } = setup(3, 5, 2, 0);
    const rl = point(2);
    const ri = point(5);
    const before = evaluateConstraint(lastDimMaskedMle(layout, v, 5, 21, rl, ri).isZero('t'), witness, 8);
    for (let lead = 0; lead < 4; lead++) for (let i = 21; i < 32; i++) witness[8 + lead * 32 + i] += 1;
    expect([...evaluateConstraint(lastDimMaskedMle(layout, v, 5, 21, rl, ri).isZero('t'), witness, 8)]).toEqual([...before]);
    witness[8 + 20] += 1;
    expect([...evaluateConstraint(lastDimMaskedMle(layout, v, 5, 21, rl, ri).isZero('t'), witness, 8)]).not.toEqual([...before]);
  });

  it('refuses inconsistent sizes', () => {
    const { layout, v } = setup(3, 5, 2, 0);
    expect(() => lastDimMaskedMle(layout, v, 5, 33, point(2))).toThrow(RangeError);
    expect(() => lastDimMaskedMle(layout, v, 5, 20, point(3))).toThrow(RangeError);
  });
});
