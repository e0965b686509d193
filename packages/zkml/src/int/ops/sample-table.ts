/**
 * The public weight table of temperature sampling (docs/parts/inference-transformer.md, "Decoding"):
 *   W_T[q] = ⌊2^15 · exp(−16·q · s / T) + 1/2⌋   for q ∈ [0, 4096)   (W_T[0] = 2^15)
 * indexed by q = ⌊δ/16⌋, δ = max logit − logit ∈ [0, 2^16): logits differing by less than 16
 * units (16·s in real terms) share a weight. s is the scale of the int16 logits (package settings, outputScales[0]) and T the decoding
 * temperature (package hidden.decoding, bound in the model id). Prover and verifier each compute the
 * table, so it must be bit-identical on every JavaScript engine: {@link detExp} uses only IEEE-754
 * +, −, ×, ÷ (correctly rounded, hence deterministic) in a fixed order — never Math.exp, whose last
 * bit is engine-dependent.
 */

/** Weight of the most likely token (δ = 0): the table's scale. */
export const SAMPLE_WEIGHT_ONE = 1 << 15;
/** log2 of the logit units per table step (δ = 16·q + rem). */
export const SAMPLE_TABLE_SHIFT = 4;
/** Table entries: q ∈ [0, 2^(16 − 4)). */
export const SAMPLE_TABLE_SIZE = 1 << (16 - SAMPLE_TABLE_SHIFT);

/**
 * exp(−y) for y ≥ 0 with basic IEEE operations only: y is halved n times until y/2^n ≤ 1/16
 * (exact), a degree-12 Taylor polynomial is evaluated by Horner, and the result is squared n times.
 * Relative error below 1e-13 for y ≤ 64; returns 0 for y > 64 (2^15·e^−64 rounds to 0).
 * @throws RangeError when y is negative or not finite.
 */
export function detExp(y: number): number {
  if (!(y >= 0) || !Number.isFinite(y)) throw new RangeError(`detExp: expected a finite y ≥ 0, got ${y}`);
  if (y > 64) return 0;
  let n = 0;
  let z = y;
  while (z > 1 / 16) {
    z /= 2;
    n++;
  }
  let e = 1;
  for (let i = 12; i >= 1; i--) e = 1 - (z / i) * e;
  for (let i = 0; i < n; i++) e *= e;
  return e;
}

/**
 * The 4096-entry weight table W_T (index q = ⌊(max logit − logit)/16⌋).
 * @param scale the logits' scale s (> 0, finite)
 * @param temperature T (> 0, finite)
 * @throws RangeError on a non-positive or non-finite scale or temperature.
 * @example
 * sampleTable(0.0025, 0.8)[0]; // 32768
 */
export function sampleTable(scale: number, temperature: number): Int32Array {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`sampleTable: expected a positive finite logit scale, got ${scale}`);
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`sampleTable: expected a positive finite temperature, got ${temperature}`);
  const c = scale / temperature;
  return Int32Array.from({ length: SAMPLE_TABLE_SIZE }, (_, q) => Math.floor(SAMPLE_WEIGHT_ONE * detExp(q * (1 << SAMPLE_TABLE_SHIFT) * c) + 0.5));
}
