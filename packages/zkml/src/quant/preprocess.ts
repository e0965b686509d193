/**
 * Input preprocessing and input quantization: x' = (x·scale − mean_c) / std_c (channel c along
 * axis 1, or one value for all), then q = clamp(⌊x'/s_in + 1/2⌋, −128, 127).
 */
import { clamp, roundHalfUp } from '../int/arith.ts';
import type { Preprocessing } from '../package/types.ts';

/** Applies preprocessing constants to a raw input of the given shape. */
export function preprocess(p: Preprocessing | undefined, x: Float32Array, shape: readonly number[]): Float32Array {
  if (!p || (p.scale === undefined && !p.mean && !p.std)) return x;
  const C = shape.length > 1 ? shape[1] : 1;
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const pick = (v: readonly number[] | undefined, c: number, d: number): number => {
    if (!v || v.length === 0) return d;
    if (v.length === 1) return v[0];
    if (v.length !== C) throw new RangeError(`preprocessing: expected 1 or ${C} values per channel, got ${v.length}`);
    return v[c];
  };
  const sc = p.scale ?? 1;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const c = Math.floor(i / inner) % C;
    out[i] = (x[i] * sc - pick(p.mean, c, 0)) / pick(p.std, c, 1);
  }
  return out;
}

/** Quantizes floats to int8 at `scale` (round half up, saturating). */
export function quantizeFloats(x: Float32Array, scale: number): Int8Array {
  const q = new Int8Array(x.length);
  for (let i = 0; i < x.length; i++) q[i] = clamp(roundHalfUp(x[i] / scale), -128, 127);
  return q;
}
