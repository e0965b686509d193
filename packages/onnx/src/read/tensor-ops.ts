/**
 * Small dense-tensor helpers over {@link ConstValue} (Float64Array, row-major) used by constant
 * folding and by weight rewrites at import (transposes, broadcasts, BatchNorm folding).
 */
import { broadcastShapes } from '@vouch/zkml';
import type { ConstValue } from '../tensor.ts';

/** Row-major strides of a shape. */
export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** `out[i] = f(src[i], i)` into a new Float64Array (a plain loop: TypedArray.from with a map callback is slow in V8). */
export function mapData(src: ArrayLike<number>, f: (v: number, i: number) => number): Float64Array {
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]!, i);
  return out;
}

/** A constant of the given type and shape. */
export function cv(dtype: 'float32' | 'int64', shape: readonly number[], data: ArrayLike<number>): ConstValue {
  return { dtype, shape: [...shape], data: Float64Array.from(data) };
}

/** Expands `t` to `shape` by numpy broadcasting. */
export function broadcastTo(t: ConstValue, shape: readonly number[]): ConstValue {
  const out = new Float64Array(numel(shape));
  const r = shape.length;
  const ts = strides(t.shape);
  const src = shape.map((d, i) => {
    const j = i - (r - t.shape.length);
    return j >= 0 && t.shape[j] !== 1 ? ts[j]! : 0;
  });
  const os = strides(shape);
  for (let i = 0; i < out.length; i++) {
    let off = 0;
    let rem = i;
    for (let k = 0; k < r; k++) {
      const idx = Math.floor(rem / os[k]!);
      rem -= idx * os[k]!;
      off += idx * src[k]!;
    }
    out[i] = t.data[off]!;
  }
  return { dtype: t.dtype, shape: [...shape], data: out };
}

/** Elementwise binary op with numpy broadcasting. */
export function binary(node: string, a: ConstValue, b: ConstValue, f: (x: number, y: number) => number): ConstValue {
  const shape = broadcastShapes(node, a.shape, b.shape);
  const A = broadcastTo(a, shape);
  const B = broadcastTo(b, shape);
  const out = new Float64Array(A.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(A.data[i]!, B.data[i]!);
  return { dtype: a.dtype === 'int64' && b.dtype === 'int64' ? 'int64' : 'float32', shape, data: out };
}

/** Transposes by `perm`. */
export function transpose(t: ConstValue, perm: readonly number[]): ConstValue {
  const shape = perm.map((p) => t.shape[p]!);
  if (shape.length === 2 && perm[0] === 1) {
    const [r, c] = [t.shape[0]!, t.shape[1]!];
    const out = new Float64Array(t.data.length);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = t.data[i * c + j]!;
    return { dtype: t.dtype, shape, data: out };
  }
  const is = strides(t.shape);
  const os = strides(shape);
  const out = new Float64Array(t.data.length);
  for (let i = 0; i < out.length; i++) {
    let off = 0;
    let rem = i;
    for (let k = 0; k < shape.length; k++) {
      const idx = Math.floor(rem / os[k]!);
      rem -= idx * os[k]!;
      off += idx * is[perm[k]!]!;
    }
    out[i] = t.data[off]!;
  }
  return { dtype: t.dtype, shape, data: out };
}

/** Gathers `indices` (already non-negative) along `axis`. */
export function gather(t: ConstValue, indices: ConstValue, axis: number): ConstValue {
  const outer = numel(t.shape.slice(0, axis));
  const inner = numel(t.shape.slice(axis + 1));
  const dim = t.shape[axis]!;
  const shape = [...t.shape.slice(0, axis), ...indices.shape, ...t.shape.slice(axis + 1)];
  const out = new Float64Array(numel(shape));
  let o = 0;
  for (let a = 0; a < outer; a++)
    for (const ix of indices.data) for (let b = 0; b < inner; b++) out[o++] = t.data[(a * dim + ix) * inner + b]!;
  return { dtype: t.dtype, shape, data: out };
}

/** Concatenates along `axis`. */
export function concat(ts: readonly ConstValue[], axis: number): ConstValue {
  const first = ts[0]!;
  const outer = numel(first.shape.slice(0, axis));
  const shape = [...first.shape];
  shape[axis] = ts.reduce((s, t) => s + t.shape[axis]!, 0);
  const out = new Float64Array(numel(shape));
  let o = 0;
  for (let a = 0; a < outer; a++)
    for (const t of ts) {
      const chunk = numel(t.shape.slice(axis));
      out.set(t.data.subarray(a * chunk, (a + 1) * chunk), o);
      o += chunk;
    }
  return { dtype: ts.every((t) => t.dtype === 'int64') ? 'int64' : 'float32', shape, data: out };
}

/** Slices with normalized per-axis starts/steps and output shape. */
export function slice(
  t: ConstValue,
  starts: readonly number[],
  steps: readonly number[],
  outShape: readonly number[],
): ConstValue {
  const is = strides(t.shape);
  const os = strides(outShape);
  const out = new Float64Array(numel(outShape));
  for (let i = 0; i < out.length; i++) {
    let off = 0;
    let rem = i;
    for (let k = 0; k < outShape.length; k++) {
      const idx = Math.floor(rem / os[k]!);
      rem -= idx * os[k]!;
      off += (starts[k]! + idx * steps[k]!) * is[k]!;
    }
    out[i] = t.data[off]!;
  }
  return { dtype: t.dtype, shape: [...outShape], data: out };
}
