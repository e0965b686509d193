/**
 * Row encoding of the zero-knowledge Ligero commitment (Frigo–shelat, "Anonymous credentials from
 * ECDSA", §4.2; draft-google-cfrg-libzk, Ligero commitment; Ames et al. CCS 2017, §4.1).
 *
 * A witness row w ∈ F_p^ℓ becomes f(X) = g(X) + Z_H(X)·h(X) where g is the interpolant of w on
 * H = ⟨ω_ℓ⟩ (g(ω_ℓ^i) = w_i), Z_H = X^ℓ − 1 and h is uniformly random of degree < t. In coefficients:
 *   f = [g_0 − h_0, …, g_{t−1} − h_{t−1}, g_t, …, g_{ℓ−1}, h_0, …, h_{t−1}]   (terms added when t > ℓ)
 * so deg f < k = ℓ + t, f = w on H, and f's values at any t points outside H are uniform and
 * independent of w (h's t coefficients are hit by an invertible Vandermonde map scaled by Z_H ≠ 0).
 * Codewords are f's evaluations on D = 31·⟨ω_n⟩, disjoint from H.
 */
import { P, add, sub, mul, pow, rootOfUnity, batchInv } from '../field/babybear.ts';
import { intt } from '../ntt/ntt.ts';
import { COSET_SHIFT, type LigeroShape } from './params.ts';

/**
 * Coefficients (length k = ℓ + t) of f = interpolant(row) + (X^ℓ − 1)·h.
 * @param row - ℓ canonical values (the message on H).
 * @param h - t random coefficients.
 */
export function rowPolynomial(row: Uint32Array, h: Uint32Array, k: number): Uint32Array {
  const l = row.length;
  const t = h.length;
  if (k !== l + t) throw new RangeError(`rowPolynomial: expected k = ℓ + t = ${l + t}, got ${k}`);
  const out = new Uint32Array(k);
  out.set(row);
  intt(out.subarray(0, l));
  for (let i = 0; i < t; i++) {
    out[i] = sub(out[i], h[i]);
    out[l + i] = add(out[l + i], h[i]);
  }
  return out;
}

/** The query points η_j = 31·ω_n^{idx_j} of D. */
export function queryPoints(shape: LigeroShape, indices: readonly number[]): Uint32Array {
  const w = rootOfUnity(shape.logCodeLength);
  const out = new Uint32Array(indices.length);
  for (let j = 0; j < indices.length; j++) out[j] = mul(COSET_SHIFT, pow(w, indices[j]));
  return out;
}

/**
 * Lagrange basis of H at the points x_j ∉ H: out[j·ℓ + i] = L_i(x_j) = ζ_i·(x_j^ℓ − 1)/(ℓ·(x_j − ζ_i)),
 * ζ_i = ω_ℓ^i. One batch inversion for all t·ℓ denominators. All values are in F_p (D ⊂ F_p).
 * @throws RangeError if some x_j lies in H.
 */
export function lagrangeAtPoints(rowWidth: number, xs: Uint32Array): Uint32Array {
  const l = rowWidth;
  const zeta = rootOfUnity(Math.log2(l));
  const zetas = new Uint32Array(l);
  let z = 1;
  for (let i = 0; i < l; i++) {
    zetas[i] = z;
    z = mul(z, zeta);
  }
  const t = xs.length;
  const den = new Uint32Array(t * l);
  const lInv = pow(l % P, P - 2);
  for (let j = 0; j < t; j++) {
    for (let i = 0; i < l; i++) {
      const d = sub(xs[j], zetas[i]);
      if (d === 0) throw new RangeError(`lagrangeAtPoints: expected points outside H, got x_${j} = ζ_${i}`);
      den[j * l + i] = d;
    }
  }
  const inv = batchInv(den);
  for (let j = 0; j < t; j++) {
    const zh = mul(sub(pow(xs[j], l), 1), lInv);
    for (let i = 0; i < l; i++) inv[j * l + i] = mul(mul(inv[j * l + i], zetas[i]), zh);
  }
  return inv;
}

/** Plain reference of {@link lagrangeAtPoints}: L_i(x) = Π_{m≠i} (x − ζ_m)/(ζ_i − ζ_m). */
export function lagrangeAtPointsReference(rowWidth: number, xs: Uint32Array): Uint32Array {
  const l = rowWidth;
  const zeta = rootOfUnity(Math.log2(l));
  const zs = Array.from({ length: l }, (_, i) => pow(zeta, i));
  const out = new Uint32Array(xs.length * l);
  for (let j = 0; j < xs.length; j++) {
    for (let i = 0; i < l; i++) {
      let num = 1;
      let den = 1;
      for (let m = 0; m < l; m++) {
        if (m === i) continue;
        num = mul(num, sub(xs[j], zs[m]));
        den = mul(den, sub(zs[i], zs[m]));
      }
      out[j * l + i] = mul(num, pow(den, P - 2));
    }
  }
  return out;
}

/**
 * Σ_{x∈H} q(x) for q given by ext coefficients (flat): ℓ·Σ_{m ≡ 0 mod ℓ} q_m, since Σ_{x∈H} x^m is
 * ℓ when ℓ | m and 0 otherwise.
 */
export function sumOverH(coeffs: Uint32Array, rowWidth: number): Uint32Array {
  const out = new Uint32Array(4);
  const n = coeffs.length / 4;
  for (let m = 0; m < n; m += rowWidth) for (let c = 0; c < 4; c++) out[c] = add(out[c], coeffs[4 * m + c]);
  for (let c = 0; c < 4; c++) out[c] = mul(out[c], rowWidth % P);
  return out;
}

/** Z_H(x) = x^ℓ − 1 at each point of D (n values), inverted: the quotient Q = P/Z_H is computed on D. */
export function vanishingInverseOnDomain(shape: LigeroShape): Uint32Array {
  const n = shape.codeLength;
  const l = shape.rowWidth;
  // (31·ω_n^x)^ℓ = 31^ℓ·(ω_n^ℓ)^x takes n/ℓ distinct values (period n/ℓ when ℓ ≤ n).
  const period = Math.max(1, n / l);
  const base = pow(COSET_SHIFT, l);
  const step = pow(rootOfUnity(shape.logCodeLength), l);
  const vals = new Uint32Array(period);
  let x = base;
  for (let i = 0; i < period; i++) {
    vals[i] = sub(x, 1);
    x = mul(x, step);
  }
  const inv = batchInv(vals);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = inv[i % period];
  return out;
}
