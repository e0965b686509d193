/**
 * The masking rows committed with every witness (docs/parts/ligero.md, "Masking rows").
 *
 * Every committed row has degree < k = ℓ + t, so the proximity test covers all of them. Each test's
 * ext response is masked by an ext polynomial built from 4 base rows per coordinate (X^c, c < 4):
 * - M_P (rows proximity+c): uniform of degree < k. Proximity response q_P = Σ u_r f_r + M_P.
 * - M_L = M_L0 + X^ℓ·M_L1 (rows linear0+c, linear1+c): M_L0, M_L1 uniform of degree < k conditioned
 *   on Σ_{x∈H} M_L(x) = 0, so deg M_L < ℓ + k. Linear response q_L = Σ ā_r f_r + M_L.
 *   The map (M_L0, M_L1) ↦ M_L has a t-dimensional kernel {(X^ℓ·c, −c) : deg c < t}, so given
 *   q_L the opened values M_L1(η_j) (t points) stay uniform.
 * - M_Q = M_Q0 + X^{t−1}·M_Q1 (rows quad0+c, quad1+c): uniform of degree < k each, deg M_Q < k + t − 1.
 *   Kernel {(X^{t−1}·c, −c) : deg c < ℓ + 1}, dimension ℓ + 1 ≥ t. Quadratic response Q' = Q + M_Q.
 */
import { P, sub } from '../field/babybear.ts';
import { MASK, MASK_ROWS, type LigeroShape } from './params.ts';
import type { LigeroRng } from './rng.ts';

/**
 * Samples the {@link MASK_ROWS} masking rows as coefficient vectors (row-major, MASK_ROWS × k).
 */
export function sampleMaskRows(shape: LigeroShape, rng: LigeroRng): Uint32Array {
  const k = shape.degreeBound;
  const l = shape.rowWidth;
  const rows = rng.field(MASK_ROWS * k);
  for (let c = 0; c < 4; c++) {
    const l0 = (MASK.linear0 + c) * k;
    const l1 = (MASK.linear1 + c) * k;
    // Σ_{x∈H} M_L(x) = ℓ·Σ_{m ≡ 0 mod ℓ} coeff_m(M_L); zero it by adjusting coeff_0(M_L0) = coeff_0(M_L).
    let s = 0;
    for (let m = 0; m < l + k; m += l) {
      if (m < k) s = (s + rows[l0 + m]) % P;
      if (m >= l && m - l < k) s = (s + rows[l1 + m - l]) % P;
    }
    rows[l0] = sub(rows[l0], s);
  }
  return rows;
}

/**
 * Coefficients of an ext mask M = M0 + X^shift·M1 (flat ext, `length` coefficients) from the
 * coefficient rows of M0 (rows r0..r0+3) and M1 (rows r1..r1+3).
 */
export function combineMask(coeffs: Uint32Array, k: number, r0: number, r1: number, shift: number, length: number): Uint32Array {
  const out = new Uint32Array(4 * length);
  for (let c = 0; c < 4; c++) {
    const a = (r0 + c) * k;
    const b = (r1 + c) * k;
    for (let i = 0; i < k && i < length; i++) out[4 * i + c] = coeffs[a + i];
    for (let i = 0; i < k && i + shift < length; i++) {
      const o = 4 * (i + shift) + c;
      const x = out[o] + coeffs[b + i];
      out[o] = x >= P ? x - P : x;
    }
  }
  return out;
}
