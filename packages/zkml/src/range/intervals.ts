/**
 * Interval bounds of integer sums (interval arithmetic, Moore 1966): for y = b + Σ_k w_k·x_k with
 * x_k ∈ [xlo, xhi] (xlo ≤ 0 ≤ xhi, zero padding allowed), each term lies in
 * [min(w·xlo, w·xhi), max(w·xlo, w·xhi)]. Two bounds are kept per output channel: the interval of
 * the final sum (what requantization sees) and the sum of term magnitudes (a bound on every
 * partial sum, whatever order a prover adds the terms in).
 */

/** Per-channel bounds of a sum of products. */
export interface ChannelBounds {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Σ|b| + Σ max|term|: bounds every partial sum. */
  readonly abs: Float64Array;
}

/**
 * Bounds of y_c = b_c + Σ_k w[c, k]·x_k for channel-major weights.
 * @param w weights, `channels` blocks of `perChannel`
 * @param b bias per channel (or undefined)
 * @param xlo lowest input value (≤ 0 after widening)
 * @param xhi highest input value (≥ 0 after widening)
 */
export function dotBounds(w: Int8Array | Int32Array, b: Int8Array | Int32Array | undefined, channels: number, perChannel: number, xlo: number, xhi: number): ChannelBounds {
  const lo0 = Math.min(xlo, 0);
  const hi0 = Math.max(xhi, 0);
  const lo = new Float64Array(channels);
  const hi = new Float64Array(channels);
  const abs = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let sp = 0;
    let sn = 0;
    for (let k = 0; k < perChannel; k++) {
      const wv = w[c * perChannel + k];
      if (wv > 0) {
        sp += wv;
      } else {
        sn -= wv;
      }
    }
    // Σ w·x with w ≥ 0 spans [sp·lo0, sp·hi0]; with w < 0 spans [−sn·hi0, −sn·lo0].
    const bias = b ? b[c] : 0;
    lo[c] = bias + sp * lo0 - sn * hi0;
    hi[c] = bias + sp * hi0 - sn * lo0;
    abs[c] = Math.abs(bias) + (sp + sn) * Math.max(-lo0, hi0);
  }
  return { lo, hi, abs };
}
