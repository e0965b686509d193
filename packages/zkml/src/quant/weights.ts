/**
 * Weight quantization: int8, symmetric, per output channel (Krishnamoorthi, "Quantizing deep
 * convolutional networks for efficient inference", 2018, §3.1): scale_c = max|w_c| / 127,
 * q = clamp(⌊w/scale_c + 1/2⌋, −127, 127) (−128 is never used, so the range is symmetric).
 * An all-zero channel gets scale 1. Bias: int32 at scale s_in·scale_c, rounded half up.
 */
import { clamp, roundHalfUp } from '../int/arith.ts';

/** Per-channel int8 weights with their (private) scales. */
export interface QuantizedWeights {
  readonly q: Int8Array;
  readonly scales: Float64Array;
}

/**
 * Quantizes a weight tensor laid out channel-major: `channels` blocks of `perChannel` values.
 * @param w float weights, length channels·perChannel
 * @param channels number of output channels
 * @returns int8 weights and per-channel scales
 */
export function quantizeWeights(w: Float32Array, channels: number, perChannel: number): QuantizedWeights {
  if (w.length !== channels * perChannel) throw new RangeError(`weights: expected ${channels}·${perChannel} values, got ${w.length}`);
  const q = new Int8Array(w.length);
  const scales = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let mx = 0;
    for (let k = 0; k < perChannel; k++) mx = Math.max(mx, Math.abs(w[c * perChannel + k]));
    const sc = mx > 0 ? mx / 127 : 1;
    scales[c] = sc;
    for (let k = 0; k < perChannel; k++) q[c * perChannel + k] = clamp(roundHalfUp(w[c * perChannel + k] / sc), -127, 127);
  }
  return { q, scales };
}

/**
 * Quantizes a bias to int32 at scale sIn·wScale[c].
 * @throws {RangeError} if a quantized bias exceeds 2^28 in magnitude (the layer would not fit the field)
 */
export function quantizeBias(b: Float32Array | undefined, sIn: number, wScales: Float64Array): Int32Array {
  const out = new Int32Array(wScales.length);
  if (!b) return out;
  if (b.length !== wScales.length) throw new RangeError(`bias: expected ${wScales.length} values, got ${b.length}`);
  for (let c = 0; c < out.length; c++) {
    const v = roundHalfUp(b[c] / (sIn * wScales[c]));
    if (!(Math.abs(v) <= 2 ** 28)) throw new RangeError(`bias[${c}]: expected |b/(s_in·s_w)| ≤ 2^28, got ${v}`);
    out[c] = v;
  }
  return out;
}
