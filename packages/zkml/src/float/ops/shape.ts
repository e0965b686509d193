/**
 * Float data-movement ops, ONNX semantics: Flatten, Reshape, Squeeze, Unsqueeze (the data is
 * unchanged; the output shape comes from the graph's static shapes), Transpose, Concat, Slice,
 * Gather. Index arithmetic is shared with the integer executor via {@link gatherIndex} and friends.
 */
import { attrInts, attrNum, normAxis, stridesOf } from '../attrs.ts';
import { unsupported } from '../errors.ts';
import type { FloatOpArgs } from './types.ts';

/** Source flat index of every output element of a Transpose with permutation `perm`. */
export function transposeIndex(inShape: readonly number[], perm: readonly number[]): Int32Array {
  const outShape = perm.map((p) => inShape[p]);
  const n = inShape.reduce((x, y) => x * y, 1);
  const is = stridesOf(inShape);
  const os = stridesOf(outShape);
  const idx = new Int32Array(n);
  for (let o = 0; o < n; o++) {
    let src = 0;
    for (let d = 0; d < perm.length; d++) src += (Math.floor(o / os[d]) % outShape[d]) * is[perm[d]];
    idx[o] = src;
  }
  return idx;
}

/** Source flat index of every output element of a Slice (steps may be negative). */
export function sliceIndex(inShape: readonly number[], starts: readonly number[], ends: readonly number[], axes: readonly number[], steps: readonly number[]): { index: Int32Array; shape: number[] } {
  const r = inShape.length;
  const st = new Array<number>(r).fill(0);
  const sp = new Array<number>(r).fill(1);
  const len = [...inShape];
  axes.forEach((ax0, k) => {
    const ax = ax0 < 0 ? ax0 + r : ax0;
    const d = inShape[ax];
    const step = steps[k] ?? 1;
    if (step === 0) throw new RangeError('slice: step must be non-zero');
    let s = starts[k] < 0 ? starts[k] + d : starts[k];
    let e = ends[k] < 0 ? ends[k] + d : ends[k];
    if (step > 0) {
      s = Math.min(Math.max(s, 0), d);
      e = Math.min(Math.max(e, 0), d);
      len[ax] = Math.max(0, Math.ceil((e - s) / step));
    } else {
      s = Math.min(Math.max(s, -1), d - 1);
      e = Math.min(Math.max(e, -1), d - 1);
      len[ax] = Math.max(0, Math.ceil((s - e) / -step));
    }
    st[ax] = s;
    sp[ax] = step;
  });
  const n = len.reduce((x, y) => x * y, 1);
  const is = stridesOf(inShape);
  const os = stridesOf(len);
  const index = new Int32Array(n);
  for (let o = 0; o < n; o++) {
    let src = 0;
    for (let d = 0; d < r; d++) src += (st[d] + (Math.floor(o / os[d]) % len[d]) * sp[d]) * is[d];
    index[o] = src;
  }
  return { index, shape: len };
}

/** Source flat index of every output element of a Concat along `axis`; `which` names the input. */
export function concatIndex(shapes: readonly (readonly number[])[], axis: number): { which: Int32Array; index: Int32Array } {
  const outer = shapes[0].slice(0, axis).reduce((x, y) => x * y, 1);
  const inner = shapes[0].slice(axis + 1).reduce((x, y) => x * y, 1);
  const total = shapes.reduce((s, sh) => s + sh[axis], 0);
  const n = outer * total * inner;
  const which = new Int32Array(n);
  const index = new Int32Array(n);
  let o = 0;
  for (let a = 0; a < outer; a++) {
    shapes.forEach((sh, k) => {
      const block = sh[axis] * inner;
      for (let t = 0; t < block; t++) {
        which[o] = k;
        index[o++] = a * block + t;
      }
    });
  }
  return { which, index };
}

/** Reads integer-valued constant input `i` (ONNX passes shapes and indices as tensors). */
function intsInput(args: FloatOpArgs, i: number): number[] | undefined {
  const t = args.inputs[i];
  return t ? Array.from(t.data, (v) => Math.trunc(v)) : undefined;
}

/** Slice parameters from attributes (opset < 10) or constant inputs (opset ≥ 10). */
export function sliceParams(args: FloatOpArgs): { starts: number[]; ends: number[]; axes: number[]; steps: number[] } {
  const { node } = args;
  const starts = intsInput(args, 1) ?? [...attrInts(node, 'starts', [])];
  const ends = intsInput(args, 2) ?? [...attrInts(node, 'ends', [])];
  const axes = intsInput(args, 3) ?? [...attrInts(node, 'axes', starts.map((_, i) => i))];
  const steps = intsInput(args, 4) ?? [...attrInts(node, 'steps', starts.map(() => 1))];
  // ONNX uses INT64_MAX-like sentinels for "to the end"; they survive as huge floats here.
  return { starts, ends: ends.map((e) => (e > 2 ** 31 ? 2 ** 31 : e < -(2 ** 31) ? -(2 ** 31) : e)), axes, steps };
}

/** Flatten / Reshape / Squeeze / Unsqueeze: same data, new static shape. */
export function reshape({ inputs }: FloatOpArgs): Float32Array {
  return inputs[0].data;
}

/** Transpose (default: reverse the axes). */
export function transpose({ node, inputs }: FloatOpArgs): Float32Array {
  const x = inputs[0];
  const perm = attrInts(node, 'perm', x.shape.map((_, i) => x.shape.length - 1 - i));
  const idx = transposeIndex(x.shape, perm);
  const out = new Float32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = x.data[idx[i]];
  return out;
}

/** Concat along an axis. */
export function concat({ node, inputs }: FloatOpArgs): Float32Array {
  const axis = normAxis(node, attrNum(node, 'axis', 0), inputs[0].shape.length);
  const { which, index } = concatIndex(inputs.map((t) => t.shape), axis);
  const out = new Float32Array(which.length);
  for (let i = 0; i < out.length; i++) out[i] = inputs[which[i]].data[index[i]];
  return out;
}

/** Slice. */
export function slice(args: FloatOpArgs): Float32Array {
  const p = sliceParams(args);
  const { index } = sliceIndex(args.inputs[0].shape, p.starts, p.ends, p.axes, p.steps);
  const x = args.inputs[0].data;
  const out = new Float32Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = x[index[i]];
  return out;
}

/** Gather along an axis with integer-valued indices (negative indices count from the end). */
export function gather({ node, inputs }: FloatOpArgs): Float32Array {
  const [x, ind] = inputs;
  const axis = normAxis(node, attrNum(node, 'axis', 0), x.shape.length);
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const d = x.shape[axis];
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const k = ind.data.length;
  const out = new Float32Array(outer * k * inner);
  for (let o = 0; o < outer; o++) {
    for (let t = 0; t < k; t++) {
      let j = Math.trunc(ind.data[t]);
      if (j < 0) j += d;
      if (j < 0 || j >= d) throw unsupported(node, `index ${ind.data[t]} out of range [0, ${d})`);
      out.set(x.data.subarray((o * d + j) * inner, (o * d + j + 1) * inner), (o * k + t) * inner);
    }
  }
  return out;
}
