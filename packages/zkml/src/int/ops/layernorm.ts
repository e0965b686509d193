/**
 * Integer LayerNormalization over the last axis (rows of length N), then the affine part
 * (I-BERT, Kim et al., ICML 2021, §3.5, with a table for 1/√v instead of Newton iterations):
 *   m   = ⌊(Σx + ⌊N/2⌋) / N⌋                          (rounded mean, floor division)
 *   d_i = x_i − m ∈ [−255, 255]
 *   v   = ⌊Σ d_i² / N⌋ ∈ [0, 65025]                    (Σd² ≤ N·65025)
 *   r   = R[v]                                        (public table, R[v] = min(2^16−1, ⌊2^16/√(v + ε/s_in²) + 1/2⌋))
 *   z_i = clamp(⌊(d_i·r + 2^10) / 2^11⌋, −128, 127)    (normalized value at scale 1/32: ±4σ; |d·r| < 2^24)
 *   y_i = z_i·γ_i + β_i                               (γ int8 per element, β int32: the int32 accumulator)
 * A following Requant brings y to int8 at the calibrated output scale.
 */
import { param, type IntOpArgs } from './types.ts';

/** Shift of the normalized value: z = d·r / 2^Z_SHIFT, scale 1/32 for r = 2^16/σ. */
export const LN_Z_SHIFT = 11;

/** Runs a LayerNorm node. Parameters: rsqrt (table over [0, 65025]), gamma (int8 [N]), beta (int32 [N]). */
export function layernorm(args: IntOpArgs): Int32Array {
  const x = args.inputs[0];
  const shape = args.inShapes[0];
  const N = shape[shape.length - 1];
  const R = param(args, 'rsqrt', 65026).data;
  const g = param(args, 'gamma', N).data;
  const b = param(args, 'beta', N).data;
  const out = new Int32Array(x.length);
  const half = 2 ** (LN_Z_SHIFT - 1);
  const div = 2 ** LN_Z_SHIFT;
  for (let o = 0; o < x.length; o += N) {
    let sum = 0;
    for (let i = 0; i < N; i++) sum += x[o + i];
    const m = Math.floor((sum + Math.floor(N / 2)) / N);
    let sq = 0;
    for (let i = 0; i < N; i++) sq += (x[o + i] - m) * (x[o + i] - m);
    const r = R[Math.floor(sq / N)];
    for (let i = 0; i < N; i++) {
      let z = Math.floor(((x[o + i] - m) * r + half) / div);
      z = z < -128 ? -128 : z > 127 ? 127 : z;
      out[o + i] = z * g[i] + b[i];
    }
  }
  return out;
}
