/**
 * Float Gemm and MatMul (ONNX semantics: Gemm Y = alpha·op(A)·op(B) + beta·C with C broadcast;
 * MatMul with numpy batch broadcasting, a rank-1 left operand treated as a row). Accumulates in
 * float64 so the float reference is not the noisy side of float-vs-integer comparisons.
 */
import { attrNum } from '../attrs.ts';
import { unsupported } from '../errors.ts';
import { broadcastTo } from './elementwise.ts';
import type { FloatOpArgs } from './types.ts';

/** ONNX Gemm over 2-D A and B, optional bias C broadcast to [M, N]. */
export function gemm({ node, inputs, outShape }: FloatOpArgs): Float32Array {
  const [a, b, c] = inputs;
  const transA = attrNum(node, 'transA', 0);
  const transB = attrNum(node, 'transB', 0);
  const alpha = attrNum(node, 'alpha', 1);
  const beta = attrNum(node, 'beta', 1);
  if (a.shape.length !== 2 || b.shape.length !== 2) throw unsupported(node, 'expected 2-D A and B');
  const M = transA ? a.shape[1] : a.shape[0];
  const K = transA ? a.shape[0] : a.shape[1];
  const N = transB ? b.shape[0] : b.shape[1];
  const kb = transB ? b.shape[1] : b.shape[0];
  if (kb !== K) throw unsupported(node, `inner dimensions: expected ${K}, got ${kb}`);
  const out = new Float32Array(M * N);
  const bias = c ? broadcastTo(c, [M, N]) : undefined;
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const av = transA ? a.data[k * M + m] : a.data[m * K + k];
        const bv = transB ? b.data[n * K + k] : b.data[k * N + n];
        s += av * bv;
      }
      out[m * N + n] = alpha * s + (bias ? beta * bias[m * N + n] : 0);
    }
  }
  void outShape;
  return out;
}

/**
 * ONNX MatMul. Batch dimensions of the two operands are broadcast; an optional third input is a
 * bias added along the last axis (the IR fuses Gemm into MatMul + bias at import).
 */
export function matmul({ node, inputs, outShape }: FloatOpArgs): Float32Array {
  const [a, b, bias] = inputs;
  const aShape = a.shape.length === 1 ? [1, a.shape[0]] : a.shape;
  const bShape = b.shape.length === 1 ? [b.shape[0], 1] : b.shape;
  const M = aShape[aShape.length - 2];
  const K = aShape[aShape.length - 1];
  const N = bShape[bShape.length - 1];
  if (bShape[bShape.length - 2] !== K) throw unsupported(node, `inner dimensions: expected ${K}, got ${bShape[bShape.length - 2]}`);
  const batchA = aShape.slice(0, -2);
  const batchB = bShape.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const batch: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = batchA[batchA.length - rank + i] ?? 1;
    const db = batchB[batchB.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw unsupported(node, `batch dimensions ${da} and ${db} do not broadcast`);
    batch.push(Math.max(da, db));
  }
  const nb = batch.reduce((x, y) => x * y, 1);
  const out = new Float32Array(nb * M * N);
  const idxA = batchIndex(batchA, batch);
  const idxB = batchIndex(batchB, batch);
  for (let t = 0; t < nb; t++) {
    const ao = idxA[t] * M * K;
    const bo = idxB[t] * K * N;
    const oo = t * M * N;
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a.data[ao + m * K + k] * b.data[bo + k * N + n];
        out[oo + m * N + n] = s;
      }
    }
  }
  if (bias) {
    if (bias.data.length !== N) throw unsupported(node, `bias: expected ${N} values, got ${bias.data.length}`);
    for (let i = 0; i < out.length; i++) out[i] += bias.data[i % N];
  }
  if (out.length !== outShape.reduce((x, y) => x * y, 1)) throw unsupported(node, 'output size does not match the declared shape');
  return out;
}

/** For each flat index of the broadcast batch shape, the flat index into an operand's own batch shape. */
function batchIndex(own: readonly number[], full: readonly number[]): Int32Array {
  const n = full.reduce((x, y) => x * y, 1);
  const res = new Int32Array(n);
  const off = full.length - own.length;
  for (let t = 0; t < n; t++) {
    let rem = t;
    let idx = 0;
    let mul = 1;
    for (let i = full.length - 1; i >= 0; i--) {
      const coord = rem % full[i];
      rem = Math.floor(rem / full[i]);
      const j = i - off;
      if (j >= 0) {
        idx += (own[j] === 1 ? 0 : coord) * mul;
        mul *= own[j];
      }
    }
    res[t] = idx;
  }
  return res;
}
