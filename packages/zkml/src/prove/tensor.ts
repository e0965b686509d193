/**
 * Padded tensor layouts of the inference prover (docs/parts/inference.md §Layout): every dimension
 * rounded up to a power of two, row-major in the padded shape, so the index bits of dimension d are
 * a contiguous block (last dimension = lowest bits) and the MLE of a tensor is a tensor-structured
 * linear form on the committed vector (core zk/mle.ts).
 */
import { Affine, P, eqPrefixSum, eqTable, eMul, eOne, type ColumnVector, type Ext, type Layout, type VectorRef, vectorWire } from '@vouch/core';
import type { TensorRef } from './types.ts';

/** Smallest power of two ≥ n (n ≥ 1). */
export function pow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Padded dims and their bit counts. */
export function padDims(dims: readonly number[]): { padded: number[]; bits: number[] } {
  const padded = dims.map((d) => {
    if (!Number.isInteger(d) || d < 1) throw new RangeError(`tensor dims: expected positive integers, got [${dims.join(', ')}]`);
    return pow2(d);
  });
  return { padded, bits: padded.map((d) => Math.log2(d)) };
}

/** Total number of index variables of a padded tensor. */
export function totalBits(bits: readonly number[]): number {
  return bits.reduce((a, b) => a + b, 0);
}

/** Product of dims. */
export function prod(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/**
 * Padded flat index of every real element, in real row-major order.
 * @returns idx with idx[j] = padded index of real element j.
 */
export function paddedIndices(dims: readonly number[]): Int32Array {
  const { padded } = padDims(dims);
  const n = prod(dims);
  const out = new Int32Array(n);
  const k = dims.length;
  const counter = new Array<number>(k).fill(0);
  const stride = new Array<number>(k).fill(1);
  for (let d = k - 2; d >= 0; d--) stride[d] = stride[d + 1] * padded[d + 1];
  let pos = 0;
  for (let j = 0; j < n; j++) {
    out[j] = pos;
    // increment the multi-index, last dim fastest
    let d = k - 1;
    for (; d >= 0; d--) {
      counter[d]++;
      pos += stride[d];
      if (counter[d] < dims[d]) break;
      pos -= counter[d] * stride[d];
      counter[d] = 0;
    }
  }
  return out;
}

/** Embeds a signed integer as a field element (v mod p). */
export function fieldOf(v: number): number {
  return v >= 0 ? v % P : (P - (-v % P)) % P;
}

/**
 * Writes real data (row-major in real dims) into the tensor's padded slots; padding is zeroed.
 * @throws RangeError on a length mismatch.
 */
export function writeTensor(layout: Pick<Layout, 'rowWidth' | 'logRowWidth'>, witness: Uint32Array, t: TensorRef, data: ArrayLike<number>): void {
  const n = prod(t.dims);
  if (data.length !== n) throw new RangeError(`write(${t.label}): expected ${n} values, got ${data.length}`);
  const idx = paddedIndices(t.dims);
  const base = vectorWire(layout, t.ref, 0);
  witness.fill(0, base, base + t.ref.paddedLength);
  for (let j = 0; j < n; j++) witness[base + idx[j]] = fieldOf(data[j]);
}

/** The padded tensor as a flat field vector (zeros in padding). */
export function paddedField(dims: readonly number[], data: ArrayLike<number>): Uint32Array {
  const { padded } = padDims(dims);
  const out = new Uint32Array(prod(padded));
  if (padded.every((d, i) => d === dims[i])) {
    // no padding (every dimension a power of two): the layout is the data's own order
    if (data.length !== out.length) throw new RangeError(`paddedField: expected ${out.length} values, got ${data.length}`);
    for (let j = 0; j < out.length; j++) out[j] = fieldOf(data[j]);
    return out;
  }
  const idx = paddedIndices(dims);
  if (data.length !== idx.length) throw new RangeError(`paddedField: expected ${idx.length} values, got ${data.length}`);
  for (let j = 0; j < idx.length; j++) out[idx[j]] = fieldOf(data[j]);
  return out;
}

/** The point's sub-block of variables of dimension d (flat ext). */
export function dimPoint(bits: readonly number[], point: Uint32Array, d: number): Uint32Array {
  let off = 0;
  for (let e = bits.length - 1; e > d; e--) off += bits[e];
  return point.subarray(4 * off, 4 * (off + bits[d]));
}

/**
 * MLE at `point` of the real-element indicator of a padded tensor: Π_d Σ_{i < dims[d]} eq(z_d)[i].
 * O(Σ bits) (core poly/eq.ts eqPrefixSum).
 */
export function maskMle(dims: readonly number[], bits: readonly number[], point: Uint32Array): Ext {
  let acc = eOne();
  for (let d = 0; d < dims.length; d++) {
    const z = dimPoint(bits, point, d);
    if (bits[d] === 0) continue;
    acc = eMul(acc, eqPrefixSum(z, dims[d]));
  }
  return acc;
}

/** Reads a tensor's padded vector from the witness. */
export function readPadded(layout: Pick<Layout, 'rowWidth' | 'logRowWidth'>, witness: Uint32Array, t: TensorRef): Uint32Array {
  const base = vectorWire(layout, t.ref, 0);
  return witness.slice(base, base + t.ref.paddedLength);
}

const colCache = new WeakMap<Uint32Array, Map<string, ColumnVector>>();

/**
 * v~(point) as a tensor term, like core zk/mle.ts's mleConstraint, but sharing one ColumnVector
 * object among every vector evaluated at the same point object with the same column placement
 * (the Ligero verifier interpolates each distinct ColumnVector once per proof: sharing turns
 * per-constraint O(t·ℓ) work into per-point work).
 */
export function sharedMle(layout: Pick<Layout, 'rowWidth' | 'logRowWidth'>, v: VectorRef, point: Uint32Array): Affine {
  const c = layout.logRowWidth;
  let m = colCache.get(point);
  if (!m) {
    m = new Map();
    colCache.set(point, m);
  }
  if (point.length !== 4 * v.logLength) throw new RangeError(`sharedMle(${v.label}): expected a point of ${v.logLength} variables, got ${point.length / 4}`);
  if (v.paddedLength >= layout.rowWidth) {
    const key = `w${c}`;
    let cols = m.get(key);
    if (!cols) m.set(key, (cols = { values: eqTable(point.subarray(0, 4 * c)) }));
    return Affine.tensorTerm({ row: v.row, rowCoeffs: eqTable(point.subarray(4 * c)), cols });
  }
  const key = `s${v.col}:${v.logLength}`;
  let cols = m.get(key);
  if (!cols) {
    const values = new Uint32Array(4 * layout.rowWidth);
    values.set(eqTable(point), 4 * v.col);
    m.set(key, (cols = { values }));
  }
  return Affine.tensorTerm({ row: v.row, rowCoeffs: Uint32Array.of(1, 0, 0, 0), cols });
}

/** a ‖ b: two flat ext vectors (points or sent values) joined, low coordinates first. */
export function concatExt(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
