/**
 * Reed–Solomon encoding over BabyBear on multiplicative cosets of power-of-two subgroups.
 *
 * Convention: a message of k ≤ n field elements is read as the coefficients of f(X) = Σ_{i<k} m_i X^i
 * (degree < k); its codeword of length n is (f(shift·ω_n^j))_{j<n}, ω_n = rootOfUnity(log2 n),
 * in natural order j = 0..n−1. The code RS[F_p, shift·⟨ω_n⟩, k] has rate k/n and minimum
 * distance n − k + 1. With shift = 1 the domain is the subgroup itself; a shift outside ⟨ω_n⟩
 * (e.g. the generator 31) gives a domain disjoint from every power-of-two subgroup, which
 * Ligero-style commitments use to keep the codeword positions disjoint from message positions.
 * Reference: Ames et al., Ligero (CCS 2017), §3 (interleaved Reed–Solomon codes).
 */
import { P, mul, add } from '../field/babybear.ts';
import { rootOfUnity } from '../field/babybear.ts';
import { cosetNtt, intt, log2Exact } from './ntt.ts';

/**
 * The Reed–Solomon codeword of length n of the message `coeffs` (as polynomial coefficients)
 * on the coset shift·⟨ω_n⟩: codeword[j] = Σ_i coeffs[i]·(shift·ω_n^j)^i.
 * @param coeffs - k ≤ n message symbols.
 * @param n - codeword length, a power of two.
 * @param shift - non-zero coset offset.
 * @throws RangeError when k > n, n is not a power of two, or shift is 0.
 */
export function rsEncode(coeffs: Uint32Array, n: number, shift: number): Uint32Array {
  return cosetNtt(coeffs, shift, n);
}

/**
 * Coefficients c (length n) of the unique polynomial of degree < n with c(ω_n^j) = values[j]
 * for every j < n, n = values.length a power of two (the inverse NTT). Returns a new array.
 * @throws RangeError when the length is not a power of two.
 */
export function interpolateSubgroup(values: Uint32Array): Uint32Array {
  const out = Uint32Array.from(values);
  intt(out);
  return out;
}

/**
 * Plain O(n·k) reference for {@link rsEncode}: evaluates Σ_i coeffs[i]·x^i by Horner at each
 * x_j = shift·ω_n^j. Used by tests to check the fast path; do not use in hot code.
 */
export function rsEncodeReference(coeffs: Uint32Array, n: number, shift: number): Uint32Array {
  const w = rootOfUnity(log2Exact(n, 'rsEncodeReference'));
  const out = new Uint32Array(n);
  let x = shift % P;
  for (let j = 0; j < n; j++) {
    let acc = 0;
    for (let i = coeffs.length - 1; i >= 0; i--) acc = add(mul(acc, x), coeffs[i]);
    out[j] = acc;
    x = mul(x, w);
  }
  return out;
}
