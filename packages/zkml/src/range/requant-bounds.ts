/**
 * Bounds of the intermediates of the split requantization (see int/arith.ts) for an accumulator
 * in [accLo, accHi], a multiplier M and a shift s:
 *   h ∈ [⌊accLo/2^13⌋, ⌊accHi/2^13⌋],  l ∈ [0, 2^13),
 *   l·M + 2^(s−1) ∈ [2^(s−1), (2^13−1)·M + 2^(s−1)],  c ∈ [0, ⌊((2^13−1)·M + 2^(s−1)) / 2^13⌋],
 *   h·M + c ∈ [hLo·M, hHi·M + cMax],
 *   q = ⌊(acc·M + 2^(s−1)) / 2^s⌋ ∈ [q(accLo), q(accHi)] (monotone in acc for M ≥ 0).
 */
import { floorDivMod, REQUANT_LIMB } from '../int/arith.ts';

/** Bounds of one requantization's intermediates. */
export interface RequantBounds {
  /** max of l·M + 2^(s−1). */
  readonly lowMax: number;
  /** Interval of h·M + c. */
  readonly highLo: number;
  readonly highHi: number;
  /** Interval of the unclamped q. */
  readonly qLo: number;
  readonly qHi: number;
}

/** Bounds of the split requantization of acc ∈ [accLo, accHi] by (M, s). */
export function requantBounds(accLo: number, accHi: number, m: number, s: number): RequantBounds {
  const half = 2 ** (s - 1);
  const lowMax = (REQUANT_LIMB - 1) * m + half;
  const cMax = Math.floor(lowMax / REQUANT_LIMB);
  const hLo = Math.floor(accLo / REQUANT_LIMB);
  const hHi = Math.floor(accHi / REQUANT_LIMB);
  return {
    lowMax,
    highLo: hLo * m,
    highHi: hHi * m + cMax,
    qLo: floorDivMod(accLo * m + half, 2 ** s)[0],
    qHi: floorDivMod(accHi * m + half, 2 ** s)[0],
  };
}
