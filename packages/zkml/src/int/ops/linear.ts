/**
 * Linear: y[..., n] = Σ_k x[..., k]·W[n, k] + b[n] over int8 inputs, int8 weights (per output
 * channel n), int32 bias; the int32 accumulator is requantized by a following Requant node.
 * Lowered from Gemm / MatMul with a constant right operand (Jacob et al., CVPR 2018, §2.3).
 *
 * Exactness: every product is ≤ 2^14 in magnitude and the range analysis bounds the sum by
 * (p−1)/2 (≤ 61,440 int8×int8 terms); the loop sums in doubles (exact below 2^53) and the result
 * is checked before it is stored.
 */
import { HALF_P } from '../core.ts';
import { IntExecError } from '../errors.ts';
import { numel } from '../graph.ts';
import { optParam, param, type IntOpArgs } from './types.ts';

/** Runs a Linear node. */
export function linear(args: IntOpArgs): Int32Array {
  const x = args.inputs[0];
  const xs = args.inShapes[0];
  const K = xs[xs.length - 1];
  const w = param(args, 'weight');
  const N = w.shape[0];
  if (w.shape[1] !== K) throw new IntExecError(args.node.name, `weight: expected [${N}, ${K}], got [${w.shape.join(', ')}]`);
  const b = optParam(args, 'bias');
  if (b && b.data.length !== N) throw new IntExecError(args.node.name, `bias: expected ${N} values, got ${b.data.length}`);
  const rows = numel(xs) / K;
  const out = new Int32Array(rows * N);
  // int8 weights are always an Int8Array; a monomorphic typed array keeps the inner loop fast
  const wd = w.data instanceof Int8Array ? w.data : Int8Array.from(w.data);
  for (let r = 0; r < rows; r++) {
    const xo = r * K;
    for (let n = 0; n < N; n++) {
      const wo = n * K;
      let s = b ? b.data[n] : 0;
      for (let k = 0; k < K; k++) s += x[xo + k] * wd[wo + k];
      if (s > HALF_P || s < -HALF_P) throw new IntExecError(args.node.name, `accumulator: expected |acc| ≤ ${HALF_P}, got ${s}`);
      out[r * N + n] = s;
    }
  }
  return out;
}
