import { describe, expect, it } from 'vitest';
import { P } from '@vouch/core';
import { fieldOf, paddedField, paddedIndices } from '../../src/prove/tensor.ts';

/** Plain reference: scatter through paddedIndices for every shape. */
function reference(dims: number[], data: ArrayLike<number>): Uint32Array {
  const padded = dims.map((d) => 2 ** Math.ceil(Math.log2(d)));
  const out = new Uint32Array(padded.reduce((a, b) => a * b, 1));
  const idx = paddedIndices(dims);
  for (let j = 0; j < idx.length; j++) out[idx[j]] = fieldOf(data[j]);
  return out;
}

describe('paddedField', () => {
  it('matches the index scatter for unpadded (power-of-two) and padded shapes, int8 and int32 data', () => {
    for (const dims of [[4, 8], [1, 16], [2, 2, 4], [3, 5], [4, 6], [1, 784], [10, 1024]]) {
      const n = dims.reduce((a, b) => a * b, 1);
      const i8 = Int8Array.from({ length: n }, (_, i) => ((i * 37) % 256) - 128);
      const i32 = Int32Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * i * 1_000_003);
      for (const data of [i8, i32]) expect(paddedField(dims, data)).toEqual(reference(dims, data));
    }
    expect(paddedField([2], Int32Array.of(-1, 5))).toEqual(Uint32Array.of(P - 1, 5));
  });
  it('refuses a data length that does not match the shape, on both paths', () => {
    expect(() => paddedField([4, 4], new Int32Array(15))).toThrow(/expected 16 values, got 15/);
    expect(() => paddedField([3, 4], new Int32Array(13))).toThrow(/expected 12 values, got 13/);
  });
});
