/**
 * Integer multipliers for requantization: a real factor m > 0 becomes (M, s) with M < 2^15 and
 * 13 ≤ s ≤ 27, m ≈ M / 2^s (Jacob et al., CVPR 2018, §2.2, without their normalization to
 * [0.5, 1): a plain fixed-point multiplier is what the split requantization needs).
 *
 * Why these bounds: M < 2^15 keeps l·M + 2^(s−1) < (2^13−1)(2^15−1) + 2^26 < 2^29 for any s ≤ 27,
 * and s ≤ 27 keeps h·M + c = q·2^(s−13) + r2 below 2^29 whenever |q| < 2^15 (the clamp table's
 * domain). The largest s that fits gives M ≥ 2^14 (15 significant bits, relative error ≤ 2^-15)
 * whenever m ≥ 2^-13; smaller factors keep s = 27 and lose precision gradually.
 */
import { roundHalfUp, SHIFT_MIN } from '../int/arith.ts';
import { VouchError } from '../int/core.ts';

/** Largest shift the quantizer emits. */
export const QUANT_SHIFT_MAX = 27;
/** Multipliers the quantizer emits are < 2^15. */
export const QUANT_MULTIPLIER_LIMIT = 32768;

/** A requantization factor m ≈ M / 2^s. */
export interface FixedMultiplier {
  readonly m: number;
  readonly s: number;
}

/** A real factor cannot be represented (not finite, ≤ 0, or ≥ 4 so that s would drop below 13). */
export class MultiplierError extends VouchError {
  override name = 'MultiplierError';
  constructor(what: string, real: number) {
    super('MULTIPLIER', `${what}: expected a requantization factor in (0, 4), got ${real}`);
  }
}

/**
 * Chooses (M, s) for a real factor: the largest s ≤ 27 with round(m·2^s) < 2^15.
 * @param real the factor, 0 < real < 4
 * @param what a name for error messages
 * @throws {MultiplierError} when no s ≥ 13 fits
 * @example chooseMultiplier(0.0123) // { m: 25796, s: 21 }
 */
export function chooseMultiplier(real: number, what = 'multiplier'): FixedMultiplier {
  if (!Number.isFinite(real) || real <= 0) throw new MultiplierError(what, real);
  let s = Math.min(QUANT_SHIFT_MAX, Math.floor(Math.log2((QUANT_MULTIPLIER_LIMIT - 1) / real)));
  let m = roundHalfUp(real * 2 ** s);
  while (m >= QUANT_MULTIPLIER_LIMIT && s > SHIFT_MIN) {
    s -= 1;
    m = roundHalfUp(real * 2 ** s);
  }
  if (s < SHIFT_MIN || m >= QUANT_MULTIPLIER_LIMIT) throw new MultiplierError(what, real);
  return { m, s };
}
