/**
 * MatMul of two integer activations (attention scores Q·Kᵀ, probabilities·V): batched
 * y[b, m, n] = Σ_k a[b, m, k]·c[b, k, n] into int32, batch dimensions broadcast (numpy rules).
 * Both operands are int8 (zero point 0), so each product is ≤ 2^14 and the range analysis bounds
 * the sum as for {@link linear}.
 */
import { HALF_P } from '../core.ts';
import { IntExecError } from '../errors.ts';
import type { IntOpArgs } from './types.ts';

/** Runs a MatMul node. */
export function matmul(args: IntOpArgs): Int32Array {
  const [a, c] = args.inputs;
  const as = args.inShapes[0];
  const cs = args.inShapes[1];
  const M = as[as.length - 2];
  const K = as[as.length - 1];
  const N = cs[cs.length - 1];
  if (cs[cs.length - 2] !== K) throw new IntExecError(args.node.name, `inner dimensions: expected ${K}, got ${cs[cs.length - 2]}`);
  const os = args.outShape;
  const batch = os.slice(0, -2);
  const nb = batch.reduce((x, y) => x * y, 1);
  const ba = as.slice(0, -2);
  const bc = cs.slice(0, -2);
  const out = new Int32Array(nb * M * N);
  const row = new Float64Array(N);
  for (let t = 0; t < nb; t++) {
    const ia = broadcastIndex(t, batch, ba);
    const ic = broadcastIndex(t, batch, bc);
    const ao = ia * M * K;
    const co = ic * K * N;
    for (let m = 0; m < M; m++) {
      // row-times-matrix order (contiguous reads of c); exact double sums, checked before storing
      row.fill(0);
      for (let k = 0; k < K; k++) {
        const av = a[ao + m * K + k];
        if (av === 0) continue;
        const cr = co + k * N;
        for (let n = 0; n < N; n++) row[n] += av * c[cr + n];
      }
      for (let n = 0; n < N; n++) {
        const s = row[n];
        if (s > HALF_P || s < -HALF_P) throw new IntExecError(args.node.name, `accumulator: expected |acc| ≤ ${HALF_P}, got ${s}`);
        out[(t * M + m) * N + n] = s;
      }
    }
  }
  return out;
}

/** Flat index into an operand's batch shape `own` for flat index `t` of the broadcast batch `full`. */
export function broadcastIndex(t: number, full: readonly number[], own: readonly number[]): number {
  const off = full.length - own.length;
  let idx = 0;
  let mul = 1;
  let rem = t;
  for (let i = full.length - 1; i >= 0; i--) {
    const coord = rem % full[i];
    rem = Math.floor(rem / full[i]);
    const j = i - off;
    if (j >= 0) {
      idx += (own[j] === 1 ? 0 : coord) * mul;
      mul *= own[j];
    }
  }
  return idx;
}
